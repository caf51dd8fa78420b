package io.swimdiscovery.core.protocol;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message between members. Every message but {@link SyncDigest} carries piggybacked gossip, so
 * membership news travels on the probe traffic that flows anyway.
 *
 * <p>The probe traffic that flows every period (a {@link Ping} and its {@link Ack}) is kept as small
 * as the protocol allows, because it is most of the steady-state load: a ping names only where to
 * answer and which process it is meant for, and an answer ({@link Ack}, {@link Nack}) carries only
 * the sequence number of the request it answers; the requester knows whom it asked. The rarer
 * messages name their sender in full.
 */
public sealed interface Message
        permits Message.Ping,
                Message.PingReq,
                Message.Ack,
                Message.Nack,
                Message.GossipPush,
                Message.Sync,
                Message.SyncDigest,
                Message.RoleHeartbeat,
                Message.RoleEcho {

    /** Membership news riding on this message (for a {@link Sync}, the sender's whole state). */
    List<Gossip> gossip();

    /** The member that sent {@code message}, for the types that name it; {@code null} for the others. */
    static @Nullable MemberId senderOf(Message message) {
        if (message instanceof PingReq r) {
            return r.sender();
        } else if (message instanceof GossipPush g) {
            return g.sender();
        } else if (message instanceof Sync s) {
            return s.sender();
        } else if (message instanceof SyncDigest d) {
            return d.sender();
        } else if (message instanceof RoleHeartbeat h) {
            return h.sender();
        } else if (message instanceof RoleEcho e) {
            return e.sender();
        }
        return null;
    }

    /**
     * Direct probe. The target answers with an {@link Ack} carrying the same sequence number.
     *
     * @param replyTo where the ack goes: the prober's advertised address (not the datagram's source,
     *     which a NAT or a wildcard bind may have changed)
     * @param targetUid the process this probe is meant for; a different uid of the same name (a
     *     restart) does not answer, so the old uid is found dead
     * @param reliable whether this is the fallback ping sent over a stream when the datagram one went
     *     unanswered; its ack goes back over a stream too, so datagram loss cannot cost the answer
     */
    record Ping(Address replyTo, long sequence, long targetUid, List<Gossip> gossip, boolean reliable)
            implements Message {
        public Ping {
            Objects.requireNonNull(replyTo, "replyTo");
            gossip = List.copyOf(gossip);
        }

        /** The datagram ping of every protocol period. */
        public Ping(Address replyTo, long sequence, long targetUid, List<Gossip> gossip) {
            this(replyTo, sequence, targetUid, gossip, false);
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
     * Answer to a ping, or a relayed answer to a ping-req. The sequence number is the requester's
     * own, so it alone says which probe (and so which member) the ack is about.
     */
    record Ack(long sequence, List<Gossip> gossip) implements Message {
        public Ack {
            gossip = List.copyOf(gossip);
        }
    }

    /**
     * Lifeguard: a relay's word that it is alive but the target of a ping-req did not answer, so
     * the prober can tell its own packet loss from the target's failure.
     */
    record Nack(long sequence, List<Gossip> gossip) implements Message {
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
     * Anti-entropy: the sender's state (one entry per known member, itself included), sent
     * reliably. A receiver merges it and, unless {@code reply} is set, answers with its own state.
     *
     * <p>A <em>partial</em> state ({@code bucketCount > 0}) holds only the sender's members whose
     * names fall in {@code buckets} when names are spread over {@code bucketCount} buckets (see
     * {@link SyncDigest}); its answer holds the receiver's members of the same buckets. A full state
     * has {@code bucketCount} 0 and no buckets.
     *
     * @param reply whether this is the answer to a sync
     * @param join whether the sender is joining (the receiver then prefers to answer at once)
     * @param bucketCount 0 for a full state; else a power of two from 2 to {@link SyncDigest#MAX_BUCKETS}
     * @param buckets the buckets a partial state covers, ascending, each below {@code bucketCount}; empty for a full state
     */
    record Sync(
            MemberId sender, boolean reply, boolean join, List<Gossip> gossip, int bucketCount, List<Integer> buckets)
            implements Message {
        public Sync {
            gossip = List.copyOf(gossip);
            buckets = List.copyOf(buckets);
            if (bucketCount == 0) {
                if (!buckets.isEmpty()) {
                    throw new IllegalArgumentException("a full state names no buckets");
                }
            } else {
                if (!SyncDigest.isValidBucketCount(bucketCount)) {
                    throw new IllegalArgumentException("bucket count " + bucketCount);
                }
                if (buckets.isEmpty()) {
                    throw new IllegalArgumentException("a partial state names at least one bucket");
                }
                int last = -1;
                for (int b : buckets) {
                    if (b <= last || b >= bucketCount) {
                        throw new IllegalArgumentException("buckets " + buckets + " of " + bucketCount);
                    }
                    last = b;
                }
            }
        }

        /** A full state. */
        public Sync(MemberId sender, boolean reply, boolean join, List<Gossip> gossip) {
            this(sender, reply, join, gossip, 0, List.of());
        }

        /** Whether this holds only the members of some buckets. */
        public boolean partial() {
            return bucketCount != 0;
        }
    }

    /**
     * Anti-entropy, first step: a fingerprint of the sender's view (see {@code ViewDigest}), sent
     * reliably. A receiver whose own view has another digest answers; one whose view matches does
     * nothing, which is what keeps the steady-state cost flat as the cluster grows.
     *
     * <p>The answer of a large view is a digest too, carrying {@code bucketSums}: member names are
     * spread over {@code bucketSums.size()} buckets by a hash, and each sum is the low 32 bits of
     * the fingerprints of the bucket's members. The first sender then sends only its members of
     * the buckets whose sums differ (a partial {@link Sync}), and gets back the peer's members of
     * those buckets. A plain digest has no bucket sums.
     *
     * @param bucketSums empty, or a power of two from 2 to {@link #MAX_BUCKETS} sums
     */
    record SyncDigest(MemberId sender, long digest, List<Integer> bucketSums) implements Message {

        /** Most buckets a digest may carry. */
        public static final int MAX_BUCKETS = 1024;

        public SyncDigest {
            bucketSums = List.copyOf(bucketSums);
            if (!bucketSums.isEmpty() && !isValidBucketCount(bucketSums.size())) {
                throw new IllegalArgumentException("bucket count " + bucketSums.size());
            }
        }

        /** A plain digest, without bucket sums. */
        public SyncDigest(MemberId sender, long digest) {
            this(sender, digest, List.of());
        }

        /** A power of two from 2 to {@link #MAX_BUCKETS}. */
        public static boolean isValidBucketCount(int count) {
            return count >= 2 && count <= MAX_BUCKETS && Integer.bitCount(count) == 1;
        }

        @Override
        public List<Gossip> gossip() {
            return List.of();
        }
    }

    /**
     * Roles (docs/roles.md): a primary's, or a claimant's, request that a member of its group
     * endorse its claim for one more round. Sent to every member of the group each heartbeat.
     *
     * @param token the fencing token claimed
     * @param round the sender's round number, echoed back, so the sender knows when it asked
     * @param baseEpoch with {@code baseSeq}, the version of the sender's base (the members a
     *     quorum is counted over)
     * @param base the base itself (member names, the oldest first) when the receiver may lack it; else empty
     * @param release the sender gives the role up (a graceful leave): endorsers are free at once
     * @param forming the sender found no base and proposes {@code base} for a group forming for
     *     the first time; a member that holds a base refuses and sends it back
     */
    record RoleHeartbeat(
            MemberId sender,
            String group,
            long token,
            long round,
            long baseEpoch,
            long baseSeq,
            List<String> base,
            boolean release,
            boolean forming)
            implements Message {
        public RoleHeartbeat {
            Objects.requireNonNull(group, "group");
            base = List.copyOf(base);
        }

        @Override
        public List<Gossip> gossip() {
            return List.of();
        }
    }

    /**
     * Roles: a member's answer to a {@link RoleHeartbeat}.
     *
     * @param endorsed whether the sender endorses the claim of {@code token} for {@code round}
     * @param maxToken the highest token the sender ever endorsed
     * @param base the sender's base when it is newer than the heartbeat's; else empty
     */
    record RoleEcho(
            MemberId sender,
            String group,
            long token,
            long round,
            boolean endorsed,
            long maxToken,
            long baseEpoch,
            long baseSeq,
            List<String> base)
            implements Message {
        public RoleEcho {
            Objects.requireNonNull(group, "group");
            base = List.copyOf(base);
        }

        @Override
        public List<Gossip> gossip() {
            return List.of();
        }
    }
}
