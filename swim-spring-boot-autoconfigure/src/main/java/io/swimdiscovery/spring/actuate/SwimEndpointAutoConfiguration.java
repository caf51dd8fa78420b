package io.swimdiscovery.spring.actuate;

import io.swimdiscovery.spring.autoconfigure.ConditionalOnSwimEnabled;
import io.swimdiscovery.spring.autoconfigure.SwimAutoConfiguration;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.autoconfigure.SwimProperties;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code swim} actuator endpoint, when the actuator is present and the endpoint is exposed.
 */
@AutoConfiguration(after = SwimAutoConfiguration.class)
@ConditionalOnSwimEnabled
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(SwimLifecycle.class)
@ConditionalOnAvailableEndpoint(SwimEndpoint.class)
public final class SwimEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SwimEndpoint swimEndpoint(SwimLifecycle lifecycle, SwimProperties properties) {
        return new SwimEndpoint(lifecycle, properties);
    }
}
