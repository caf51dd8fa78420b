package io.swimdiscovery.spring.discovery;

import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * Discovery from the local node's membership view: no registry to ask, no cache to expire. A
 * member that fails or leaves is gone from the next call once this node learns of it.
 *
 * <p>Every call reads the {@link ServiceCatalog} the node's membership changes publish: one
 * volatile read and a map lookup, no lock, no copy, no task on the node's protocol thread, so it
 * is as cheap on a Netty event loop or in a load balancer's hot path as anywhere.
 *
 * <p>Lists reachable members (alive and suspect: a suspect may well be alive, and dropping it at
 * the first lost packet would make healthy instances flicker) that announce a service and a port
 * and are UP, or OUT_OF_SERVICE too when {@code swim.include-out-of-service} is set. Dead and left
 * members never appear. Before the node has started the lists are empty.
 */
public class SwimDiscoveryClient implements DiscoveryClient {

    private final SwimServiceCatalog catalog;

    private final boolean includeOutOfService;

    private final int order;

    public SwimDiscoveryClient(SwimServiceCatalog catalog, boolean includeOutOfService, int order) {
        this.catalog = catalog;
        this.includeOutOfService = includeOutOfService;
        this.order = order;
    }

    @Override
    public String description() {
        return "SWIM gossip membership discovery client";
    }

    @Override
    public List<ServiceInstance> getInstances(String serviceId) {
        return this.catalog.current().instances(serviceId, this.includeOutOfService);
    }

    @Override
    public List<String> getServices() {
        return this.catalog.current().serviceIds(this.includeOutOfService);
    }

    @Override
    public void probe() {
        // Discovery needs no remote call; it is healthy as long as the node runs.
        if (!this.catalog.isOpen()) {
            throw new IllegalStateException("SWIM node is not started");
        }
    }

    @Override
    public int getOrder() {
        return this.order;
    }

    /** Whether out-of-service instances are listed. */
    public boolean isIncludeOutOfService() {
        return this.includeOutOfService;
    }
}
