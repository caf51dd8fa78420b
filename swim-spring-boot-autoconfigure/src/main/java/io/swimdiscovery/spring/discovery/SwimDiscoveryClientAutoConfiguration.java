package io.swimdiscovery.spring.discovery;

import io.swimdiscovery.spring.autoconfigure.ConditionalOnSwimEnabled;
import io.swimdiscovery.spring.autoconfigure.SwimAutoConfiguration;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.autoconfigure.SwimProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.CommonsClientAutoConfiguration;
import org.springframework.cloud.client.ConditionalOnBlockingDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The blocking {@link SwimDiscoveryClient}. Ordered before commons' simple and composite discovery
 * auto-configurations, so the composite client and commons' discovery health indicator (whose
 * {@code @ConditionalOnBean(DiscoveryClient)} is evaluated there) see it. Respects
 * {@code spring.cloud.discovery.enabled} and {@code spring.cloud.discovery.blocking.enabled}.
 */
@AutoConfiguration(
        after = SwimAutoConfiguration.class,
        before = {
            SimpleDiscoveryClientAutoConfiguration.class,
            CompositeDiscoveryClientAutoConfiguration.class,
            CommonsClientAutoConfiguration.class
        })
@ConditionalOnSwimEnabled
@ConditionalOnDiscoveryEnabled
@ConditionalOnBlockingDiscoveryEnabled
@ConditionalOnBean(SwimLifecycle.class)
public final class SwimDiscoveryClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SwimDiscoveryClient swimDiscoveryClient(SwimLifecycle lifecycle, SwimProperties properties) {
        return new SwimDiscoveryClient(
                lifecycle.catalog(), properties.isIncludeOutOfService(), DiscoveryClient.DEFAULT_ORDER);
    }
}
