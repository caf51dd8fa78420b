package io.swimdiscovery.spring.actuate;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One member in {@code /actuator/swim}.
 *
 * @param name member name (its service instance id)
 * @param address advertised SWIM address, host:port
 * @param uid per-process-start identifier, in hex
 * @param status ALIVE, SUSPECT, UNREACHABLE, DEAD or LEFT
 * @param incarnation current incarnation
 * @param serviceId announced service id, or null for a client-only member
 * @param metadata everything the member published
 * @param lastStatusChange when this node saw its status change last (estimated from the engine's
 *     monotonic clock), or null if unknown
 */
public record SwimMemberDescriptor(
        String name,
        String address,
        String uid,
        String status,
        long incarnation,
        @Nullable String serviceId,
        Map<String, String> metadata,
        @Nullable Instant lastStatusChange) {

    static SwimMemberDescriptor of(Member member, long nowNanos, Instant now) {
        long age = nowNanos - member.statusChangedAtNanos();
        // The engine clock is System.nanoTime() in the node; anything else gives no sensible wall time.
        Instant changed = (member.statusChangedAtNanos() > 0 && age >= 0) ? now.minusNanos(age) : null;
        return new SwimMemberDescriptor(
                member.name(),
                member.address().toString(),
                Long.toHexString(member.id().uid()),
                member.status().name(),
                member.incarnation(),
                member.metadata().get(SwimMetadata.SERVICE_ID),
                member.metadata(),
                changed);
    }
}
