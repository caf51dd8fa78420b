package io.swimdiscovery.spring.loadbalancer.cluster;

import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.loadbalancer.SwimServiceInstanceListSupplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/** The applications of {@link LoadBalancerConfigurationsClusterTests}, as users write them. */
final class LoadBalancerTestApplications {

    private LoadBalancerTestApplications() {}

    /** A billing server: webmvc, actuator, and an endpoint that says which instance answered. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Server {

        @Bean
        WhoAmI whoAmI(@Value("${swim.node-name}") String name) {
            return new WhoAmI(name);
        }
    }

    @RestController
    static class WhoAmI {

        private final String name;

        WhoAmI(String name) {
            this.name = name;
        }

        @GetMapping("/who")
        String who() {
            return this.name;
        }
    }

    /** A client: nothing but the starter, a {@code @LoadBalanced} RestClient and a WebClient for health checks. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Client {

        @Bean
        @LoadBalanced
        RestClient.Builder loadBalancedRestClient() {
            return RestClient.builder();
        }

        @Bean
        WebClient.Builder webClientBuilder() {
            return WebClient.builder();
        }
    }

    /** A client that adds hints the documented way: its own default supplier for every service. */
    @Configuration(proxyBeanMethods = false)
    @Import(Client.class)
    @LoadBalancerClients(defaultConfiguration = HintsConfiguration.class)
    static class HintsClient {}

    /** Health checks over SWIM's push-based base, as docs/spring-integration.md shows it. */
    @Configuration(proxyBeanMethods = false)
    @Import(Client.class)
    @LoadBalancerClients(defaultConfiguration = PushHealthConfiguration.class)
    static class PushHealthClient {}

    static class PushHealthConfiguration {

        @Bean
        ServiceInstanceListSupplier healthChecked(ConfigurableApplicationContext context, SwimLifecycle lifecycle) {
            String serviceId = context.getEnvironment().getProperty("loadbalancer.client.name");
            return ServiceInstanceListSupplier.builder()
                    .withBase(new SwimServiceInstanceListSupplier(serviceId, lifecycle.catalog(), false))
                    .withHealthChecks()
                    .build(context);
        }
    }

    /** Not a {@code @Configuration}: only LoadBalancer's child contexts load it. */
    static class HintsConfiguration {

        @Bean
        ServiceInstanceListSupplier hintsSupplier(ConfigurableApplicationContext context) {
            return ServiceInstanceListSupplier.builder()
                    .withDiscoveryClient()
                    .withHints()
                    .build(context);
        }
    }
}
