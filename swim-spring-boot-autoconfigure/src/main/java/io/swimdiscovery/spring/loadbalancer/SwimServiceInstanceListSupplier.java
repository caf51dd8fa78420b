package io.swimdiscovery.spring.loadbalancer;

import io.swimdiscovery.core.node.MembershipListener;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClient;
import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Push-based instance list for Spring Cloud LoadBalancer: each subscription gets the current
 * instances at once and then a new list on every membership change, straight from the node.
 * There is no cache to expire, so a member that failed or left is not chosen by the next call
 * once this node knows it (the stale-cache problem of spring-cloud-commons#1215 and #1254).
 *
 * <p>Load balancers take the first list of each subscription, which is always the view now;
 * long-lived subscribers (a caching or health-check wrapper) get every change as it happens.
 */
public class SwimServiceInstanceListSupplier implements ServiceInstanceListSupplier {

    private final String serviceId;

    private final SwimDiscoveryClient discoveryClient;

    private final SwimLifecycle lifecycle;

    public SwimServiceInstanceListSupplier(String serviceId, SwimDiscoveryClient discoveryClient,
            SwimLifecycle lifecycle) {
        this.serviceId = serviceId;
        this.discoveryClient = discoveryClient;
        this.lifecycle = lifecycle;
    }

    @Override
    public String getServiceId() {
        return this.serviceId;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        Flux<List<ServiceInstance>> changes = Flux.create((sink) -> {
            MembershipListener listener = (event) -> sink.next(current());
            this.lifecycle.addListener(listener);
            sink.onDispose(() -> this.lifecycle.removeListener(listener));
            sink.next(current());
        }, FluxSink.OverflowStrategy.LATEST);
        // Metadata updates of other services change nothing here: emit only real changes.
        return changes.distinctUntilChanged();
    }

    private List<ServiceInstance> current() {
        return this.discoveryClient.getInstances(this.serviceId);
    }
}
