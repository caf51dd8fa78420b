package io.swimdiscovery.core.protocol;

/**
 * The total order of news about one member name, on which every merge rests. Making it total
 * (not just a partial order) is what makes merging commutative, associative and idempotent:
 * whoever hears the same set of news, in any order, ends with the same belief.
 *
 * <ol>
 *   <li>A larger uid wins: it is a later start of the process, and the older uid is dead.</li>
 *   <li>For one uid, left beats everything: leaving is final.</li>
 *   <li>Otherwise the larger incarnation wins, and at equal incarnation the higher status rank
 *       ({@code alive < suspect < unreachable < dead}). Dead is not final: like memberlist, and
 *       unlike the SWIM paper, a member that hears of its own death refutes it with a higher
 *       incarnation, so a healed partition merges back without new identities (docs/protocol.md).</li>
 * </ol>
 */
final class Precedence {

    private Precedence() {
    }

    /** Negative if {@code a} is older news than {@code b}, zero if equal rank, positive if newer. */
    public static int compare(Gossip a, Gossip b) {
        return compare(a.member().uid(), a.status(), a.incarnation(), b.member().uid(), b.status(), b.incarnation());
    }

    /** As {@link #compare(Gossip, Gossip)}, on the fields alone. */
    public static int compare(long uidA, MemberStatus statusA, long incA, long uidB, MemberStatus statusB, long incB) {
        int c = Long.compare(uidA, uidB);
        if (c != 0) {
            return c;
        }
        boolean leftA = statusA == MemberStatus.LEFT;
        boolean leftB = statusB == MemberStatus.LEFT;
        if (leftA != leftB) {
            return leftA ? 1 : -1;
        }
        c = Long.compare(incA, incB);
        return c != 0 ? c : Integer.compare(statusA.rank(), statusB.rank());
    }
}
