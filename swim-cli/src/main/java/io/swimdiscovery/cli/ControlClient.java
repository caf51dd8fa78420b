package io.swimdiscovery.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Talks to a running node's control endpoint on 127.0.0.1 and prints its JSON answer. */
final class ControlClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final int port;

    ControlClient(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("--control-port must be 1..65535, got " + port);
        }
        this.port = port;
    }

    /**
     * GET (body null) or POST {@code path}; prints the answer to {@code out}.
     *
     * @return 0 if the node answered 2xx, 1 otherwise (its error JSON is printed either way)
     * @throws IllegalStateException if nothing answers on the port
     */
    int call(String path, @Nullable String body, PrintWriter out) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(TIMEOUT);
        request = body == null
                ? request.GET()
                : request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            out.print(response.body());
            out.flush();
            return response.statusCode() / 100 == 2 ? 0 : 1;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "no node answers on 127.0.0.1:" + port + " (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
