package io.swimdiscovery.spring.serviceregistry;

import io.swimdiscovery.spring.autoconfigure.ConditionalOnSwimEnabled;
import io.swimdiscovery.spring.autoconfigure.SwimAutoConfiguration;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.client.serviceregistry.ServiceRegistryAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Spring Cloud's service registry over SWIM. Runs before commons' {@link ServiceRegistryAutoConfiguration},
 * whose {@code /actuator/serviceregistry} endpoint needs a registry bean to exist already. Respects
 * {@code spring.cloud.service-registry.enabled} and
 * {@code spring.cloud.service-registry.auto-registration.enabled}.
 */
@AutoConfiguration(after = SwimAutoConfiguration.class,
        before = { ServiceRegistryAutoConfiguration.class, AutoServiceRegistrationAutoConfiguration.class })
@ConditionalOnSwimEnabled
@ConditionalOnBooleanProperty(name = "spring.cloud.service-registry.enabled", matchIfMissing = true)
@ConditionalOnBean(SwimLifecycle.class)
public final class SwimServiceRegistryAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SwimServiceRegistry swimServiceRegistry(SwimLifecycle lifecycle) {
        return new SwimServiceRegistry(lifecycle);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "spring.cloud.service-registry.auto-registration.enabled",
            matchIfMissing = true)
    SwimAutoServiceRegistration swimAutoServiceRegistration(SwimServiceRegistry registry,
            SwimRegistration registration) {
        return new SwimAutoServiceRegistration(registry, registration);
    }
}
