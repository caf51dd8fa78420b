package io.swimdiscovery.spring.availability;

import io.swimdiscovery.spring.autoconfigure.ConditionalOnSwimEnabled;
import io.swimdiscovery.spring.autoconfigure.SwimProperties;
import io.swimdiscovery.spring.serviceregistry.SwimRegistration;
import io.swimdiscovery.spring.serviceregistry.SwimServiceRegistry;
import io.swimdiscovery.spring.serviceregistry.SwimServiceRegistryAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Boot's readiness (and optionally the application's health) decide whether the node announces
 * this instance UP or OUT_OF_SERVICE ({@code swim.readiness.*}). Needs the service registry: an
 * instance that announces no service has nothing to take out of rotation.
 */
@AutoConfiguration(
        after = SwimServiceRegistryAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration"
        })
@ConditionalOnSwimEnabled
@ConditionalOnBean({SwimServiceRegistry.class, SwimRegistration.class})
public final class SwimAvailabilityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SwimTrafficGate swimTrafficGate(
            SwimServiceRegistry registry,
            SwimRegistration registration,
            ObjectProvider<ApplicationAvailability> availability,
            SwimProperties properties) {
        return new SwimTrafficGate(
                registry,
                registration,
                availability.getIfAvailable(),
                properties.getReadiness().isEnabled());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthEndpoint.class)
    @ConditionalOnBooleanProperty("swim.readiness.health-status")
    static class HealthStatusConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(HealthEndpoint.class)
        SwimHealthStatusWatcher swimHealthStatusWatcher(
                SwimTrafficGate gate, HealthEndpoint health, SwimProperties properties) {
            return new SwimHealthStatusWatcher(
                    gate,
                    () -> health.health().getStatus(),
                    properties.getReadiness().getHealthCheckInterval());
        }
    }
}
