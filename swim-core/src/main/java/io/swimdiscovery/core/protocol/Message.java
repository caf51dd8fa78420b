package io.swimdiscovery.core.protocol;

import java.util.List;

/**
 * A message between members. Every message names its sender and carries piggybacked gossip, so
 * membership news travels on the probe traffic that flows anyway.
 */
public sealed interface Message permits Message.Ping, Message.PingReq, Message.Ack, Message.Nack,
        Message.GossipPush, Message.Sync {

    /** The member that sent this message. */
    MemberId sender();

    /** Membership news riding on this message (for a {@link Sync}, the sender's whole state). */
    List<Gossip> gossip();

    /**
     * Direct probe. The target answers with an {@link Ack} carrying the same sequence number.
     *
     * @param target the member this probe is meant for; a process that is a different uid of the
     *     same name does not answer, so the old uid is found dead
     */
    record Ping(MemberId sender, long sequence, MemberId target, List<Gossip> gossip) implements Message {
        public Ping {
            gossip = List.copyOf(gossip);
        }
    }

    /**
     * Indirect probe: asks the receiver to ping {@code target} on the sender's behalf and relay the
     * ack (with {@code sequence}), or send a {@link Nack} if the target does not answer in time.
     */
    record PingReq(MemberId sender, long sequence, MemberId target, List<Gossip> gossip) implements Message {
        public PingReq {
            gossip = List.copyOf(gossip);
        }
    }

    /**
     * Answer to a ping, or a relayed answer to a ping-req.
     *
     * @param target the member whose liveness this ack proves (the sender for a direct ack, the
     *     probed member for a relayed one)
     */
    record Ack(MemberId sender, long sequence, MemberId target, List<Gossip> gossip) implements Message {
        public Ack {
            gossip = List.copyOf(gossip);
        }
    }

    /**
     * Lifeguard: a relay's word that it is alive but the target of a ping-req did not answer, so
     * the prober can tell its own packet loss from the target's failure.
     */
    record Nack(MemberId sender, long sequence, List<Gossip> gossip) implements Message {
        public Nack {
            gossip = List.copyOf(gossip);
        }
    }

    /** Gossip alone, sent every gossip interval to a few random members. */
    record GossipPush(MemberId sender, List<Gossip> gossip) implements Message {
        public GossipPush {
            gossip = List.copyOf(gossip);
        }
    }

    /**
     * Anti-entropy: the sender's full state (one entry per known member, itself included), sent
     * reliably. A receiver merges it and, unless {@code reply} is set, answers with its own state.
     *
     * @param reply whether this is the answer to a sync
     * @param join whether the sender is joining (the receiver then prefers to answer at once)
     */
    record Sync(MemberId sender, boolean reply, boolean join, List<Gossip> gossip) implements Message {
        public Sync {
            gossip = List.copyOf(gossip);
        }
    }
}
