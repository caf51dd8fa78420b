package io.swimdiscovery.spring.discovery.reactive;

import io.swimdiscovery.spring.discovery.SwimDiscoveryClient;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;

/**
 * The reactive face of {@link SwimDiscoveryClient}. Each subscription reads the published
 * {@link io.swimdiscovery.spring.discovery.ServiceCatalog} afresh: a volatile read, no lock, no
 * I/O and no wait for the node's protocol thread, so it never blocks the event loop it is
 * subscribed on (checked with BlockHound by {@code SwimReactiveDiscoveryClientBlockHoundTests}).
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
