package io.swimdiscovery.spring.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.event.PrimaryChangedEvent;
import io.swimdiscovery.spring.event.PrimaryGrantedEvent;
import io.swimdiscovery.spring.event.PrimaryRevokedEvent;
import io.swimdiscovery.spring.support.TestApps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three instances of one service with roles on, as users run them (full auto-configuration, web,
 * actuator) on loopback: exactly one is primary, and everything a user reads says so (the bean,
 * the events, the gossiped metadata, {@code /actuator/swim}, health, the gauge); a graceful
 * shutdown of the primary hands the role over with a higher token.
 */
class SwimRolesIntegrationTests {

    private static final List<String> FAST_ROLES = List.of(
            "swim.roles.enabled=true",
            "swim.roles.step-down-after=2s",
            "swim.roles.safety-margin=200ms",
            "swim.roles.formation-delay=1s");

    private final TestApps apps = new TestApps();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        this.apps.close();
    }

    @Test
    void exactlyOneInstanceIsPrimaryAndEveryViewSaysSo() throws Exception {
        List<ConfigurableApplicationContext> all = List.of(
                this.apps.start("orders", "orders-1", FAST_ROLES, RoleEvents.class),
                this.apps.start("orders", "orders-2", FAST_ROLES, RoleEvents.class),
                this.apps.start("orders", "orders-3", FAST_ROLES, RoleEvents.class));
        ConfigurableApplicationContext primary = awaitOnePrimary(all);
        SwimRoles roles = primary.getBean(SwimRoles.class);
        long token = roles.fencingToken();
        assertThat(token).isPositive();
        String primaryName = roles.primary().map(ServiceInstance::getInstanceId).orElseThrow();
        assertThat(primaryName).isEqualTo(name(primary));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(primary.getBean(RoleEvents.class).granted)
                .extracting(PrimaryGrantedEvent::getToken)
                .contains(token));
        for (ConfigurableApplicationContext app : all) {
            // Gossiped metadata: every instance routes to the same primary, the local one included.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                            app.getBean(SwimRoles.class).primaryOf("orders"))
                    .hasValueSatisfying((instance) -> {
                        assertThat(instance.getInstanceId()).isEqualTo(primaryName);
                        assertThat(instance.getMetadata()).containsEntry(SwimMetadata.ROLE_TOKEN, Long.toString(token));
                    }));
            boolean isPrimary = app == primary;
            String role = isPrimary ? "primary" : "secondary";
            JsonNode swim = json(app, "/actuator/swim");
            assertThat(swim.get("role").get("role").asString()).isEqualTo(role);
            assertThat(swim.get("role").get("group").asString()).isEqualTo("orders");
            assertThat(swim.get("role").get("leaseUntil").isNull()).isEqualTo(!isPrimary);
            JsonNode health = json(app, "/actuator/health").get("components").get("swim");
            assertThat(health.get("status").asString()).isEqualTo("UP");
            assertThat(health.get("details").get("role").asString()).isEqualTo(role);
            assertThat(app.getBean(MeterRegistry.class).get("swim.role").gauge().value())
                    .isEqualTo(isPrimary ? 1.0 : 0.0);
        }
        for (ConfigurableApplicationContext app : all) {
            if (app != primary) {
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(app.getBean(RoleEvents.class).changed)
                                .anySatisfy((event) -> {
                                    assertThat(event.getMember().name()).isEqualTo(primaryName);
                                    assertThat(event.getToken()).isEqualTo(token);
                                }));
                assertThat(app.getBean(RoleEvents.class).granted).isEmpty();
            }
        }
    }

    @Test
    void aPrimaryThatShutsDownGracefullyRevokesFirstAndAnotherTakesOverWithAHigherToken() {
        List<ConfigurableApplicationContext> all = new CopyOnWriteArrayList<>(List.of(
                this.apps.start("orders", "orders-1", FAST_ROLES, RoleEvents.class),
                this.apps.start("orders", "orders-2", FAST_ROLES, RoleEvents.class),
                this.apps.start("orders", "orders-3", FAST_ROLES, RoleEvents.class)));
        ConfigurableApplicationContext old = awaitOnePrimary(all);
        long oldToken = old.getBean(SwimRoles.class).fencingToken();
        RoleEvents oldEvents = old.getBean(RoleEvents.class);
        all.remove(old);
        old.close();
        assertThat(oldEvents.revoked).anySatisfy((event) -> {
            assertThat(event.getToken()).isEqualTo(oldToken);
            assertThat(event.getReason()).isEqualTo("leave");
        });
        ConfigurableApplicationContext successor = awaitOnePrimary(all);
        assertThat(successor.getBean(SwimRoles.class).fencingToken()).isGreaterThan(oldToken);
    }

    // Bounded: formation (1 s) plus a few heartbeats, or a hand-over, take seconds on loopback.
    private static ConfigurableApplicationContext awaitOnePrimary(List<ConfigurableApplicationContext> apps) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(apps)
                .filteredOn((app) -> app.getBean(SwimRoles.class).isPrimary())
                .hasSize(1));
        return apps.stream()
                .filter((app) -> app.getBean(SwimRoles.class).isPrimary())
                .findFirst()
                .orElseThrow();
    }

    private static String name(ConfigurableApplicationContext app) {
        return app.getEnvironment().getRequiredProperty("swim.node-name");
    }

    private JsonNode json(ConfigurableApplicationContext app, String path) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpResponse<String> response = this.http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder().build().readTree(response.body());
    }

    /** The role events one application received, in order. */
    static class RoleEvents {

        final List<PrimaryGrantedEvent> granted = new CopyOnWriteArrayList<>();

        final List<PrimaryRevokedEvent> revoked = new CopyOnWriteArrayList<>();

        final List<PrimaryChangedEvent> changed = new CopyOnWriteArrayList<>();

        @EventListener
        void on(PrimaryGrantedEvent event) {
            this.granted.add(event);
        }

        @EventListener
        void on(PrimaryRevokedEvent event) {
            this.revoked.add(event);
        }

        @EventListener
        void on(PrimaryChangedEvent event) {
            this.changed.add(event);
        }
    }
}
