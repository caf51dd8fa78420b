package io.swimdiscovery.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample as a user runs it: two services (greeter and billing) on loopback find each other, the
 * page's data lists both, and a load-balanced call from one reaches the other.
 */
class SampleServiceIntegrationTests {

    private final List<ConfigurableApplicationContext> running = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    private int start(String service, int swimPort, int seedPort) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.application.name=" + service,
                        "--swim.port=" + swimPort,
                        "--swim.seeds=127.0.0.1:" + seedPort,
                        "--swim.node-name=" + service + "-" + swimPort,
                        "--sample.job.interval=200ms");
        running.add(context);
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void twoServicesFindEachOther_andALoadBalancedCallCrossesBetweenThem() throws Exception {
        int greeterSwim = freePort();
        int billingSwim = freePort();
        int greeter = start("greeter", greeterSwim, greeterSwim);
        int billing = start("billing", billingSwim, greeterSwim);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String cluster = get(greeter, "/cluster");
            assertThat(cluster).contains("\"greeter\"").contains("\"billing\"");
        });
        String answer = get(greeter, "/call/billing");
        assertThat(answer)
                .contains("\"caller\":\"greeter-" + greeterSwim + "\"")
                .contains("\"instance\":\"billing-" + billingSwim + "\"");
        assertThat(get(billing, "/")).contains("<title>SWIM cluster</title>");
        assertThat(get(billing, "/actuator/swim")).contains("\"name\":\"greeter-" + greeterSwim + "\"");
    }

    @Test
    void eachServiceGetsAPrimaryThatRunsTheJobAndAnnouncesItsRole() throws Exception {
        int greeterSwim = freePort();
        int greeter = start("greeter", greeterSwim, greeterSwim);
        // A group of one is its own quorum: primary once formation (2 s) is over.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(greeter, "/cluster"))
                .contains("\"group\":\"greeter\",\"primary\":true")
                .contains("\"jobRuns\":[{\"at\""));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(greeter, "/actuator/swim"))
                .contains("\"swim.role\":\"primary\"")
                .contains("\"role\":{\"group\":\"greeter\",\"role\":\"primary\""));
    }
}
