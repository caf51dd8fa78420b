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
                MembershipEvent.LocalMemberDeclaredDead,
                MembershipEvent.PrimaryGranted,
                MembershipEvent.PrimaryRevoked,
                MembershipEvent.PrimaryChanged {

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

    /**
     * This node now holds the primary claim of its role group ({@link RoleSettings}): a quorum of
     * the group endorsed it. {@code member()} is this node; {@code token} is the grant's fencing
     * token. The claim stays valid only while {@link RoleState#isPrimaryAt} says so.
     */
    record PrimaryGranted(Member member, String group, long token) implements MembershipEvent {}

    /**
     * This node gave up the primary claim it held: it could not confirm a quorum in time (or a
     * pause outlasted the claim), it is leaving, or it was declared dead. {@code member()} is this
     * node. Stop acting as primary at once; the claim may already have run out when this arrives.
     *
     * @param reason {@code step-down} (no quorum in time), {@code yield} (asked to), {@code leave},
     *     {@code declared-dead} or {@code stopped}
     */
    record PrimaryRevoked(Member member, String group, long token, String reason) implements MembershipEvent {}

    /**
     * The member this node follows as its group's primary changed: {@code member()} is the new
     * primary (possibly this node), with its grant's {@code token}.
     */
    record PrimaryChanged(Member member, String group, long token) implements MembershipEvent {}
}
