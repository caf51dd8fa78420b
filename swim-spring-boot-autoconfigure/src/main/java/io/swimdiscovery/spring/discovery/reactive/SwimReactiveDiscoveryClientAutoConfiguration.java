package io.swimdiscovery.spring.discovery.reactive;

import io.swimdiscovery.spring.autoconfigure.ConditionalOnSwimEnabled;
import io.swimdiscovery.spring.autoconfigure.SwimAutoConfiguration;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.autoconfigure.SwimProperties;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnReactiveDiscoveryEnabled;
import org.springframework.cloud.client.ReactiveCommonsClientAutoConfiguration;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.composite.reactive.ReactiveCompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Flux;

/**
 * The {@link SwimReactiveDiscoveryClient}, when Reactor is on the class path and Spring Cloud
 * switches reactive discovery on (it needs {@code WebClient} on the class path too). Respects
 * {@code spring.cloud.discovery.enabled} and {@code spring.cloud.discovery.reactive.enabled}.
 */
@AutoConfiguration(
        after = SwimAutoConfiguration.class,
        before = {
            SimpleReactiveDiscoveryClientAutoConfiguration.class,
            ReactiveCompositeDiscoveryClientAutoConfiguration.class,
            ReactiveCommonsClientAutoConfiguration.class
        })
@ConditionalOnSwimEnabled
@ConditionalOnClass(Flux.class)
@ConditionalOnDiscoveryEnabled
@ConditionalOnReactiveDiscoveryEnabled
@ConditionalOnBean(SwimLifecycle.class)
public final class SwimReactiveDiscoveryClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SwimReactiveDiscoveryClient swimReactiveDiscoveryClient(SwimLifecycle lifecycle, SwimProperties properties) {
        // Its own reader of the view, so the reactive client works with blocking discovery switched off.
        return new SwimReactiveDiscoveryClient(new SwimDiscoveryClient(
                lifecycle.catalog(), properties.isIncludeOutOfService(), DiscoveryClient.DEFAULT_ORDER));
    }
}
