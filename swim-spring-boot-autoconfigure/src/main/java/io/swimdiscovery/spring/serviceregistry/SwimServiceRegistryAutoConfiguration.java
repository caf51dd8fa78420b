package io.swimdiscovery.spring.serviceregistry;

import io.swimdiscovery.spring.autoconfigure.ConditionalOnSwimEnabled;
import io.swimdiscovery.spring.autoconfigure.SwimAutoConfiguration;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.client.serviceregistry.ServiceRegistryAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Spring Cloud's service registry over SWIM. Runs before commons' {@link ServiceRegistryAutoConfiguration},
 * whose {@code /actuator/serviceregistry} endpoint needs a registry bean to exist already. Respects
 * {@code spring.cloud.service-registry.enabled} and
 * {@code spring.cloud.service-registry.auto-registration.enabled}.
 */
@AutoConfiguration(
        after = SwimAutoConfiguration.class,
        before = {ServiceRegistryAutoConfiguration.class, AutoServiceRegistrationAutoConfiguration.class})
@ConditionalOnSwimEnabled
@ConditionalOnBooleanProperty(name = "spring.cloud.service-registry.enabled", matchIfMissing = true)
@ConditionalOnBean(SwimLifecycle.class)
public final class SwimServiceRegistryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SwimServiceRegistry swimServiceRegistry(SwimLifecycle lifecycle, ObjectProvider<SwimRegistration> registration) {
        SwimServiceRegistry registry = new SwimServiceRegistry(lifecycle);
        // Writes to Registration.getMetadata(), a refreshed configuration or a management port bound
        // late are announced at once while the node runs.
        registration.ifAvailable((own) -> own.setChangeListener(() -> registry.republish(own)));
        return registry;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.cloud.context.environment.EnvironmentChangeEvent")
    static class RefreshConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SwimMetadataRefreshListener swimMetadataRefreshListener(
                SwimRegistration registration, Environment environment) {
            return new SwimMetadataRefreshListener(registration, environment);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(
            name = "spring.cloud.service-registry.auto-registration.enabled",
            matchIfMissing = true)
    SwimAutoServiceRegistration swimAutoServiceRegistration(
            SwimServiceRegistry registry, SwimRegistration registration) {
        return new SwimAutoServiceRegistration(registry, registration);
    }
}
