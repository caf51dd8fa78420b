package io.swimdiscovery.spring.loadbalancer;

import io.swimdiscovery.spring.autoconfigure.ConditionalOnSwimEnabled;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClient;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClientAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * Makes {@link SwimServiceInstanceListSupplier} the instance list of every load-balanced service
 * when SWIM discovery is on and Spring Cloud LoadBalancer is present. Respects
 * {@code spring.cloud.loadbalancer.enabled}.
 */
@AutoConfiguration(after = SwimDiscoveryClientAutoConfiguration.class, before = LoadBalancerAutoConfiguration.class)
@ConditionalOnSwimEnabled
@ConditionalOnClass({ ServiceInstanceListSupplier.class, LoadBalancerClients.class, Flux.class })
@ConditionalOnBooleanProperty(name = "spring.cloud.loadbalancer.enabled", matchIfMissing = true)
@ConditionalOnBean(SwimDiscoveryClient.class)
@LoadBalancerClients(defaultConfiguration = SwimLoadBalancerClientConfiguration.class)
public final class SwimLoadBalancerAutoConfiguration {

}
