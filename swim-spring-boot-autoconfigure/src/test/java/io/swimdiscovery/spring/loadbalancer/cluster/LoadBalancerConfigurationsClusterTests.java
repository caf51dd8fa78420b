package io.swimdiscovery.spring.loadbalancer.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.HintRequestContext;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud LoadBalancer's own configurations over a real SWIM cluster: three billing servers
 * (webmvc on random ports) and a member that is alive in SWIM but answers no HTTP, all on
 * loopback; each test starts a client application with one configuration and asks it to choose.
 * The starter defines no supplier of its own, so every configuration LoadBalancer offers is the
 * one that runs, over the composite discovery client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadBalancerConfigurationsClusterTests {

    private static final Duration FORMATION = Duration.ofSeconds(30);

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    private final Map<String, Integer> httpPorts = new HashMap<>();

    private String seed;

    @BeforeAll
    void startServers() throws Exception {
        ConfigurableApplicationContext first = server("billing-1", "zone=z1", "weight=1");
        this.seed = first.getBean(SwimLifecycle.class)
                .getNode()
                .localMember()
                .address()
                .toString();
        server("billing-2", "zone=z1", "weight=1", "hint=canary");
        server("billing-3", "zone=z2", "weight=10");
        // Alive as a SWIM member, announcing a port nothing listens on: only health checks can tell.
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        start(
                LoadBalancerTestApplications.Client.class,
                WebApplicationType.NONE,
                "billing-zombie",
                "billing",
                "swim.service.port=" + deadPort,
                "swim.service.zone=z3");
    }

    @AfterAll
    void stopAll() {
        for (ConfigurableApplicationContext context : this.contexts) {
            context.close();
        }
    }

    @Test
    void defaultRoundRobinReachesEveryInstanceAndLoadBalancedRestClientCallsThem() {
        ConfigurableApplicationContext client = client(LoadBalancerTestApplications.Client.class);
        assertThat(chosen(client, 8, this::noRequest))
                .containsExactlyInAnyOrder("billing-1", "billing-2", "billing-3", "billing-zombie");
        RestClient rest = client.getBean(RestClient.Builder.class).build();
        Set<String> answered = new HashSet<>();
        for (int i = 0; i < 8 && answered.size() < 3; i++) {
            try {
                answered.add(rest.get().uri("http://billing/who").retrieve().body(String.class));
            } catch (RuntimeException zombie) {
                // The member without an HTTP server refuses the connection; the others answer.
            }
        }
        assertThat(answered).containsExactlyInAnyOrder("billing-1", "billing-2", "billing-3");
        client.close();
    }

    @Test
    void zonePreferenceKeepsToTheClientsOwnSwimZone() {
        ConfigurableApplicationContext client = client(
                LoadBalancerTestApplications.Client.class,
                "spring.cloud.loadbalancer.configurations=zone-preference",
                "swim.service.zone=z2");
        assertThat(chosen(client, 6, this::noRequest)).containsExactly("billing-3");
        client.close();
    }

    @Test
    void perClientConfigurationsAreHonoured() {
        ConfigurableApplicationContext client = client(
                LoadBalancerTestApplications.Client.class,
                "spring.cloud.loadbalancer.clients.billing.configurations=zone-preference",
                "spring.cloud.loadbalancer.zone=z1");
        assertThat(chosen(client, 6, this::noRequest)).containsExactlyInAnyOrder("billing-1", "billing-2");
        client.close();
    }

    @Test
    void weightedFollowsTheWeightMetadata() {
        ConfigurableApplicationContext client =
                client(LoadBalancerTestApplications.Client.class, "spring.cloud.loadbalancer.configurations=weighted");
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 130; i++) {
            counts.merge(choose(client, noRequest()), 1, Integer::sum);
        }
        // Weights 1, 1, 10 and 1 (the zombie, no weight): billing-3 gets ten of every thirteen calls.
        assertThat(counts.get("billing-3")).isGreaterThan(80);
        assertThat(counts.get("billing-1")).isPositive().isLessThan(30);
        client.close();
    }

    @Test
    void subsetKeepsToItsShareOfTheInstances() {
        ConfigurableApplicationContext client = client(
                LoadBalancerTestApplications.Client.class,
                "spring.cloud.loadbalancer.configurations=subset",
                "spring.cloud.loadbalancer.subset.size=2",
                "spring.cloud.loadbalancer.subset.instance-id=client-7");
        assertThat(chosen(client, 12, this::noRequest)).hasSize(2);
        client.close();
    }

    @Test
    void hintsFromTheUsersOwnDefaultSupplierWorkWithoutAmbiguity() {
        ConfigurableApplicationContext client =
                client(LoadBalancerTestApplications.HintsClient.class, "spring.cloud.loadbalancer.hint.default=canary");
        assertThat(chosen(client, 6, () -> new DefaultRequest<>(new HintRequestContext("canary"))))
                .containsExactly("billing-2");
        // Through a @LoadBalanced client, the hint comes from spring.cloud.loadbalancer.hint.
        RestClient rest = client.getBean(RestClient.Builder.class).build();
        for (int i = 0; i < 4; i++) {
            assertThat(rest.get().uri("http://billing/who").retrieve().body(String.class))
                    .isEqualTo("billing-2");
        }
        client.close();
    }

    @Test
    void requestBasedStickySessionFollowsTheCookie() {
        ConfigurableApplicationContext client = client(
                LoadBalancerTestApplications.Client.class,
                "spring.cloud.loadbalancer.configurations=request-based-sticky-session");
        MultiValueMap<String, String> cookies = new LinkedMultiValueMap<>();
        cookies.add("sc-lb-instance-id", "billing-3");
        Supplier<Request<?>> sticky = () -> new DefaultRequest<>(new RequestDataContext(new RequestData(
                HttpMethod.GET, URI.create("http://billing/who"), new HttpHeaders(), cookies, Map.of())));
        assertThat(chosen(client, 6, sticky)).containsExactly("billing-3");
        client.close();
    }

    @Test
    void sameInstancePreferenceKeepsChoosingTheFirstChoice() {
        ConfigurableApplicationContext client = client(
                LoadBalancerTestApplications.Client.class,
                "spring.cloud.loadbalancer.configurations=same-instance-preference");
        assertThat(chosen(client, 6, this::noRequest)).hasSize(1);
        client.close();
    }

    @Test
    void healthChecksKeepTheMemberWithoutAnHttpServerOut() {
        ConfigurableApplicationContext client = client(
                LoadBalancerTestApplications.Client.class,
                "spring.cloud.loadbalancer.configurations=health-check",
                "spring.cloud.loadbalancer.health-check.initial-delay=0",
                "spring.cloud.loadbalancer.health-check.interval=500ms");
        await().atMost(FORMATION).untilAsserted(() -> assertThat(chosen(client, 6, this::noRequest))
                .containsExactlyInAnyOrder("billing-1", "billing-2", "billing-3"));
        assertThat(chosen(client, 12, this::noRequest)).doesNotContain("billing-zombie");
        client.close();
    }

    @Test
    void healthChecksOverThePushBasedBaseDropALeftInstanceWithoutWaitingForTheNextCheck() {
        // Checks every minute: only a new list from the base can remove an instance within the test.
        ConfigurableApplicationContext client = client(
                LoadBalancerTestApplications.PushHealthClient.class,
                "spring.cloud.loadbalancer.health-check.initial-delay=0",
                "spring.cloud.loadbalancer.health-check.interval=60s");
        ConfigurableApplicationContext extra = server("billing-extra", "zone=z1");
        await().atMost(FORMATION).untilAsserted(() -> assertThat(chosen(client, 10, this::noRequest))
                .contains("billing-extra")
                .doesNotContain("billing-zombie"));
        extra.close();
        this.contexts.remove(extra);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(chosen(client, 10, this::noRequest))
                .doesNotContain("billing-extra"));
        client.close();
    }

    @Test
    void serviceKnownOnlyToTheSimpleDiscoveryClientIsFoundByTheLoadBalancerToo() {
        ConfigurableApplicationContext client = client(
                LoadBalancerTestApplications.Client.class,
                "spring.cloud.discovery.client.simple.instances.legacy[0].uri=http://127.0.0.1:"
                        + this.httpPorts.get("billing-1"),
                "spring.cloud.discovery.client.simple.instances.legacy[0].instance-id=legacy-1");
        assertThat(client.getBean(DiscoveryClient.class).getInstances("legacy")).hasSize(1);
        Response<ServiceInstance> response = Mono.from(client.getBean(LoadBalancerClientFactory.class)
                        .getInstance("legacy")
                        .choose())
                .block(Duration.ofSeconds(5));
        assertThat(response.hasServer()).isTrue();
        assertThat(response.getServer().getInstanceId()).isEqualTo("legacy-1");
        assertThat(client.getBean(RestClient.Builder.class)
                        .build()
                        .get()
                        .uri("http://legacy/who")
                        .retrieve()
                        .body(String.class))
                .isEqualTo("billing-1");
        client.close();
    }

    private Request<?> noRequest() {
        return new DefaultRequest<>();
    }

    private ConfigurableApplicationContext server(String name, String... metadata) {
        List<String> properties = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1"));
        for (String entry : metadata) {
            String[] pair = entry.split("=", 2);
            properties.add(
                    pair[0].equals("zone")
                            ? "swim.service.zone=" + pair[1]
                            : "swim.service.metadata." + pair[0] + "=" + pair[1]);
        }
        ConfigurableApplicationContext context = start(
                LoadBalancerTestApplications.Server.class,
                WebApplicationType.SERVLET,
                name,
                "billing",
                properties.toArray(String[]::new));
        this.httpPorts.put(
                name, ((WebServerApplicationContext) context).getWebServer().getPort());
        return context;
    }

    // A client application: joins the cluster as a client only and waits until it sees all four billing members.
    private ConfigurableApplicationContext client(Class<?> application, String... properties) {
        List<String> all = new ArrayList<>(List.of(properties));
        all.add("spring.cloud.service-registry.auto-registration.enabled=false");
        ConfigurableApplicationContext context = start(
                application,
                WebApplicationType.NONE,
                "client-" + this.contexts.size(),
                "client",
                all.toArray(String[]::new));
        await().atMost(FORMATION).untilAsserted(() -> assertThat(
                        context.getBean(DiscoveryClient.class).getInstances("billing"))
                .extracting(ServiceInstance::getInstanceId)
                .contains("billing-1", "billing-2", "billing-3", "billing-zombie"));
        return context;
    }

    private ConfigurableApplicationContext start(
            Class<?> application, WebApplicationType type, String name, String serviceId, String... extra) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.application.name=" + serviceId,
                "swim.port=0",
                "swim.bind-address=127.0.0.1",
                "swim.profile=local",
                "swim.node-name=" + name,
                "spring.main.banner-mode=off",
                "logging.level.root=warn"));
        if (this.seed != null) {
            properties.add("swim.seeds=" + this.seed);
        }
        properties.addAll(List.of(extra));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(type)
                .properties(properties.toArray(String[]::new))
                .run();
        this.contexts.add(context);
        return context;
    }

    private Set<String> chosen(ConfigurableApplicationContext client, int calls, Supplier<Request<?>> request) {
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < calls; i++) {
            chosen.add(choose(client, request.get()));
        }
        return chosen;
    }

    private static String choose(ConfigurableApplicationContext client, Request<?> request) {
        Response<ServiceInstance> response = Mono.from(client.getBean(LoadBalancerClientFactory.class)
                        .getInstance("billing")
                        .choose(request))
                .block(Duration.ofSeconds(5));
        assertThat(response.hasServer()).as("a server was chosen").isTrue();
        return response.getServer().getInstanceId();
    }
}
