package io.swimdiscovery.spring.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.swimdiscovery.spring.autoconfigure.ConditionalOnSwimEnabled;
import io.swimdiscovery.spring.autoconfigure.SwimAutoConfiguration;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code swim.*} meters, when Micrometer is present and the application has a meter registry
 * (as Boot's own binders, such as the JVM metrics, require). Boot binds every {@code MeterBinder}
 * bean to its registries, Prometheus included.
 */
@AutoConfiguration(
        after = SwimAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnSwimEnabled
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({SwimLifecycle.class, MeterRegistry.class})
public final class SwimMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SwimMeterBinder swimMeterBinder(SwimLifecycle lifecycle) {
        return new SwimMeterBinder(lifecycle);
    }
}
