package io.swimdiscovery.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClient;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClientAutoConfiguration;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.serviceregistry.SwimRegistration;
import io.swimdiscovery.spring.serviceregistry.SwimServiceRegistryAutoConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The node follows the application: started at refresh without a web server, left on close. */
class SwimLifecycleTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withPropertyValues(
                    "spring.application.name=worker",
                    "swim.port=0",
                    "swim.bind-address=127.0.0.1",
                    "swim.leave-timeout=1s")
            .withConfiguration(AutoConfigurations.of(
                    SwimAutoConfiguration.class,
                    SwimDiscoveryClientAutoConfiguration.class,
                    SwimServiceRegistryAutoConfiguration.class));

    @Test
    void nonWebApplicationWithoutAPortJoinsAsAClientOnlySoNobodyCallsPort80() {
        this.contextRunner.run((context) -> {
            SwimNode node = context.getBean(SwimLifecycle.class).getNode();
            assertThat(node.isRunning()).isTrue();
            assertThat(node.localMember().metadata()).doesNotContainKeys(SwimMetadata.SERVICE_ID, SwimMetadata.PORT);
            assertThat(context.getBean(SwimDiscoveryClient.class).getServices()).isEmpty();
        });
    }

    @Test
    void nonWebApplicationJoinsAtRefreshAndPublishesInstanceRegistered() {
        this.contextRunner
                .withPropertyValues("swim.service.port=9000")
                .withUserConfiguration(RegisteredEvents.class)
                .run((context) -> {
                    SwimNode node = context.getBean(SwimLifecycle.class).getNode();
                    assertThat(node).isNotNull();
                    assertThat(node.isRunning()).isTrue();
                    assertThat(node.localMember().metadata())
                            .containsEntry(SwimMetadata.SERVICE_ID, "worker")
                            .containsEntry(SwimMetadata.PORT, "9000");
                    await().atMost(Duration.ofSeconds(10))
                            .untilAsserted(() -> assertThat(context.getBean(RegisteredEvents.class).events)
                                    .hasSize(1));
                    assertThat(context.getBean(RegisteredEvents.class)
                                    .events
                                    .get(0)
                                    .getConfig())
                            .isSameAs(context.getBean(SwimRegistration.class));
                    assertThat(context.getBean(SwimDiscoveryClient.class).getServices())
                            .containsExactly("worker");
                });
    }

    @Test
    void closingTheContextLeavesTheClusterAndStopsTheNode() {
        SwimNode[] node = new SwimNode[1];
        SwimLifecycle[] lifecycle = new SwimLifecycle[1];
        this.contextRunner.run((context) -> {
            lifecycle[0] = context.getBean(SwimLifecycle.class);
            node[0] = lifecycle[0].getNode();
        });
        assertThat(lifecycle[0].hasLeft()).isTrue();
        assertThat(node[0].isRunning()).isFalse();
        assertThat(node[0].localMember().status()).isEqualTo(MemberStatus.LEFT);
    }

    @Test
    void userNodeIsStartedAndGetsTheServiceMetadata() {
        this.contextRunner
                .withPropertyValues("swim.service.port=9000")
                .withUserConfiguration(UserNode.class)
                .run((context) -> {
                    SwimNode node = context.getBean(SwimNode.class);
                    assertThat(node.isRunning()).isTrue();
                    await().atMost(Duration.ofSeconds(10))
                            .untilAsserted(() -> assertThat(node.localMember().metadata())
                                    .containsEntry("owner", "user")
                                    .containsEntry(SwimMetadata.SERVICE_ID, "worker"));
                });
    }

    @Test
    void lifecycleLeavesBeforeTheWebServerDrainsAndJoinsAfterItStarted() {
        // Spring starts phases ascending and stops them descending.
        assertThat(SwimLifecycle.PHASE)
                .isGreaterThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE)
                .isLessThan(SmartLifecycle.DEFAULT_PHASE);
        assertThat(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE)
                .isGreaterThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
    }

    @Configuration(proxyBeanMethods = false)
    static class RegisteredEvents implements ApplicationListener<InstanceRegisteredEvent<?>> {

        final List<InstanceRegisteredEvent<?>> events = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(InstanceRegisteredEvent<?> event) {
            this.events.add(event);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserNode {

        @Bean(destroyMethod = "close")
        SwimNode userSwimNode() {
            return SwimNode.builder()
                    .name("user-node")
                    .bindHost("127.0.0.1")
                    .bindPort(0)
                    .metadata(Map.of("owner", "user"))
                    .build();
        }
    }
}
