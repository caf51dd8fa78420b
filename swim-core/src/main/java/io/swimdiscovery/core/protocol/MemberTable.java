package io.swimdiscovery.core.protocol;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Every member this node knows, by name, with two indexes the protocol samples from: the live
 * members (alive, suspect or unreachable; this node excluded) in an array for O(1) random choice, and
 * the dead ones (not left), candidates for gossip-to-the-dead and reconnect attempts.
 *
 * <p>Every member holds an entry for every other, so a cluster holds n^2 entries (10^8 in a
 * simulated 10,000-member cluster). Hence the layout: entries sit directly in an open-addressing
 * array keyed by name (no map nodes), and the live index is a slot number inside the entry. That
 * is about 65 bytes per entry where a HashMap plus an index map took about 190.
 */
final class MemberTable {

    private final EntryIndex byName = new EntryIndex();
    private final List<MemberEntry> live = new ArrayList<>();
    private final Set<String> dead = new LinkedHashSet<>();
    private final String selfName;
    private long digest;
    /** The digest's shares by fine bucket of the member's name ({@link ViewDigest#fineBucket}). */
    private final long[] bucketSums = new long[ViewDigest.FINE_BUCKETS];
    /** Moves on with every put, reindex and remove: readers' snapshots are stale when it moved. */
    private long version;

    MemberTable(String selfName) {
        this.selfName = selfName;
    }

    @Nullable
    MemberEntry get(String name) {
        return byName.get(name);
    }

    /** Adds or replaces the entry of {@code entry.id.name()} and indexes it by status. */
    void put(MemberEntry entry) {
        version++;
        MemberEntry old = byName.put(entry.id.name(), entry);
        if (old != null && old != entry) {
            unindex(old);
        }
        reindex(entry);
    }

    /** Call after changing an entry's status, uid or incarnation. */
    void reindex(MemberEntry entry) {
        version++;
        String name = entry.id.name();
        long nameHash = ViewDigest.nameHash(name);
        int bucket = ViewDigest.fineBucket(nameHash);
        long share = entry.status.isTerminal()
                ? 0
                : ViewDigest.entryHash(nameHash, entry.id.uid(), entry.incarnation, entry.status);
        digest += share - entry.digestShare;
        bucketSums[bucket] += share - entry.digestShare;
        entry.digestShare = share;
        if (name.equals(selfName)) {
            return;
        }
        boolean isLive = !entry.status.isTerminal();
        if (isLive && entry.liveSlot < 0) {
            entry.liveSlot = live.size();
            live.add(entry);
        } else if (!isLive && entry.liveSlot >= 0) {
            removeLive(entry);
        }
        if (entry.status == MemberStatus.DEAD) {
            dead.add(name);
        } else {
            dead.remove(name);
        }
    }

    void remove(String name) {
        version++;
        MemberEntry entry = byName.remove(name);
        if (entry != null) {
            unindex(entry);
        }
    }

    private void unindex(MemberEntry entry) {
        digest -= entry.digestShare;
        bucketSums[ViewDigest.fineBucket(ViewDigest.nameHash(entry.id.name()))] -= entry.digestShare;
        entry.digestShare = 0;
        if (entry.liveSlot >= 0) {
            removeLive(entry);
        }
        dead.remove(entry.id.name());
    }

    private void removeLive(MemberEntry entry) {
        int at = entry.liveSlot;
        MemberEntry last = live.remove(live.size() - 1);
        if (last != entry) {
            live.set(at, last);
            last.liveSlot = at;
        }
        entry.liveSlot = -1;
    }

    /**
     * The {@link ViewDigest} of the table, kept up to date on every change, so answering a digest
     * costs O(1) instead of a pass over n entries.
     */
    long digest() {
        return digest;
    }

    /** The digest's sums over {@code count} buckets (a valid bucket count), low 32 bits each: O(1,024). */
    int[] bucketSums(int count) {
        return ViewDigest.fold(bucketSums, count);
    }

    /** Changes with every change of the table; equal values mean nothing changed in between. */
    long version() {
        return version;
    }

