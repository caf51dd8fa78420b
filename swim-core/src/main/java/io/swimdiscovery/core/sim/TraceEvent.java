package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MembershipEvent;
import java.util.Objects;

/**
 * One membership event as a node published it, stamped with virtual time.
 *
 * @param atNanos virtual time of the event, nanoseconds since the simulation started
 * @param observer name of the node that published it
 * @param event what changed in that node's view
 */
public record TraceEvent(long atNanos, String observer, MembershipEvent event) {

    public TraceEvent {
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(event, "event");
    }

    /** The member the event is about. */
    public MemberId subject() {
        return event.member().id();
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "%10.3fs %s: %s %s",
                atNanos / 1e9,
                observer,
                event.getClass().getSimpleName(),
                event.member().id());
    }
}
