package io.swimdiscovery.spring.availability;

import static io.swimdiscovery.spring.support.TestApps.instanceIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.support.TestApps;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Boot's readiness decides whether other members route to an instance: real applications on
 * loopback, one watching the other's discovery listing.
 */
class SwimAvailabilityIntegrationTests {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private final TestApps apps = new TestApps();

    @AfterEach
    void stop() {
        this.apps.close();
    }

    @Test
    void instanceIsAMemberButNotRoutableUntilTheApplicationIsReady() throws Exception {
        ConfigurableApplicationContext watcher = this.apps.start("watcher", "watcher");
        CompletableFuture<ConfigurableApplicationContext> slow =
                CompletableFuture.supplyAsync(() -> this.apps.start("orders", "orders-1", SlowRunner.class));
        try {
            // The runner holds the application before ACCEPTING_TRAFFIC: it is in the cluster, not in discovery.
            await().atMost(BOUND)
                    .untilAsserted(() -> assertThat(member(watcher, "orders-1")).isNotNull());
            assertThat(member(watcher, "orders-1").metadata())
                    .containsEntry(SwimMetadata.STATUS, SwimMetadata.STATUS_OUT_OF_SERVICE);
            assertThat(instanceIds(watcher, "orders")).isEmpty();
        } finally {
            SlowRunner.RELEASE.countDown();
        }
        ConfigurableApplicationContext orders = slow.get(30, TimeUnit.SECONDS);
        await().atMost(BOUND)
                .untilAsserted(() -> assertThat(instanceIds(watcher, "orders")).containsExactly("orders-1"));

        AvailabilityChangeEvent.publish(orders, ReadinessState.REFUSING_TRAFFIC);
        await().atMost(BOUND)
                .untilAsserted(() -> assertThat(instanceIds(watcher, "orders")).isEmpty());
        assertThat(member(watcher, "orders-1").status().isReachable()).isTrue();

        AvailabilityChangeEvent.publish(orders, ReadinessState.ACCEPTING_TRAFFIC);
        await().atMost(BOUND)
                .untilAsserted(() -> assertThat(instanceIds(watcher, "orders")).containsExactly("orders-1"));
    }

    @Test
    void withHealthStatusOnAnUnhealthyApplicationIsNotRoutable() {
        ConfigurableApplicationContext watcher = this.apps.start("watcher", "watcher");
        this.apps.start(
                "orders",
                "orders-1",
                List.of("swim.readiness.health-status=true", "swim.readiness.health-check-interval=100ms"),
                Toggle.class);
        await().atMost(BOUND)
                .untilAsserted(() -> assertThat(instanceIds(watcher, "orders")).containsExactly("orders-1"));
        Toggle.STATUS.set(Status.DOWN);
        await().atMost(BOUND)
                .untilAsserted(() -> assertThat(instanceIds(watcher, "orders")).isEmpty());
        Toggle.STATUS.set(Status.UP);
        await().atMost(BOUND)
                .untilAsserted(() -> assertThat(instanceIds(watcher, "orders")).containsExactly("orders-1"));
    }

    @Test
    void readinessCanBeIgnored() {
        ConfigurableApplicationContext watcher = this.apps.start("watcher", "watcher");
        ConfigurableApplicationContext orders =
                this.apps.start("orders", "orders-1", List.of("swim.readiness.enabled=false"));
        await().atMost(BOUND)
                .untilAsserted(() -> assertThat(instanceIds(watcher, "orders")).containsExactly("orders-1"));
        AvailabilityChangeEvent.publish(orders, ReadinessState.REFUSING_TRAFFIC);
        // The gate publishes synchronously: had it reacted, the node's own metadata would say so now.
        assertThat(orders.getBean(SwimLifecycle.class).getNode().localMember().metadata())
                .containsEntry(SwimMetadata.STATUS, SwimMetadata.STATUS_UP);
    }

    private static Member member(ConfigurableApplicationContext context, String name) {
        return context.getBean(SwimLifecycle.class).members().stream()
                .filter((member) ->
                        member.name().equals(name) && member.status().isReachable())
                .findFirst()
                .orElse(null);
    }

    @Configuration(proxyBeanMethods = false)
    static class SlowRunner {

        static final CountDownLatch RELEASE = new CountDownLatch(1);

        @Bean
        ApplicationRunner holdBeforeReady() {
            return (args) -> RELEASE.await(60, TimeUnit.SECONDS);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Toggle {

        static final AtomicReference<Status> STATUS = new AtomicReference<>(Status.UP);

        @Bean
        HealthIndicator toggleHealthIndicator() {
            return () -> Health.status(STATUS.get()).build();
        }
    }
}
