package io.swimdiscovery.core.protocol;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One claim of this node to be primary, under one fencing token: its heartbeat rounds and the
 * endorsements they got (docs/roles.md). The claim is valid until {@code stepDownAfter} after the
 * send time of the newest round a quorum endorsed. Counting from the send time, on this node's
 * own clock, is what makes it safe: every endorser answered after that instant, and waits longer
 * than {@code stepDownAfter} (stretched for drift) after its answer before it endorses anyone
 * else.
 *
 * <p>Each member counts once, for the newest round it endorsed (an endorsement of round r also
 * supports every earlier round still remembered): support per round is kept incrementally, so an
 * endorsement costs O(1) amortised however big the group.
 */
final class RoleClaim {

    /** Rounds remembered; an answer to an older round (more than 16 heartbeats old) is ignored. */
    static final int ROUNDS = 64;

    final long token;
    final long startedAt;
    /** Whether this claim proposed the base of a group forming for the first time. */
    boolean forming;
    /** Whether a quorum ever confirmed it (a forming claim's proposal then became the base). */
    boolean everGranted;

    private final long stepDownAfterNanos;
    private final long[] sentAt = new long[ROUNDS];
    private final int[] support = new int[ROUNDS];
    private final Map<String, Long> newestEndorsed = new HashMap<>();
    private long nextRound;
    private long leaseUntil = Long.MIN_VALUE;
    // Whether the lease was last extended by a quorum of the base as it is now.
    private boolean backedByCurrentBase;
    boolean granted;

    RoleClaim(long token, long stepDownAfterNanos, long now) {
        this.token = token;
        this.startedAt = now;
        this.stepDownAfterNanos = stepDownAfterNanos;
    }

    /** Opens the next round, sent now. */
    long newRound(long now) {
        long r = nextRound++;
        int slot = (int) (r % ROUNDS);
        sentAt[slot] = now;
        support[slot] = 0;
        return r;
    }

    /**
     * The member in base seat {@code seat} endorsed {@code round}.
     *
     * @param needed endorsements from other members a round needs (the quorum, less this node)
     */
    void endorsed(String seat, long round, int needed) {
        long oldest = Math.max(0, nextRound - ROUNDS);
        if (round >= nextRound || round < oldest) {
            return;
        }
        long previous = newestEndorsed.getOrDefault(seat, -1L);
        if (round <= previous) {
            return;
        }
        newestEndorsed.put(seat, round);
        for (long q = Math.max(previous + 1, oldest); q <= round; q++) {
            int slot = (int) (q % ROUNDS);
            support[slot]++;
            if (support[slot] >= needed) {
                extend(Timers.plus(sentAt[slot], stepDownAfterNanos));
            }
        }
    }

    /** A round this node could confirm alone (a base of one, or a quorum met by itself). */
    void selfSufficient(long round) {
        int slot = (int) (round % ROUNDS);
        extend(Timers.plus(sentAt[slot], stepDownAfterNanos));
    }

    private void extend(long until) {
        if (until >= leaseUntil) {
            leaseUntil = until;
            backedByCurrentBase = true;
        }
    }

    /** Whether a quorum of the current base endorsed the round the lease now runs from. */
    boolean isBackedByCurrentBase() {
        return backedByCurrentBase;
    }

    /** The base changed: endorsements counted over the old one no longer add up to a quorum. */
    void baseChanged() {
        newestEndorsed.clear();
        Arrays.fill(support, 0);
        backedByCurrentBase = false;
    }

    /** Until when the claim is valid; {@link Long#MIN_VALUE} if a quorum never endorsed it. */
    long leaseUntil() {
        return leaseUntil;
    }

    /** When the claim was last valid (or began, if it never was): how long it has gone without a quorum. */
    long lastValidOrStart() {
        return leaseUntil == Long.MIN_VALUE ? startedAt : Math.max(startedAt, leaseUntil);
    }

    boolean isValidAt(long now) {
        return leaseUntil != Long.MIN_VALUE && now < leaseUntil;
    }

    /** Ends the claim's validity at once (a graceful hand-over, a lost identity). */
    void end() {
        leaseUntil = Long.MIN_VALUE;
        granted = false;
    }
}
