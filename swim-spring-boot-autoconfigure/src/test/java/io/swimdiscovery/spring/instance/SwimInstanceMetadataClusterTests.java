package io.swimdiscovery.spring.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.spring.autoconfigure.InvalidSwimPropertyException;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.serviceregistry.SwimRegistration;
import io.swimdiscovery.spring.serviceregistry.SwimServiceRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Address, ports and metadata as a peer sees them, on real applications forming a cluster on
 * loopback: the host-name option, {@code server.address}, management metadata for Spring Boot
 * Admin (same port and a separate management port), the pre-registration event and writes to
 * {@code Registration.getMetadata()}, a configuration refresh, and the failures and warnings a
 * bad address or oversized metadata give at startup.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class SwimInstanceMetadataClusterTests {

    private static final Duration FORMATION = Duration.ofSeconds(30);

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    private ConfigurableApplicationContext observer;

    private String seed;

    @BeforeAll
    void startObserver() {
        this.observer = start("observer", "observer", "swim.bind-address=127.0.0.1", "server.address=127.0.0.1");
        this.seed = this.observer
                .getBean(SwimLifecycle.class)
                .getNode()
                .localMember()
                .address()
                .toString();
    }

    @AfterAll
    void stopAll() {
        for (ConfigurableApplicationContext context : this.contexts) {
            context.close();
        }
    }

    @Test
    void hostNameOptionGivesCallersANameTheyCanCall() throws Exception {
        ConfigurableApplicationContext named = join(
                "named",
                "swim.bind-address=127.0.0.1",
                "server.address=127.0.0.1",
                "swim.instance.prefer-ip-address=false",
                "swim.instance.hostname=localhost");
        ServiceInstance seen = awaitInstance("named");
        assertThat(seen.getHost()).isEqualTo("localhost");
        assertThat(seen.getUri()).isEqualTo(URI.create("http://localhost:" + httpPort(named)));
        // The SWIM address stays an IP: peers probe it.
        assertThat(named.getBean(SwimLifecycle.class)
                        .getNode()
                        .localMember()
                        .address()
                        .host())
                .isEqualTo("127.0.0.1");
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(seen.getUri().resolve("/actuator/health"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void serverAddressIsAdvertisedWhenSwimBindsToTheWildcard() {
        ConfigurableApplicationContext wildcard =
                join("wildcard", "swim.bind-address=0.0.0.0", "server.address=127.0.0.1");
        assertThat(wildcard.getBean(SwimLifecycle.class)
                        .getNode()
                        .localMember()
                        .address()
                        .host())
                .isEqualTo("127.0.0.1");
        assertThat(awaitInstance("wildcard").getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void managementPortAndPathsAreMetadataForSpringBootAdmin() {
        ConfigurableApplicationContext same = join(
                "same-port",
                "swim.bind-address=127.0.0.1",
                "server.address=127.0.0.1",
                "server.servlet.context-path=/shop");
        await().atMost(FORMATION)
                .untilAsserted(() -> assertThat(awaitInstance("same-port").getMetadata())
                        .containsEntry(SwimMetadata.MANAGEMENT_PORT, Integer.toString(httpPort(same)))
                        .containsEntry(SwimMetadata.MANAGEMENT_CONTEXT_PATH, "/shop/actuator")
                        .containsEntry(SwimMetadata.HEALTH_PATH, "health"));

        ConfigurableApplicationContext separate = join(
                "separate-port",
                "swim.bind-address=127.0.0.1",
                "server.address=127.0.0.1",
                "management.server.port=0",
                "management.server.address=127.0.0.1");
        int managementPort =
                separate.getBean(SwimRegistration.class).getMetadata().containsKey(SwimMetadata.MANAGEMENT_PORT)
                        ? Integer.parseInt(separate.getBean(SwimRegistration.class)
                                .getMetadata()
                                .get(SwimMetadata.MANAGEMENT_PORT))
                        : -1;
        assertThat(managementPort).isPositive().isNotEqualTo(httpPort(separate));
        await().atMost(FORMATION)
                .untilAsserted(() -> assertThat(awaitInstance("separate-port").getMetadata())
                        .containsEntry(SwimMetadata.MANAGEMENT_PORT, Integer.toString(managementPort))
                        .containsEntry(SwimMetadata.MANAGEMENT_CONTEXT_PATH, "/actuator"));
        // The service port callers use is still the application's.
        assertThat(awaitInstance("separate-port").getPort()).isEqualTo(httpPort(separate));
    }

    @Test
    void metadataAddedBeforeRegistrationOrWrittenLaterIsGossipedNeverLost() {
        ConfigurableApplicationContext writer =
                join("writer", "swim.bind-address=127.0.0.1", "server.address=127.0.0.1");
        assertThat(writer.getBean(InstanceTestApplication.PreRegistration.class).events)
                .hasSize(1);
        assertThat(awaitInstance("writer").getMetadata()).containsEntry("build", "42");

        Map<String, String> metadata = writer.getBean(SwimRegistration.class).getMetadata();
        metadata.put("team", "payments");
        await().atMost(FORMATION)
                .untilAsserted(
                        () -> assertThat(awaitInstance("writer").getMetadata()).containsEntry("team", "payments"));
        metadata.remove("build");
        await().atMost(FORMATION)
                .untilAsserted(
                        () -> assertThat(awaitInstance("writer").getMetadata()).doesNotContainKey("build"));
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> metadata.put(SwimMetadata.PORT, "1"))
                .withMessageContaining("swim.port");
        // Over the engine's bound: refused with an exception, not dropped.
        assertThatThrownBy(() -> metadata.put("huge", "x".repeat(2000)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maxMetadataBytes");
        // ...and undone, so the next announcement (here a status change) still goes out.
        assertThat(metadata).doesNotContainKey("huge");
        writer.getBean(SwimServiceRegistry.class).setStatus(writer.getBean(SwimRegistration.class), "OUT_OF_SERVICE");
        await().atMost(FORMATION).untilAsserted(() -> assertThat(
                        this.observer.getBean(DiscoveryClient.class).getInstances("instances"))
                .extracting(ServiceInstance::getInstanceId)
                .doesNotContain("writer"));
    }

    @Test
    void refreshedConfigurationIsGossiped() {
        ConfigurableApplicationContext refreshed = join(
                "refreshed",
                "swim.bind-address=127.0.0.1",
                "server.address=127.0.0.1",
                "swim.service.metadata.version=1");
        assertThat(awaitInstance("refreshed").getMetadata()).containsEntry("version", "1");
        refreshed
                .getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "refreshed", Map.of("swim.service.metadata.version", "2", "swim.service.zone", "eu-2")));
        refreshed.publishEvent(
                new EnvironmentChangeEvent(refreshed, Set.of("swim.service.metadata.version", "swim.service.zone")));
        await().atMost(FORMATION)
                .untilAsserted(() -> assertThat(awaitInstance("refreshed").getMetadata())
                        .containsEntry("version", "2")
                        .containsEntry(SwimMetadata.ZONE, "eu-2"));
    }

    @Test
    void metadataOverTheBoundFailsStartupNamingTheProperty(CapturedOutput output) {
        Throwable failure = null;
        try {
            start(
                    "oversized",
                    "oversized",
                    "swim.bind-address=127.0.0.1",
                    "server.address=127.0.0.1",
                    "swim.service.metadata.notes=" + "n".repeat(2000));
        } catch (RuntimeException ex) {
            failure = ex;
        }
        assertThat(failure).isNotNull().hasRootCauseInstanceOf(InvalidSwimPropertyException.class);
        // Boot's failure report, through the starter's failure analyzer: the property, not a stack trace.
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("Property: swim.service.metadata")
                .contains("swim.protocol.max-metadata-bytes");
    }

    @Test
    void loopbackAddressWithSeedsOnOtherHostsIsWarnedAboutLoudly(CapturedOutput output) {
        // Not started (auto-startup off), so nothing is ever sent to the unreachable seed.
        ConfigurableApplicationContext lonely = start(
                "lonely",
                "lonely",
                "swim.bind-address=127.0.0.1",
                "server.address=127.0.0.1",
                "swim.auto-startup=false",
                "swim.seeds=192.0.2.250:7946");
        lonely.getBean(io.swimdiscovery.core.node.SwimNode.class);
        assertThat(output).contains("advertises the loopback address 127.0.0.1 but its seeds [192.0.2.250:7946]");
    }

    private ConfigurableApplicationContext join(String name, String... properties) {
        List<String> all = new ArrayList<>(List.of(properties));
        all.add("swim.seeds=" + this.seed);
        return start(name, "instances", all.toArray(String[]::new));
    }

    private ServiceInstance awaitInstance(String name) {
        DiscoveryClient discovery = this.observer.getBean(DiscoveryClient.class);
        ServiceInstance[] found = new ServiceInstance[1];
        await().atMost(FORMATION).untilAsserted(() -> {
            found[0] = discovery.getInstances("instances").stream()
                    .filter((instance) -> instance.getInstanceId().equals(name))
                    .findFirst()
                    .orElse(null);
            assertThat(found[0]).as("instance " + name + " listed").isNotNull();
        });
        return found[0];
    }

    private ConfigurableApplicationContext start(String name, String serviceId, String... extra) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.application.name=" + serviceId,
                "server.port=0",
                "swim.port=0",
                "swim.profile=local",
                "swim.node-name=" + name,
                "spring.main.banner-mode=off",
                "logging.level.root=warn",
                "logging.level.io.swimdiscovery.spring.autoconfigure=warn"));
        properties.addAll(List.of(extra));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(InstanceTestApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(properties.toArray(String[]::new))
                .run();
        this.contexts.add(context);
        return context;
    }

    private static int httpPort(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
