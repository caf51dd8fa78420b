package io.swimdiscovery.spring.loadbalancer;

import io.swimdiscovery.spring.discovery.ServiceCatalogListener;
import io.swimdiscovery.spring.discovery.SwimServiceCatalog;
import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * A push-based base for your own supplier chain: each subscription gets the service's instances
 * now and then a new list whenever the {@link SwimServiceCatalog} changes them. It is not
 * installed by default (Spring Cloud LoadBalancer's own configurations read the composite
 * {@code DiscoveryClient}, see {@code SwimLoadBalancerAutoConfiguration}); use it where a
 * long-lived subscriber should hear of changes at once, for instance under health checks:
 *
 * <pre>{@code
 * ServiceInstanceListSupplier.builder()
 *     .withBase(new SwimServiceInstanceListSupplier(serviceId, lifecycle.catalog(), false))
 *     .withHealthChecks()
 *     .build(context);
 * }</pre>
 *
 * Reading is the catalog's lock-free read; nothing here waits or blocks.
 */
public class SwimServiceInstanceListSupplier implements ServiceInstanceListSupplier {

    private final String serviceId;

    private final SwimServiceCatalog catalog;

    private final boolean includeOutOfService;

    public SwimServiceInstanceListSupplier(String serviceId, SwimServiceCatalog catalog, boolean includeOutOfService) {
        this.serviceId = serviceId;
        this.catalog = catalog;
        this.includeOutOfService = includeOutOfService;
    }

    @Override
    public String getServiceId() {
        return this.serviceId;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        Flux<List<ServiceInstance>> changes = Flux.create(
                (sink) -> {
                    ServiceCatalogListener listener = (catalog, changed) -> {
                        if (changed.contains(this.serviceId)) {
                            sink.next(catalog.instances(this.serviceId, this.includeOutOfService));
                        }
                    };
                    this.catalog.addListener(listener);
                    sink.onDispose(() -> this.catalog.removeListener(listener));
                    sink.next(current());
                },
                FluxSink.OverflowStrategy.LATEST);
        // A change of the out-of-service list alone leaves the UP list as it was: emit only real changes.
        return changes.distinctUntilChanged();
    }

    private List<ServiceInstance> current() {
        return this.catalog.current().instances(this.serviceId, this.includeOutOfService);
    }
}
