package io.swimdiscovery.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sample starts as a user would run it, alone, and serves its page and its cluster view. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "swim.port=0", "swim.seeds=", "swim.node-name=sample-1" })
class SampleServiceApplicationTests {

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesTheClusterPageAndListsItselfAndCallsItselfThroughTheLoadBalancer() throws Exception {
        assertThat(get("/").body()).contains("SWIM cluster as seen by");
        assertThat(get("/api/cluster").body()).contains("\"self\":\"sample-1\"")
            .contains("\"status\":\"ALIVE\"")
            .contains("\"greeter\":[\"sample-1\"]");
        assertThat(get("/api/call/greeter").body()).contains("\"calledFrom\":\"sample-1\"")
            .contains("\"instance\":\"sample-1\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
        HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response;
    }
}
