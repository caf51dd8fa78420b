package io.swimdiscovery.core.protocol;

import java.util.Map;
import java.util.Objects;

/**
 * A member as this node sees it: an immutable snapshot handed to listeners and readers.
 *
 * @param id identity (name, address, uid)
 * @param status current status
 * @param incarnation current incarnation
 * @param metadata key/value metadata the member published (service id, port, zone, ...)
 * @param statusChangedAtNanos engine time of the last status change, in nanoseconds on the clock the
 *     driver gives the engine: for {@code SwimNode} this JVM's {@link System#nanoTime()} (compare
 *     with it; {@code SwimNode.toInstant(long)} gives wall time), in the simulator virtual time
 */
public record Member(
        MemberId id, MemberStatus status, long incarnation, Map<String, String> metadata, long statusChangedAtNanos) {

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        metadata = Map.copyOf(metadata);
    }

    public String name() {
        return id.name();
    }

    public Address address() {
        return id.address();
    }
}
