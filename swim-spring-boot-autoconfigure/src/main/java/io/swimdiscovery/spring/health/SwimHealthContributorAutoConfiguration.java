package io.swimdiscovery.spring.health;

import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.spring.autoconfigure.ConditionalOnSwimEnabled;
import io.swimdiscovery.spring.autoconfigure.SwimAutoConfiguration;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.autoconfigure.SwimProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code swim} health indicator, when Boot's health support is present. Switched off with
 * {@code management.health.swim.enabled=false}.
 */
@AutoConfiguration(after = SwimAutoConfiguration.class)
@ConditionalOnSwimEnabled
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(SwimLifecycle.class)
@ConditionalOnEnabledHealthIndicator("swim")
public final class SwimHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "swimHealthIndicator")
    SwimHealthIndicator swimHealthIndicator(SwimLifecycle lifecycle, SwimProperties properties, SwimSettings settings) {
        return new SwimHealthIndicator(
                lifecycle,
                properties.seedAddresses(),
                properties.getSeedDns() != null,
                settings.localHealthMax(),
                properties.getHealth().isStrict());
    }
}
