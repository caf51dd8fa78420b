package io.swimdiscovery.spring.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.spring.support.TestApps;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * HeartbeatEvent as Spring Cloud Gateway and Spring Boot Admin consume it, from real applications
 * on loopback: a new value only when what discovery lists changed, at most one per interval.
 */
class SwimHeartbeatIntegrationTests {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private final TestApps apps = new TestApps();

    @AfterEach
    void stop() {
        this.apps.close();
    }

    @Test
    void aJoinChangesTheValueAndEveryEventCarriesANewOneOnTheHeartbeatThread() {
        ConfigurableApplicationContext a =
                this.apps.start("orders", "orders-a", List.of("swim.heartbeat.interval=100ms"), Heartbeats.class);
        Heartbeats heartbeats = a.getBean(Heartbeats.class);
        await().atMost(BOUND).until(() -> !heartbeats.values.isEmpty());
        int before = heartbeats.values.size();
        Object lastBefore = heartbeats.values.get(before - 1);
        ConfigurableApplicationContext b = this.apps.start("orders", "orders-b");
        await().atMost(BOUND).until(() -> TestApps.instanceIds(a, "orders").size() == 2);
        await().atMost(BOUND).until(() -> heartbeats.values.size() > before);
        assertThat(heartbeats.values.get(heartbeats.values.size() - 1)).isNotEqualTo(lastBefore);
        for (int i = 1; i < heartbeats.values.size(); i++) {
            assertThat(heartbeats.values.get(i))
                    .as("event %d repeats the value before it", i)
                    .isNotEqualTo(heartbeats.values.get(i - 1));
        }
        assertThat(heartbeats.threads).containsOnly("swim-heartbeat");
        b.close();
    }

    @Test
    void changesWithinTheIntervalAreCoalescedIntoOneEvent() {
        ConfigurableApplicationContext a =
                this.apps.start("orders", "orders-a", List.of("swim.heartbeat.interval=1h"), Heartbeats.class);
        Heartbeats heartbeats = a.getBean(Heartbeats.class);
        await().atMost(BOUND).until(() -> heartbeats.values.size() == 1);
        this.apps.start("orders", "orders-b");
        this.apps.start("orders", "orders-c");
        await().atMost(BOUND).until(() -> TestApps.instanceIds(a, "orders").size() == 3);
        // Two changes of the view since the first event, all within the hour: still one event.
        assertThat(heartbeats.values).hasSize(1);
    }

    @Test
    void canBeSwitchedOff() {
        ConfigurableApplicationContext a =
                this.apps.start("orders", "orders-a", List.of("swim.heartbeat.enabled=false"), Heartbeats.class);
        this.apps.start("orders", "orders-b");
        await().atMost(BOUND).until(() -> TestApps.instanceIds(a, "orders").size() == 2);
        assertThat(a.getBeansOfType(SwimHeartbeatPublisher.class)).isEmpty();
        assertThat(a.getBean(Heartbeats.class).values).isEmpty();
    }

    @Configuration(proxyBeanMethods = false)
    static class Heartbeats implements ApplicationListener<HeartbeatEvent> {

        final List<Object> values = new CopyOnWriteArrayList<>();

        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(HeartbeatEvent event) {
            // Commons publishes its own HeartbeatEvents from other sources; count ours.
            if (event.getSource() instanceof SwimHeartbeatPublisher) {
                this.values.add(event.getValue());
                this.threads.add(Thread.currentThread().getName());
            }
        }
    }
}
