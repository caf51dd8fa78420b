package io.swimdiscovery.spring.loadbalancer;

import io.swimdiscovery.spring.autoconfigure.ConditionalOnSwimEnabled;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClientAutoConfiguration;
import io.swimdiscovery.spring.discovery.reactive.SwimReactiveDiscoveryClientAutoConfiguration;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.loadbalancer.cache.LoadBalancerCacheManager;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerZoneConfig;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Flux;

/**
 * SWIM under Spring Cloud LoadBalancer, composed with its configurations rather than replacing
 * them. No {@link ServiceInstanceListSupplier} is defined here: LoadBalancer's own
 * {@code LoadBalancerClientConfiguration} builds its chain ({@code default}, {@code zone-preference},
 * {@code health-check}, {@code weighted}, {@code subset}, {@code request-based-sticky-session},
 * {@code same-instance-preference}, per-client configurations and your own
 * {@code @LoadBalancerClients(defaultConfiguration = ...)} suppliers with hints) over the composite
 * {@code DiscoveryClient}, which lists SWIM instances from the lock-free catalog and instances
 * other discovery clients (Simple, Consul) know. What this adds:
 *
 * <ul>
 * <li>{@link SwimLoadBalancerCacheEvictor}: a service's entry in LoadBalancer's instance cache is
 * evicted when SWIM's view of it changes, so a failed instance is not chosen for the cache's 35 s.</li>
 * <li>{@link LoadBalancerZoneConfig}: {@code spring.cloud.loadbalancer.zone}, or this instance's
 * {@code swim.service.zone} when that is not set, for the {@code zone-preference} configuration.</li>
 * </ul>
 *
 * Respects {@code spring.cloud.loadbalancer.enabled}.
 */
@AutoConfiguration(
        after = {SwimDiscoveryClientAutoConfiguration.class, SwimReactiveDiscoveryClientAutoConfiguration.class},
        before = LoadBalancerAutoConfiguration.class)
@ConditionalOnSwimEnabled
@ConditionalOnClass({ServiceInstanceListSupplier.class, Flux.class})
@ConditionalOnBooleanProperty(name = "spring.cloud.loadbalancer.enabled", matchIfMissing = true)
@ConditionalOnBean(SwimLifecycle.class)
public final class SwimLoadBalancerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SwimLoadBalancerCacheEvictor swimLoadBalancerCacheEvictor(SwimLifecycle lifecycle, BeanFactory beanFactory) {
        // LoadBalancer declares its cache manager autowireCandidate = false: an injected provider
        // would never see it, the bean factory's own provider does (as LoadBalancer's builder finds it).
        return new SwimLoadBalancerCacheEvictor(
                lifecycle.catalog(), beanFactory.getBeanProvider(LoadBalancerCacheManager.class));
    }

    @Bean
    @ConditionalOnMissingBean
    LoadBalancerZoneConfig zoneConfig(Environment environment) {
        String zone = environment.getProperty("spring.cloud.loadbalancer.zone");
        if (zone == null || zone.isEmpty()) {
            zone = environment.getProperty("swim.service.zone");
        }
        return new LoadBalancerZoneConfig(zone);
    }
}
