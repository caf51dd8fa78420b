package io.swimdiscovery.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * A service as a user of the starter writes it: a web application with {@code spring.application.name}
 * and {@code swim.seeds}, nothing else about discovery. Open {@code /} for the live cluster page.
 */
@SpringBootApplication
public class SampleServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleServiceApplication.class, args);
    }

    /** Calls other services by service id ({@code http://billing/...}), spread over their instances. */
    @Bean
    @LoadBalanced
    RestClient.Builder loadBalancedRestClientBuilder() {
        return RestClient.builder();
    }
}
