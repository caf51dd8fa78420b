package io.swimdiscovery.spring.roles;

import io.swimdiscovery.spring.autoconfigure.ConditionalOnSwimEnabled;
import io.swimdiscovery.spring.autoconfigure.SwimAutoConfiguration;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.autoconfigure.SwimProperties;
import io.swimdiscovery.spring.serviceregistry.SwimRegistration;
import io.swimdiscovery.spring.serviceregistry.SwimServiceRegistryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Primary and secondary roles ({@code swim.roles.enabled=true}): the {@link SwimRoles} bean, and
 * the {@code swim.role} metadata that tells clients which instance is primary. The node itself
 * takes the role settings from {@code swim.roles.*} ({@code SwimNodeFactory}); the Spring events
 * are {@code SwimEventPublisher}'s.
 */
@AutoConfiguration(after = {SwimAutoConfiguration.class, SwimServiceRegistryAutoConfiguration.class})
@ConditionalOnSwimEnabled
@ConditionalOnBean(SwimLifecycle.class)
@ConditionalOnBooleanProperty(SwimRolesAutoConfiguration.PROPERTY)
public final class SwimRolesAutoConfiguration {

    /** The property that switches roles on. */
    public static final String PROPERTY = "swim.roles.enabled";

    @Bean
    @ConditionalOnMissingBean
    SwimRoles swimRoles(SwimLifecycle lifecycle, SwimProperties properties, SwimRegistration registration) {
        String group =
                properties.getRoles().toSettings(registration.getServiceId()).group();
        return new SwimRoles(lifecycle, group);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(SwimRegistration.class)
    SwimRoleAnnouncer swimRoleAnnouncer(SwimRegistration registration) {
        return new SwimRoleAnnouncer(registration);
    }
}
