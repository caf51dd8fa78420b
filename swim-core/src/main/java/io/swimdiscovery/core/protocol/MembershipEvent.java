package io.swimdiscovery.core.protocol;

/**
 * A change in this node's view of the cluster, published in the order the engine decided it.
 * Each carries the member as it is after the change.
 */
public sealed interface MembershipEvent permits MembershipEvent.MemberJoined, MembershipEvent.MemberSuspected,
        MembershipEvent.MemberUnreachable, MembershipEvent.MemberRecovered, MembershipEvent.MemberUpdated,
        MembershipEvent.MemberLeft, MembershipEvent.MemberFailed {

    /** The member after the change. */
    Member member();

    /** A member this node did not know, or knew only as a previous uid, is now known alive or suspect. */
    record MemberJoined(Member member) implements MembershipEvent {
    }

    /** A member failed a probe (by this node or another) and may be dead. */
    record MemberSuspected(Member member) implements MembershipEvent {
    }

    /** A suspect member's suspicion expired while the optional unreachable stage is on. */
    record MemberUnreachable(Member member) implements MembershipEvent {
    }

    /** A suspect or unreachable member refuted the suspicion and is alive again. */
    record MemberRecovered(Member member) implements MembershipEvent {
    }

    /** A member's metadata changed (with a new incarnation). */
    record MemberUpdated(Member member, Member previous) implements MembershipEvent {
    }

    /** A member left the cluster on purpose. */
    record MemberLeft(Member member) implements MembershipEvent {
    }

    /** A member was declared dead: its suspicion expired, or a newer uid of it appeared. */
    record MemberFailed(Member member) implements MembershipEvent {
    }
}
