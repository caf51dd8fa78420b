package io.swimdiscovery.spring.loadbalancer;

import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.loadbalancer.config.LoadBalancerZoneConfig;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ZonePreferenceServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Default configuration of every load-balancer client context: the push-based SWIM supplier
 * instead of commons' discovery supplier with its caching wrapper. A client-specific configuration
 * that declares its own {@link ServiceInstanceListSupplier} wins.
 *
 * <p>With {@code spring.cloud.loadbalancer.configurations=zone-preference} the supplier is wrapped
 * in Spring Cloud's zone preference, for the zone {@code spring.cloud.loadbalancer.zone} or, when
 * that is not set, this instance's own {@code swim.service.zone}: instances of the same zone are
 * preferred while there are any.
 */
@Configuration(proxyBeanMethods = false)
public class SwimLoadBalancerClientConfiguration {

    static final String CONFIGURATIONS = "spring.cloud.loadbalancer.configurations";

    @Bean
    @ConditionalOnMissingBean
    ServiceInstanceListSupplier swimServiceInstanceListSupplier(Environment environment,
            SwimDiscoveryClient discoveryClient, SwimLifecycle lifecycle) {
        ServiceInstanceListSupplier supplier = new SwimServiceInstanceListSupplier(
                LoadBalancerClientFactory.getName(environment), discoveryClient, lifecycle);
        if ("zone-preference".equals(environment.getProperty(CONFIGURATIONS))) {
            String zone = environment.getProperty("spring.cloud.loadbalancer.zone",
                    environment.getProperty("swim.service.zone", ""));
            if (!zone.isEmpty()) {
                supplier = new ZonePreferenceServiceInstanceListSupplier(supplier, new LoadBalancerZoneConfig(zone));
            }
        }
        return supplier;
    }
}
