package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.spring.serviceregistry.SwimRegistration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Records the web server's bound port as the service port, unless {@code swim.service.port} says
 * otherwise. Only this application context's main server counts: a management server on its own
 * port (server namespace "management") is recorded as the management port instead, so the
 * port other services call is never the actuator's.
 */
class SwimServicePortListener implements ApplicationListener<WebServerInitializedEvent> {

    private final SwimRegistration registration;

    private final SwimProperties properties;

    SwimServicePortListener(SwimRegistration registration, SwimProperties properties) {
        this.registration = registration;
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            // A separate actuator server: announced as management.port, never as the service port.
            this.registration.setManagementPort(event.getWebServer().getPort());
            return;
        }
        if (this.properties.getService().getPort() != null) {
            return;
        }
        this.registration.setPort(event.getWebServer().getPort());
    }
}
