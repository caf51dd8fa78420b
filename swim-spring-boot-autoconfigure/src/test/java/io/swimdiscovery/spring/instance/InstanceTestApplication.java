package io.swimdiscovery.spring.instance;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.client.discovery.event.InstancePreRegisteredEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A user's application: the starter, plus a listener that adds metadata before registration. */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class InstanceTestApplication {

    @Bean
    PreRegistration preRegistration() {
        return new PreRegistration();
    }

    /** Adds {@code build=42} in the pre-registration event, as Consul and Eureka users do. */
    static class PreRegistration implements ApplicationListener<InstancePreRegisteredEvent> {

        final List<InstancePreRegisteredEvent> events = new ArrayList<>();

        @Override
        public void onApplicationEvent(InstancePreRegisteredEvent event) {
            this.events.add(event);
            event.getRegistration().getMetadata().put("build", "42");
        }
    }
}