    /** Live members other than this node. */
    int liveCount() {
        return live.size();
    }

    /** A live member chosen uniformly, or null if there is none. */
    @Nullable
    MemberEntry randomLive(RandomGenerator random) {
        return live.isEmpty() ? null : live.get(random.nextInt(live.size()));
    }

    /**
     * Up to {@code k} distinct live members chosen uniformly, none named {@code exclude}. Uses a
     * partial Fisher-Yates over indexes so the cost is O(k), whatever the cluster size.
     */
    List<MemberEntry> randomLive(int k, @Nullable String exclude, RandomGenerator random) {
        int n = live.size();
        int want = Math.min(k, n);
        List<MemberEntry> out = new ArrayList<>(want + 1);
        if (want == 0) {
            return out;
        }
        Map<Integer, Integer> swapped = new HashMap<>(want * 2);
        for (int i = 0; i < n && out.size() < want; i++) {
            int j = i + random.nextInt(n - i);
            int pick = swapped.getOrDefault(j, j);
            swapped.put(j, swapped.getOrDefault(i, i));
            MemberEntry e = live.get(pick);
            if (!e.id.name().equals(exclude)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Names of dead (not left) members still held as tombstones. */
    Collection<String> deadNames() {
        return dead;
    }

    Collection<MemberEntry> all() {
        return byName;
    }

    int size() {
        return byName.size();
    }

    /**
     * Entries by member name: linear probing over a power-of-two array kept at most half full,
     * with backward-shift deletion so no tombstone slots accumulate.
     */
    private static final class EntryIndex extends AbstractCollection<MemberEntry> {
        private MemberEntry[] slots = new MemberEntry[16];
        private int size;

        private static int hash(String name) {
            int h = name.hashCode();
            return h ^ (h >>> 16);
        }

        @Nullable
        MemberEntry get(String name) {
            int mask = slots.length - 1;
            for (int i = hash(name) & mask; ; i = (i + 1) & mask) {
                MemberEntry e = slots[i];
                if (e == null || e.id.name().equals(name)) {
                    return e;
                }
            }
        }

        /** Puts {@code entry} under its name; returns the entry it replaced, or null. */
        @Nullable
        MemberEntry put(String name, MemberEntry entry) {
            if ((size + 1) * 2 > slots.length) {
                grow();
            }
            int mask = slots.length - 1;
            for (int i = hash(name) & mask; ; i = (i + 1) & mask) {
                MemberEntry e = slots[i];
                if (e == null) {
                    slots[i] = entry;
                    size++;
                    return null;
                }
                if (e.id.name().equals(name)) {
                    slots[i] = entry;
                    return e;
                }
            }
        }

        @Nullable
        MemberEntry remove(String name) {
            int mask = slots.length - 1;
            int i = hash(name) & mask;
            while (slots[i] != null && !slots[i].id.name().equals(name)) {
                i = (i + 1) & mask;
            }
            MemberEntry removed = slots[i];
            if (removed == null) {
                return null;
            }
            slots[i] = null;
            size--;
            // Shift later members of the probe run back so lookups never stop at the hole early.
            for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
                int home = hash(slots[j].id.name()) & mask;
                boolean movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
                if (movable) {
                    slots[i] = slots[j];
                    slots[j] = null;
                    i = j;
                }
            }
            return removed;
        }

        private void grow() {
            MemberEntry[] old = slots;
            slots = new MemberEntry[old.length * 2];
            size = 0;
            for (MemberEntry e : old) {
                if (e != null) {
                    put(e.id.name(), e);
                }
            }
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Iterator<MemberEntry> iterator() {
            return new Iterator<>() {
                private int i = advance(0);

                private int advance(int from) {
                    while (from < slots.length && slots[from] == null) {
                        from++;
                    }
                    return from;
                }

                @Override
                public boolean hasNext() {
                    return i < slots.length;
                }

                @Override
                public MemberEntry next() {
                    if (i >= slots.length) {
                        throw new NoSuchElementException();
                    }
                    MemberEntry e = slots[i];
                    i = advance(i + 1);
                    return e;
                }
            };
        }
    }
}
