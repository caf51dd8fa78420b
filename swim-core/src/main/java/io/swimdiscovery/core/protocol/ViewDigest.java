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
        long h = 0xcbf29ce484222325L; // FNV-1a 64 over the UTF-16 code units: stable across JVMs
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ name.charAt(i)) * 0x100000001b3L;
        }
        h = mix(h ^ uid);
        h = mix(h ^ incarnation);
        return mix(h ^ status.ordinal());
    }

    /** The finaliser of SplitMix64: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
