package io.swimdiscovery.core.protocol;

/**
 * What the cluster believes of a member. For one uid, news is ordered
 * {@code alive(i) < suspect(i) < unreachable(i) < alive(i+1) < ... < dead < left}: only the
 * member itself raises its incarnation, so it alone can refute a suspicion; {@link #DEAD} and
 * {@link #LEFT} are final for the uid. See {@link Precedence}.
 */
public enum MemberStatus {
    /** Answering probes, or nothing says otherwise. */
    ALIVE(0),
    /** A probe failed; the member has until the suspicion timeout to refute. */
    SUSPECT(1),
    /**
     * Optional stage between suspect and dead (off by default): the suspicion timed out but the
     * member is kept until an operator or a longer timeout confirms it dead.
     */
    UNREACHABLE(2),
    /**
     * Declared failed. Final for the uid: kept as a tombstone for the dead-member retention (and
     * its uid remembered far longer) so stale news cannot resurrect it. A process that is in fact
     * alive (a healed partition, a long pause) rejoins under a new uid.
     */
    DEAD(3),
    /** Left the cluster on purpose. Final for this uid; peers drop it at once, without suspicion. */
    LEFT(4);

    private final int rank;

    MemberStatus(int rank) {
        this.rank = rank;
    }

    /** Order of statuses at one incarnation; final statuses outrank any incarnation. */
    public int rank() {
        return rank;
    }

    /** Whether this status removes the member from the live view (dead or left). */
    public boolean isTerminal() {
        return this == DEAD || this == LEFT;
    }

    /** Whether a member with this status may still be alive, so discovery keeps listing it. */
    public boolean isReachable() {
        return this == ALIVE || this == SUSPECT;
    }
}
