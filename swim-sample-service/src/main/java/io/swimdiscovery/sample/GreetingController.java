package io.swimdiscovery.sample;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * {@code /hello} answers with this instance's name; {@code /call/{service}} calls {@code /hello}
 * on an instance of another service through a {@code @LoadBalanced} RestClient, whose instance list
 * is fed by SWIM membership (a crashed instance drops out of it in seconds).
 */
@RestController
class GreetingController {

    private final RestClient loadBalanced;
    private final String serviceId;
    private final String instanceName;

    GreetingController(
            RestClient.Builder loadBalancedBuilder,
            @Value("${spring.application.name}") String serviceId,
            @Value("${swim.node-name:${HOSTNAME:local}}") String instanceName) {
        this.loadBalanced = loadBalancedBuilder.build();
        this.serviceId = serviceId;
        this.instanceName = instanceName;
    }

    @GetMapping("/hello")
    Map<String, String> hello() {
        return Map.of("service", serviceId, "instance", instanceName);
    }

    @GetMapping("/call/{service}")
    Map<String, Object> call(@PathVariable String service) {
        Map<?, ?> answer = loadBalanced
                .get()
                .uri("http://{service}/hello", service)
                .retrieve()
                .body(Map.class);
        return Map.of("caller", instanceName, "answer", answer == null ? Map.of() : answer);
    }

    @Configuration(proxyBeanMethods = false)
    static class LoadBalancedClientConfiguration {

        @Bean
        @LoadBalanced
        RestClient.Builder loadBalancedRestClientBuilder() {
            return RestClient.builder();
        }
    }
}
