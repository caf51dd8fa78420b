package io.swimdiscovery.spring.discovery;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * Discovery from the local node's membership view: no registry to ask, no cache to expire. A
 * member that fails or leaves is gone from the next call once this node learns of it.
 *
 * <p>Lists reachable members (alive and suspect: a suspect may well be alive, and dropping it at
 * the first lost packet would make healthy instances flicker) that announce a service and are UP,
 * or OUT_OF_SERVICE too when {@code swim.include-out-of-service} is set. Dead and left members
 * never appear. Before the node has started the lists are empty.
 */
public class SwimDiscoveryClient implements DiscoveryClient {

    private static final Comparator<ServiceInstance> BY_INSTANCE_ID = Comparator
        .comparing(ServiceInstance::getInstanceId);

    private final SwimLifecycle lifecycle;

    private final boolean includeOutOfService;

    private final int order;

    public SwimDiscoveryClient(SwimLifecycle lifecycle, boolean includeOutOfService, int order) {
        this.lifecycle = lifecycle;
        this.includeOutOfService = includeOutOfService;
        this.order = order;
    }

    @Override
    public String description() {
        return "SWIM gossip membership discovery client";
    }

    @Override
    public List<ServiceInstance> getInstances(String serviceId) {
        return listed().filter((instance) -> instance.getServiceId().equals(serviceId))
            .sorted(BY_INSTANCE_ID)
            .map(ServiceInstance.class::cast)
            .toList();
    }

    @Override
    public List<String> getServices() {
        return listed().map(SwimServiceInstance::getServiceId).distinct().sorted().toList();
    }

    @Override
    public void probe() {
        // Discovery needs no remote call; it is healthy as long as the node runs.
        if (this.lifecycle.getNode() == null) {
            throw new IllegalStateException("SWIM node is not started");
        }
    }

    @Override
    public int getOrder() {
        return this.order;
    }

    private Stream<SwimServiceInstance> listed() {
        List<Member> members = this.lifecycle.members();
        return members.stream()
            .filter((member) -> SwimServiceInstances.isListed(member, this.includeOutOfService))
            .map(SwimServiceInstances::toServiceInstance)
            .flatMap(Optional::stream);
    }
}
