package io.swimdiscovery.core.protocol;

/**
 * A change in this node's view of the cluster, published in the order the engine decided it.
 * Each carries the member as it is after the change.
 */
public sealed interface MembershipEvent
        permits MembershipEvent.MemberJoined,
                MembershipEvent.MemberSuspected,
                MembershipEvent.MemberUnreachable,
                MembershipEvent.MemberRecovered,
                MembershipEvent.MemberUpdated,
                MembershipEvent.MemberLeft,
                MembershipEvent.MemberFailed,
                MembershipEvent.LocalMemberDeclaredDead {

    /** The member after the change. */
    Member member();

    /** A member this node did not know, or knew only as a previous uid, is now known alive or suspect. */
    record MemberJoined(Member member) implements MembershipEvent {}

    /**
     * A member failed a probe and may be dead.
     *
     * @param raisedLocally whether this node's own probe raised the suspicion (false: it heard of
     *     another member's)
     */
    record MemberSuspected(Member member, boolean raisedLocally) implements MembershipEvent {
        /** A suspicion heard from another member. */
        public MemberSuspected(Member member) {
            this(member, false);
        }
    }

    /** A suspect member's suspicion expired while the optional unreachable stage is on. */
    record MemberUnreachable(Member member) implements MembershipEvent {}

    /** A suspect or unreachable member refuted the suspicion and is alive again. */
    record MemberRecovered(Member member) implements MembershipEvent {}

    /** A member's metadata changed (with a new incarnation). */
    record MemberUpdated(Member member, Member previous) implements MembershipEvent {}

    /** A member left the cluster on purpose. */
    record MemberLeft(Member member) implements MembershipEvent {}

    /**
     * A member was declared dead: its suspicion expired, or a new process of it appeared. Final for
     * that uid: the same identity never comes back, so work it held can be fenced and reassigned.
     */
    record MemberFailed(Member member) implements MembershipEvent {}

    /**
     * This node learnt that the cluster declared it dead (a long pause, a partition). Dead is final
     * for a uid, so with {@code SwimSettings.RejoinPolicy.REJOIN} (the default) it has rejoined
     * under a new uid: {@code member()} is the new identity, {@code previous()} the dead one, and
     * peers see the new uid join. With {@code STOP} the engine has stopped ({@code rejoined} is
     * false and {@code member()} is the dead identity); the runtime closes the node.
     */
    record LocalMemberDeclaredDead(Member member, Member previous, boolean rejoined) implements MembershipEvent {}
}
