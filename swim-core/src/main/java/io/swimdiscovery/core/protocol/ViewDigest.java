package io.swimdiscovery.core.protocol;

/**
 * A 64-bit fingerprint of a member's view, so anti-entropy can skip the full-state exchange when
 * two views already agree, which in a settled cluster is nearly always.
 *
 * <p>Sending the full state every push-pull interval costs O(n) bytes per node, so the load per
 * node would grow with the cluster. Instead the initiator sends this digest, and the full exchange
 * runs only when the peer's digest differs: the steady-state cost is one small frame per interval,
 * whatever n.
 *
 * <p>The digest is the sum (mod 2^64) of a mixed hash per member over exactly what a full sync would
 * change: name, uid, incarnation and status. The sum makes it independent of table order. Dead and
 * left members are left out, because each node forgets its tombstones on its own clock; a member
 * alive at one node and dead at the other still makes the digests differ, since it counts at one
 * side only. Metadata is covered by the incarnation, which every metadata change bumps.
 */
final class ViewDigest {

    /**
     * Bits of the fine bucket index every member table keeps sums for: {@link
     * Message.SyncDigest#MAX_BUCKETS} buckets, so any coarser power of two is a fold of them.
     */
    static final int FINE_BITS = 10;

    static final int FINE_BUCKETS = 1 << FINE_BITS;

    /** Views smaller than this answer a differing digest with their full state (a few KB at most). */
    static final int MIN_BUCKETED_VIEW = 32;

    private ViewDigest() {}

    static long of(Iterable<MemberEntry> entries) {
        long sum = 0;
        for (MemberEntry e : entries) {
            if (!e.status.isTerminal()) {
                sum += entryHash(e.id.name(), e.id.uid(), e.incarnation, e.status);
            }
        }
        return sum;
    }

    static long entryHash(String name, long uid, long incarnation, MemberStatus status) {
        return entryHash(nameHash(name), uid, incarnation, status);
    }

    /** FNV-1a 64 over the UTF-16 code units: stable across JVMs. */
    static long nameHash(String name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ name.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    static long entryHash(long nameHash, long uid, long incarnation, MemberStatus status) {
        long h = mix(nameHash ^ uid);
        h = mix(h ^ incarnation);
        return mix(h ^ status.ordinal());
    }

    /**
     * The fine bucket of a member, from its name alone, so a new uid or incarnation of a member
     * moves its share within one bucket and two views agree on where every member belongs.
     */
    static int fineBucket(long nameHash) {
        return (int) (mix(nameHash ^ 0x9E3779B97F4A7C15L) >>> (64 - FINE_BITS));
    }

    /** The bucket of {@code name} among {@code count} (a valid bucket count): a prefix of its fine bucket. */
    static int bucketOf(String name, int count) {
        return fineBucket(nameHash(name)) >>> (FINE_BITS - Integer.numberOfTrailingZeros(count));
    }

    /**
     * The sums of {@code count} buckets, each the low 32 bits of the sum of its fine buckets: the
     * fine index's top bits are the coarse index, so a coarse bucket is a run of fine ones.
     */
    static int[] fold(long[] fine, int count) {
        int run = FINE_BUCKETS / count;
        int[] sums = new int[count];
        for (int b = 0; b < count; b++) {
            long sum = 0;
            for (int i = b * run, end = i + run; i < end; i++) {
                sum += fine[i];
            }
            sums[b] = (int) sum;
        }
        return sums;
    }

    /**
     * How many buckets a view of {@code size} members (itself included) answers a differing digest
     * with, or 0 for its full state: about one bucket per member, up to the fine resolution. Each
     * sum costs 4 bytes where a member with Spring metadata costs about 400, so with k members
     * different, the exchange is 4B + 2k(n/B) members; one bucket per member keeps the second term
     * near 2k members for a vector of 4n bytes, about 1% of the full state.
     */
    static int bucketCountFor(int size) {
        if (size < MIN_BUCKETED_VIEW) {
            return 0;
        }
        return Math.min(FINE_BUCKETS, Integer.highestOneBit(size));
    }

    /** The finaliser of SplitMix64: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
