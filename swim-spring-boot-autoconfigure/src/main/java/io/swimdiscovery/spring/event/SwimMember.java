package io.swimdiscovery.spring.event;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.discovery.SwimServiceInstance;
import io.swimdiscovery.spring.discovery.SwimServiceInstances;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A member as an application sees it in an event: its name, where its node is, what the cluster
 * believes of it, and the service it announces.
 *
 * @param name unique member name (the instance id of its service instance)
 * @param host advertised host of its node
 * @param swimPort SWIM port of its node (not the service port)
 * @param status what this node believes of it now
 * @param incarnation its incarnation now
 * @param serviceId the service it announces, or null for a client-only member
 * @param metadata everything it published
 */
public record SwimMember(
        String name,
        String host,
        int swimPort,
        MemberStatus status,
        long incarnation,
        @Nullable String serviceId,
        Map<String, String> metadata) {

    public SwimMember {
        metadata = Map.copyOf(metadata);
    }

    /** The view of an engine member. */
    public static SwimMember of(Member member) {
        return new SwimMember(
                member.name(),
                member.address().host(),
                member.address().port(),
                member.status(),
                member.incarnation(),
                member.metadata().get(SwimMetadata.SERVICE_ID),
                member.metadata());
    }

    /** The service instance this member announces, if any (whatever its status). */
    public Optional<SwimServiceInstance> serviceInstance() {
        return SwimServiceInstances.toServiceInstance(this.name, this.host, this.metadata);
    }
}
