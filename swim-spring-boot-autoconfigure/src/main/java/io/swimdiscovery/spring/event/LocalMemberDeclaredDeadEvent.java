package io.swimdiscovery.spring.event;

import io.swimdiscovery.core.protocol.MembershipEvent;

/**
 * The cluster declared this instance dead (a long GC pause, a partition). Dead is final for a
 * member's uid, so the node has rejoined under a new uid ({@link #isRejoined()}; peers list it
 * again within about a round trip) or, with {@code swim.protocol.rejoin-policy=stop}, stopped. Work
 * this instance held under its old identity may have been reassigned by peers that saw it fail.
 */
public class LocalMemberDeclaredDeadEvent extends SwimMembershipEvent {

    private final boolean rejoined;

    public LocalMemberDeclaredDeadEvent(Object source, MembershipEvent.LocalMemberDeclaredDead nodeEvent) {
        super(source, nodeEvent);
        this.rejoined = nodeEvent.rejoined();
    }

    /** Whether the node rejoined under a new uid (false: it stopped, by the rejoin policy). */
    public boolean isRejoined() {
        return this.rejoined;
    }
}
