package io.swimdiscovery.spring.loadbalancer;

import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Default configuration of every load-balancer client context: the push-based SWIM supplier
 * instead of commons' discovery supplier with its caching wrapper. A client-specific configuration
 * that declares its own {@link ServiceInstanceListSupplier} wins.
 */
@Configuration(proxyBeanMethods = false)
public class SwimLoadBalancerClientConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServiceInstanceListSupplier swimServiceInstanceListSupplier(Environment environment,
            SwimDiscoveryClient discoveryClient, SwimLifecycle lifecycle) {
        return new SwimServiceInstanceListSupplier(LoadBalancerClientFactory.getName(environment), discoveryClient,
                lifecycle);
    }
}
