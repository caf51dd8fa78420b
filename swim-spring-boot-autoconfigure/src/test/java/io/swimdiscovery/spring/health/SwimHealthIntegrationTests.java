package io.swimdiscovery.spring.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.spring.support.TestApps;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /actuator/health} of a single replica whose seed DNS name has no records, over HTTP as a
 * liveness probe reads it: 200 and UP with the isolation in the details, unless the strict mapping
 * is asked for.
 */
class SwimHealthIntegrationTests {

    private final TestApps apps = new TestApps();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        this.apps.close();
    }

    @Test
    void aSingleReplicaWithSeedDnsIsUpWithDetails() throws Exception {
        ConfigurableApplicationContext alone =
                this.apps.start("orders", "orders-1", List.of("swim.seed-dns=orders-peers.invalid"));
        HttpResponse<String> response = health(alone);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode swim = JsonMapper.builder()
                .build()
                .readTree(response.body())
                .get("components")
                .get("swim");
        assertThat(swim.get("status").asString()).isEqualTo("UP");
        assertThat(swim.get("details").get("isolated").asBoolean()).isTrue();
        assertThat(swim.get("details").get("reason").asString()).startsWith("isolated");
    }

    @Test
    void theStrictMappingAnswers503WhenIsolated() throws Exception {
        ConfigurableApplicationContext alone = this.apps.start(
                "orders", "orders-1", List.of("swim.seed-dns=orders-peers.invalid", "swim.health.strict=true"));
        HttpResponse<String> response = health(alone);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(response.body())
                        .get("components")
                        .get("swim")
                        .get("status")
                        .asString())
                .isEqualTo("OUT_OF_SERVICE");
    }

    @Test
    void theSwitchIsDeclaredInTheConfigurationMetadata() throws Exception {
        try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            JsonNode properties =
                    JsonMapper.builder().build().readTree(metadata).get("properties");
            assertThat(properties.valueStream().map((property) -> property.get("name")
                            .asString()))
                    .contains("management.health.swim.enabled", "swim.health.strict");
        }
    }

    private HttpResponse<String> health(ConfigurableApplicationContext context) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(10))
                .build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
