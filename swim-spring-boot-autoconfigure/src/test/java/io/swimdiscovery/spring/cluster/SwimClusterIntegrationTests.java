package io.swimdiscovery.spring.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.cluster.ClusterTestApplication.ReceivedEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.loadbalancer.core.CachingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three Spring Boot applications in one JVM, each on random HTTP and SWIM ports on loopback, form a
 * cluster as users would run it: full auto-configuration (so Spring Cloud's compatibility verifier
 * runs too), webmvc, actuator and LoadBalancer. The steps build on each other, in order: the
 * cluster forms, is observed over HTTP, loses one member to a crash and one to a graceful
 * shutdown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwimClusterIntegrationTests {

    private static final Duration FORMATION = Duration.ofSeconds(30);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final JsonMapper json = JsonMapper.builder().build();

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    private ConfigurableApplicationContext a;

    private ConfigurableApplicationContext b;

    private ConfigurableApplicationContext c;

    @BeforeAll
    void startCluster() {
        this.a = start("node-a", null);
        String seed = this.a
                .getBean(SwimLifecycle.class)
                .getNode()
                .localMember()
                .address()
                .toString();
        this.b = start("node-b", seed);
        this.c = start("node-c", seed);
    }

    @AfterAll
    void stopCluster() {
        for (ConfigurableApplicationContext context : this.contexts) {
            context.close();
        }
    }

    @Test
    @Order(1)
    void everyDiscoveryClientListsEveryInstance() {
        for (ConfigurableApplicationContext context : List.of(this.a, this.b, this.c)) {
            await().atMost(FORMATION).untilAsserted(() -> assertThat(instanceIds(context))
                    .containsExactly("node-a", "node-b", "node-c"));
        }
        ServiceInstance b = instance(this.a, "node-b");
        assertThat(b.getHost()).isEqualTo("127.0.0.1");
        assertThat(b.getPort()).isEqualTo(httpPort(this.b));
        assertThat(b.getMetadata()).containsEntry("zone", "zone-node-b");
        assertThat(this.a.getBean(DiscoveryClient.class).getServices()).contains("orders");
    }

    @Test
    @Order(2)
    void loadBalancerUsesItsOwnChainAndSpreadsOverAllInstances() {
        LoadBalancerClientFactory loadBalancers = this.a.getBean(LoadBalancerClientFactory.class);
        assertThat(loadBalancers.getInstance("orders", ServiceInstanceListSupplier.class))
                .isInstanceOf(CachingServiceInstanceListSupplier.class);
        // Round robin over three instances: six calls reach each of them. LoadBalancer's cache now
        // holds node-c; the crash step below checks that SWIM's eviction keeps it from being chosen.
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            chosen.add(choose(this.a).getInstanceId());
        }
        assertThat(chosen).containsExactlyInAnyOrder("node-a", "node-b", "node-c");
    }

    @Test
    @Order(3)
    void actuatorShowsTheClusterHealthAndRegistryOverHttp() throws Exception {
        JsonNode swim = getJson(this.a, "/actuator/swim");
        assertThat(swim.get("state").asString()).isEqualTo("RUNNING");
        assertThat(swim.get("local").get("name").asString()).isEqualTo("node-a");
        assertThat(swim.get("members")).hasSize(3);
        assertThat(swim.get("members").get(1).get("serviceId").asString()).isEqualTo("orders");
        assertThat(swim.get("members").get(1).get("status").asString()).isEqualTo("ALIVE");
        // The first probe starts at a random point of the first period: wait for it to be counted.
        await().atMost(FORMATION).untilAsserted(() -> {
            JsonNode sent = getJson(this.a, "/actuator/swim").get("statistics").get("messagesSent");
            assertThat(sent.get("ping")).isNotNull();
            assertThat(sent.get("ping").asLong()).isPositive();
        });
        assertThat(swim.toString()).doesNotContainIgnoringCase("keys");

        JsonNode health = getJson(this.a, "/actuator/health");
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("swim").get("status").asString())
                .isEqualTo("UP");
        // Pitfall 3: commons' discovery indicator stays UNKNOWN until InstanceRegisteredEvent.
        await().atMost(FORMATION).untilAsserted(() -> assertThat(getJson(this.a, "/actuator/health")
                        .get("components")
                        .get("discoveryComposite")
                        .get("status")
                        .asString())
                .isEqualTo("UP"));

        assertThat(get(this.a, "/actuator/serviceregistry").body()).isEqualTo("UP");

        // Leave and rejoin are write operations, off unless management.endpoint.swim.access allows them.
        assertThat(post(this.a, "/actuator/swim", "{\"action\":\"leave\"}").statusCode())
                .isBetween(400, 499);
        assertThat(getJson(this.a, "/actuator/swim").get("state").asString()).isEqualTo("RUNNING");

        String prometheus = get(this.a, "/actuator/prometheus").body();
        assertThat(prometheus)
                .contains("swim_members{status=\"alive\"} 3.0")
                .contains("swim_messages_total{direction=\"sent\",type=\"ping\"}")
                .contains("swim_traffic_bytes_total{direction=\"received\",type=\"ack\"}")
                .contains("swim_probe_outcomes_total{outcome=\"acked\"}")
                .contains("swim_local_health ")
                .contains("swim_gossip_queue_depth ");
    }

    @Test
    @Order(4)
    void outOfServiceSetThroughTheRegistryEndpointIsGossipedAndReverted() throws Exception {
        assertThat(post(this.b, "/actuator/serviceregistry", "{\"status\":\"OUT_OF_SERVICE\"}")
                        .statusCode())
                .isEqualTo(200);
        await().atMost(FORMATION)
                .untilAsserted(() -> assertThat(instanceIds(this.a)).containsExactly("node-a", "node-c"));
        assertThat(this.a.getBean(ReceivedEvents.class).about("node-b")).contains("MemberUpdatedEvent");
        assertThat(post(this.b, "/actuator/serviceregistry", "{\"status\":\"UP\"}")
                        .statusCode())
                .isEqualTo(200);
        await().atMost(FORMATION)
                .untilAsserted(() -> assertThat(instanceIds(this.a)).containsExactly("node-a", "node-b", "node-c"));
    }

    @Test
    @Order(5)
    void rejoinIsAllowedWhereTheOperatorOpenedWriteAccess() throws Exception {
        HttpResponse<String> rejoin = post(this.b, "/actuator/swim", "{\"action\":\"rejoin\"}");
        assertThat(rejoin.statusCode()).isEqualTo(200);
        assertThat(this.json.readTree(rejoin.body()).get("state").asString()).isEqualTo("RUNNING");
        assertThat(instanceIds(this.a)).containsExactly("node-a", "node-b", "node-c");
    }

    @Test
    @Order(6)
    void crashedInstanceVanishesFromDiscoveryAndLoadBalancer() {
        // A crash: the node stops without leaving, then the application goes away.
        this.c.getBean(SwimLifecycle.class).getNode().halt();
        this.c.close();
        for (ConfigurableApplicationContext context : List.of(this.a, this.b)) {
            await().atMost(FORMATION)
                    .untilAsserted(() -> assertThat(instanceIds(context)).containsExactly("node-a", "node-b"));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(choose(this.a).getInstanceId()).isNotEqualTo("node-c");
        }
        for (ConfigurableApplicationContext survivor : List.of(this.a, this.b)) {
            List<String> seen = survivor.getBean(ReceivedEvents.class).about("node-c");
            assertThat(seen).first().isEqualTo("MemberJoinedEvent");
            assertThat(seen).last().isEqualTo("MemberFailedEvent");
            assertThat(seen).containsOnlyOnce("MemberFailedEvent");
        }
        // A survivor may first hear of the death from the other one, but someone suspected node-c first.
        assertThat(List.of(this.a, this.b)).anySatisfy((survivor) -> assertThat(
                        survivor.getBean(ReceivedEvents.class).about("node-c"))
                .containsSubsequence("MemberJoinedEvent", "MemberSuspectedEvent", "MemberFailedEvent"));
    }

    @Test
    @Order(7)
    void gracefulShutdownRemovesTheInstanceWithoutSuspicion() {
        this.b.close();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(instanceIds(this.a)).containsExactly("node-a"));
        List<String> seenByA = this.a.getBean(ReceivedEvents.class).about("node-b");
        assertThat(seenByA).last().isEqualTo("MemberLeftEvent");
        assertThat(seenByA).doesNotContain("MemberSuspectedEvent", "MemberFailedEvent");
    }

    private ConfigurableApplicationContext start(String name, String seed) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.application.name=orders",
                "server.port=0",
                "server.address=127.0.0.1",
                "swim.port=0",
                "swim.bind-address=127.0.0.1",
                "swim.profile=local",
                "swim.node-name=" + name,
                "swim.service.zone=zone-" + name,
                "swim.protocol.suspicion-max-timeout-multiplier=2",
                "management.endpoints.web.exposure.include=swim,health,serviceregistry,prometheus",
                "management.endpoint.health.show-details=always",
                "spring.main.banner-mode=off",
                "logging.level.root=warn"));
        if (seed != null) {
            properties.add("swim.seeds=" + seed);
        }
        if (name.equals("node-b")) {
            properties.add("management.endpoint.swim.access=unrestricted");
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ClusterTestApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(properties.toArray(String[]::new))
                .run();
        this.contexts.add(context);
        return context;
    }

    private static List<String> instanceIds(ConfigurableApplicationContext context) {
        return context.getBean(DiscoveryClient.class).getInstances("orders").stream()
                .map(ServiceInstance::getInstanceId)
                .sorted()
                .toList();
    }

    private static ServiceInstance instance(ConfigurableApplicationContext context, String id) {
        return context.getBean(DiscoveryClient.class).getInstances("orders").stream()
                .filter((instance) -> instance.getInstanceId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static ServiceInstance choose(ConfigurableApplicationContext context) {
        LoadBalancerClientFactory loadBalancers = context.getBean(LoadBalancerClientFactory.class);
        return Mono.from(loadBalancers.getInstance("orders").choose())
                .block(Duration.ofSeconds(5))
                .getServer();
    }

    private static int httpPort(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private JsonNode getJson(ConfigurableApplicationContext context, String path) throws Exception {
        HttpResponse<String> response = get(context, path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return this.json.readTree(response.body());
    }

    private HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(context, path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(ConfigurableApplicationContext context, String path, String body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(context, path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(ConfigurableApplicationContext context, String path) {
        return URI.create("http://127.0.0.1:" + httpPort(context) + path);
    }
}
