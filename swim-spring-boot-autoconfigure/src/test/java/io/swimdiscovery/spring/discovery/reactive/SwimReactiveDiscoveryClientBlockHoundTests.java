package io.swimdiscovery.spring.discovery.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The read path never blocks a non-blocking thread. Runs under BlockHound (installed by its JUnit
 * platform integration, in a JVM of its own: see the module pom). Every read below is subscribed
 * on Reactor's parallel scheduler, whose threads BlockHound watches, against two applications
 * forming a SWIM cluster on loopback. Reading through the node's protocol thread, as discovery
 * once did, parks the caller on a future and fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwimReactiveDiscoveryClientBlockHoundTests {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    private ConfigurableApplicationContext client;

    @BeforeAll
    void startCluster() {
        // The JUnit integration has installed it in the blockhound execution; installing is
        // idempotent, and makes a -Dtest run of this class alone watched too.
        BlockHound.install();
        ConfigurableApplicationContext first = start("billing-1", null);
        String seed = first.getBean(SwimLifecycle.class)
                .getNode()
                .localMember()
                .address()
                .toString();
        start("billing-2", seed);
        this.client = start("client", seed);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        this.client.getBean(DiscoveryClient.class).getInstances("billing"))
                .hasSize(3));
        // Build the load balancer's child context here, on a thread allowed to block: creating beans is not a read.
        this.client.getBean(LoadBalancerClientFactory.class).getInstance("billing");
    }

    @AfterAll
    void stopCluster() {
        for (ConfigurableApplicationContext context : this.contexts) {
            context.close();
        }
    }

    @Test
    void blockHoundIsWatchingTheParallelScheduler() {
        Mono<String> sleeping = Mono.fromCallable(() -> {
                    Thread.sleep(1);
                    return "slept";
                })
                .subscribeOn(Schedulers.parallel());
        assertThatThrownBy(() -> sleeping.block(Duration.ofSeconds(5)))
                .hasCauseInstanceOf(BlockingOperationError.class);
    }

    @Test
    void reactiveDiscoveryNeverBlocks() {
        ReactiveDiscoveryClient discovery = this.client.getBean(ReactiveDiscoveryClient.class);
        for (int i = 0; i < 100; i++) {
            List<ServiceInstance> instances = discovery
                    .getInstances("billing")
                    .collectList()
                    .subscribeOn(Schedulers.parallel())
                    .block(Duration.ofSeconds(5));
            assertThat(instances)
                    .extracting(ServiceInstance::getInstanceId)
                    .containsExactly("billing-1", "billing-2", "client");
        }
        assertThat(discovery
                        .getServices()
                        .collectList()
                        .subscribeOn(Schedulers.parallel())
                        .block(Duration.ofSeconds(5)))
                .contains("billing");
    }

    @Test
    void blockingDiscoveryCalledFromAnEventLoopDoesNotBlockEither() {
        DiscoveryClient discovery = this.client.getBean(DiscoveryClient.class);
        List<ServiceInstance> instances = Mono.fromCallable(() -> discovery.getInstances("billing"))
                .subscribeOn(Schedulers.parallel())
                .block(Duration.ofSeconds(5));
        assertThat(instances).hasSize(3);
    }

    @Test
    void loadBalancerChooseNeverBlocks() {
        LoadBalancerClientFactory loadBalancers = this.client.getBean(LoadBalancerClientFactory.class);
        for (int i = 0; i < 100; i++) {
            Response<ServiceInstance> response = Mono.from(
                            loadBalancers.getInstance("billing").choose())
                    .subscribeOn(Schedulers.parallel())
                    .block(Duration.ofSeconds(5));
            assertThat(response.hasServer()).isTrue();
        }
    }

    private ConfigurableApplicationContext start(String name, String seed) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.application.name=billing",
                "swim.port=0",
                "swim.bind-address=127.0.0.1",
                "swim.profile=local",
                "swim.node-name=" + name,
                "swim.service.port=" + (18000 + this.contexts.size()),
                "spring.main.banner-mode=off",
                "logging.level.root=warn"));
        if (seed != null) {
            properties.add("swim.seeds=" + seed);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new))
                .run();
        this.contexts.add(context);
        return context;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {}
}
