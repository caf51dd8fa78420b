package io.swimdiscovery.core.protocol;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The SWIM engine of one member: a state machine driven by inputs, answering with directives.
 * Not thread-safe: one thread (the node's event loop, or the simulator) calls it.
 */
public final class SwimInstance {

    /**
     * @param settings tuning parameters
     * @param self this member's identity (its uid fresh for this process start)
     * @param metadata this member's initial metadata
     * @param random seeded source of every random choice the engine makes
     * @param sizer encoded sizes, to fill datagrams up to {@link SwimSettings#maxPacketSize()}
     * @param nowNanos engine time now, monotonic nanoseconds
     */
    public SwimInstance(SwimSettings settings, MemberId self, Map<String, String> metadata, RandomGenerator random,
            PacketSizer sizer, long nowNanos) {
        throw new UnsupportedOperationException("engine lands in the next commit");
    }

    /** Starts the engine; returns the first {@link Directive.ScheduleTick}. */
    public List<Directive> start(long nowNanos) { throw new UnsupportedOperationException(); }

    /** Joins through {@code seeds}: a full-state sync with each. Repeats with the rejoin logic until joined. */
    public List<Directive> join(Collection<Address> seeds, long nowNanos) { throw new UnsupportedOperationException(); }

    /** A message arrived from a peer. */
    public List<Directive> onMessage(Message message, long nowNanos) { throw new UnsupportedOperationException(); }

    /** Time passed: runs every protocol action due at {@code nowNanos}. */
    public List<Directive> onTick(long nowNanos) { throw new UnsupportedOperationException(); }

    /** A {@link Directive.SendReliable} could not be delivered. */
    public List<Directive> onReliableSendFailed(Address to, Message message, long nowNanos) { throw new UnsupportedOperationException(); }

    /** Leave on purpose: gossips {@code left(self)}; see {@link #hasLeaveDisseminated()}. */
    public List<Directive> leave(long nowNanos) { throw new UnsupportedOperationException(); }

    /** Whether {@code left(self)} has been sent out enough times that the runtime may stop. */
    public boolean hasLeaveDisseminated() { throw new UnsupportedOperationException(); }

    /** Publishes new metadata with a raised incarnation. @throws IllegalArgumentException if too large */
    public List<Directive> updateMetadata(Map<String, String> metadata, long nowNanos) { throw new UnsupportedOperationException(); }

    /** This member as it is now (its uid never changes; its incarnation may). */
    public Member localMember() { throw new UnsupportedOperationException(); }

    /** Every member this node knows, itself included, tombstones included. */
    public List<Member> members() { throw new UnsupportedOperationException(); }

    /** Whether a sync with another member completed (the join took). */
    public boolean isJoined() { throw new UnsupportedOperationException(); }

    /** Lifeguard local health score, 0 (healthy) .. {@link SwimSettings#localHealthMax()}. */
    public int localHealth() { throw new UnsupportedOperationException(); }

    /** Counters of protocol outcomes since start. */
    public ProtocolCounters counters() { throw new UnsupportedOperationException(); }

    /** Pieces of news waiting to be sent. */
    public int gossipQueueDepth() { throw new UnsupportedOperationException(); }
}
