package io.swimdiscovery.spring.discovery.reactive;

import io.swimdiscovery.spring.discovery.SwimDiscoveryClient;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;

/**
 * The reactive face of {@link SwimDiscoveryClient}. Reading the membership view is an in-memory
 * copy, never I/O, so it is safe on an event loop and each subscription reads the view afresh.
 */
public class SwimReactiveDiscoveryClient implements ReactiveDiscoveryClient {

    private final SwimDiscoveryClient delegate;

    public SwimReactiveDiscoveryClient(SwimDiscoveryClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public String description() {
        return "SWIM gossip membership reactive discovery client";
    }

    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        return Flux.defer(() -> Flux.fromIterable(this.delegate.getInstances(serviceId)));
    }

    @Override
    public Flux<String> getServices() {
        return Flux.defer(() -> Flux.fromIterable(this.delegate.getServices()));
    }

    @Override
    public int getOrder() {
        return this.delegate.getOrder();
    }
}
