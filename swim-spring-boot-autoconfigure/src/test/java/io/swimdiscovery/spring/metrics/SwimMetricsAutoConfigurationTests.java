package io.swimdiscovery.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swimdiscovery.spring.autoconfigure.SwimAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The meter binder exists where Boot's own binders do: with Micrometer and a meter registry. */
class SwimMetricsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withPropertyValues("swim.port=0", "swim.bind-address=127.0.0.1", "swim.auto-startup=false")
            .withConfiguration(AutoConfigurations.of(SwimAutoConfiguration.class, SwimMetricsAutoConfiguration.class));

    @Test
    void backsOffWithoutAMeterRegistry() {
        this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SwimMeterBinder.class));
    }

    @Test
    void bindsWhenTheApplicationHasAMeterRegistry() {
        this.contextRunner
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run((context) -> assertThat(context).hasSingleBean(SwimMeterBinder.class));
    }
}
