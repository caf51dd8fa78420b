package io.swimdiscovery.core.protocol;

/**
 * The order of news about one member process (one uid), on which every merge rests:
 * {@code alive(i) < suspect(i) < unreachable(i) < alive(i+1) < ... < dead < left}. Being a total
 * order for one uid makes merging commutative, associative and idempotent: whoever hears the same
 * set of news, in any order, ends with the same belief.
 *
 * <ol>
 *   <li>Dead and left outrank every incarnation: they are final for that uid, as the SWIM
 *       specification has it. A process that learns it was declared dead rejoins under a new uid
 *       ({@link LocalMember}); it never refutes its death, so a {@code MemberFailed} event can be
 *       trusted to fence the work of that identity.</li>
 *   <li>Between the two final statuses, left ranks above dead: the member's own word on how it
 *       ended is the more informative, and either order of arrival ends in the same state.</li>
 *   <li>Otherwise the larger incarnation wins, and at equal incarnation the higher status rank.</li>
 * </ol>
 *
 * <p>News about different uids of one name is not ordered here at all: uids carry no order (they
 * are random, and a clock-based order breaks on hosts whose clocks differ). Which uid is current
 * is decided by who speaks: a new uid announced by the process itself replaces the old one
 * ({@link Membership}).
 */
final class Precedence {

    private Precedence() {}

    /**
     * Negative if {@code a} is older news than {@code b}, zero if equal rank or about different
     * uids (not comparable), positive if newer.
     */
    public static int compare(Gossip a, Gossip b) {
        return compare(a.member().uid(), a.status(), a.incarnation(), b.member().uid(), b.status(), b.incarnation());
    }

    /** As {@link #compare(Gossip, Gossip)}, on the fields alone. */
    public static int compare(long uidA, MemberStatus statusA, long incA, long uidB, MemberStatus statusB, long incB) {
        if (uidA != uidB) {
            return 0;
        }
        boolean finalA = statusA.isTerminal();
        boolean finalB = statusB.isTerminal();
        if (finalA || finalB) {
            if (finalA != finalB) {
                return finalA ? 1 : -1;
            }
            return Integer.compare(statusA.rank(), statusB.rank());
        }
        int c = Long.compare(incA, incB);
        return c != 0 ? c : Integer.compare(statusA.rank(), statusB.rank());
    }
}
