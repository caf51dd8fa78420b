package io.swimdiscovery.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import io.swimdiscovery.spring.serviceregistry.SwimRegistration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;

/** Which web server's port becomes the service port. */
class SwimServicePortListenerTests {

    private final SwimRegistration registration =
            new SwimRegistration("a", "orders", "127.0.0.1", -1, "http", null, Map.of());

    private final SwimProperties properties = new SwimProperties();

    private final SwimServicePortListener listener = new SwimServicePortListener(this.registration, this.properties);

    @Test
    void mainWebServerPortBecomesTheServicePort() {
        this.listener.onApplicationEvent(event(null, 8081));
        assertThat(this.registration.getPort()).isEqualTo(8081);
    }

    @Test
    void managementServerPortIsNeverAnnounced() {
        this.listener.onApplicationEvent(event(null, 8081));
        this.listener.onApplicationEvent(event("management", 9090));
        assertThat(this.registration.getPort()).isEqualTo(8081);
    }

    @Test
    void explicitServicePortWins() {
        this.properties.getService().setPort(443);
        SwimRegistration configured = new SwimRegistration("a", "orders", "127.0.0.1", 443, "https", null, Map.of());
        new SwimServicePortListener(configured, this.properties).onApplicationEvent(event(null, 8081));
        assertThat(configured.getPort()).isEqualTo(443);
    }

    private static WebServerInitializedEvent event(String namespace, int port) {
        WebServer server = mock(WebServer.class);
        given(server.getPort()).willReturn(port);
        WebServerApplicationContext context = mock(WebServerApplicationContext.class);
        given(context.getServerNamespace()).willReturn(namespace);
        WebServerInitializedEvent event = mock(WebServerInitializedEvent.class);
        given(event.getWebServer()).willReturn(server);
        given(event.getApplicationContext()).willReturn(context);
        return event;
    }
}
