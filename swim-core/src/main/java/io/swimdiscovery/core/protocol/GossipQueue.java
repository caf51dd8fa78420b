package io.swimdiscovery.core.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Membership news waiting to be piggybacked, at most one item per member name, at most
 * {@code capacity} items.
 *
 * <p>Each item goes out at most {@code limit} times ({@code retransmitMultiplier * ceil(log10(n+1))},
 * enough for an epidemic to reach every member with high probability), or its {@link Reach} share
 * of that. Items sent fewest times go first, and among those the newest, so fresh news overtakes
 * news most members already have. A newer item about a member replaces the older one, which then
 * never goes out again.
 *
 * <p>Two kinds share the queue without starving each other (memberlist#299, where a flood of
 * membership broadcasts kept user updates from ever going out, and the reverse): {@link
 * Kind#MEMBERSHIP} news (a member joined, is suspect, dead, left, refuted) and {@link
 * Kind#METADATA} updates (a live member's new metadata). A packet takes from both in turn, so each
 * kind gets at least every other slot while both have news. When the queue is full, a new item
 * evicts one of the kind holding more items (each kind keeps at least half the capacity under a
 * flood of the other), namely the one sent most often, oldest among equals: it has reached the most
 * members, and the periodic full sync repairs whoever it missed. News about this node itself is
 * never evicted: a refutation that does not go out is a false death. Evictions are counted.
 */
final class GossipQueue {

    /** Which share of the queue an item belongs to. */
    enum Kind {
        /** Status news: joined, suspect, unreachable, dead, left, refuted. */
        MEMBERSHIP,
        /** A live member's metadata changed. */
        METADATA
    }

    /**
     * How many times an item goes out, as a share of the retransmit limit (in quarters, so the
     * comparison stays in integers).
     */
    enum Reach {
        /**
         * A quarter: news of a name this node never knew, heard outside a full state. Its subject
         * is telling every member it knows itself (a joiner checks each member of its seed's state
         * with its own record in the ping). Every one of them passing it on a full limit's worth
         * is n times the sends an epidemic needs, and at a mass join it kept the gossip pushes
         * busy for a minute after the views had converged; a quarter still reaches the few it did
         * not tell.
         */
        SELF_SPREAD(1),
        /** The retransmit limit: enough for news heard from one member to reach all. */
        USUAL(4),
        /**
         * Twice the limit: a refutation, a death, a new identity heard from others. A member that
         * misses a refutation keeps an old suspicion and declares a live member dead, while
         * missing other news costs nothing until the next sync.
         */
        URGENT(8);

        final int quarters;

        Reach(int quarters) {
            this.quarters = quarters;
        }
    }

    /** One queued item; ordered by transmits ascending, then newest first. */
    private static final class Item implements Comparable<Item> {
        final Gossip gossip;
        final long id;
        final Reach reach;
        final Kind kind;
        int transmits;

        Item(Gossip gossip, long id, Reach reach, Kind kind) {
            this.gossip = gossip;
            this.id = id;
            this.reach = reach;
            this.kind = kind;
        }

        @Override
        public int compareTo(Item o) {
            int c = Integer.compare(transmits, o.transmits);
            return c != 0 ? c : Long.compare(o.id, id);
        }
    }

    /** How many queued items a packet fill looks at before giving up on fitting more. */
    private static final int MAX_SCAN = 64;

    private final int capacity;
    private final String selfName;
    private final TreeSet<Item> membershipOrder = new TreeSet<>();
    private final TreeSet<Item> metadataOrder = new TreeSet<>();
    private final Map<String, Item> byName = new HashMap<>();
    private long nextId;
    private long evicted;
    private boolean membershipFirst = true;

    /**
     * @param capacity most items held (at least 2)
     * @param selfName this node's name: its news is never evicted
     */
    GossipQueue(int capacity, String selfName) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, was " + capacity);
        }
        this.capacity = capacity;
        this.selfName = selfName;
    }

    private NavigableSet<Item> order(Kind kind) {
        return kind == Kind.MEMBERSHIP ? membershipOrder : metadataOrder;
    }

    /** Queues membership news, replacing any queued item about the same member name. */
    void offer(Gossip gossip) {
        offer(gossip, Reach.USUAL, Kind.MEMBERSHIP);
    }

    /** Queues {@code gossip} to go out its {@code reach} share of the retransmit limit. */
    void offer(Gossip gossip, Reach reach, Kind kind) {
        String name = gossip.member().name();
        Item old = byName.remove(name);
        if (old != null) {
            order(old.kind).remove(old);
        } else if (byName.size() >= capacity) {
            evictOne(kind);
        }
        Item item = new Item(gossip, nextId++, reach, kind);
        byName.put(name, item);
        order(kind).add(item);
    }

    /** Makes room: the most-sent, oldest item of the kind holding more (ties: the newcomer's kind). */
    private void evictOne(Kind incoming) {
        Kind other = incoming == Kind.MEMBERSHIP ? Kind.METADATA : Kind.MEMBERSHIP;
        Kind from = order(other).size() > order(incoming).size() ? other : incoming;
        Item victim = victimIn(order(from));
        if (victim == null) {
            victim = victimIn(order(from == incoming ? other : incoming));
        }
        if (victim == null) {
            return; // only this node's own item is queued: the cap (at least 2) still holds with the newcomer
        }
        order(victim.kind).remove(victim);
        byName.remove(victim.gossip.member().name());
        evicted++;
    }

    private @Nullable Item victimIn(NavigableSet<Item> items) {
        for (Iterator<Item> it = items.descendingIterator(); it.hasNext(); ) {
            Item candidate = it.next();
            if (!candidate.gossip.member().name().equals(selfName)) {
                return candidate;
            }
        }
        return null;
    }

    /** The queued item about {@code name}, if any. */
    @Nullable
    Gossip peek(String name) {
        Item item = byName.get(name);
        return item == null ? null : item.gossip;
    }

    /** How many times the queued item about {@code name} went out, or -1 if none is queued. */
    int transmits(String name) {
        Item item = byName.get(name);
        return item == null ? -1 : item.transmits;
    }

    /**
     * Takes items for one packet, the two kinds in turn, fewest-sent first within each; each item
     * counted as sent once, those that reached {@code limit} dropped.
     *
     * @param budget bytes available for gossip in the packet
     * @param sizer encoded size of one item
     * @param limit retransmit limit for the current cluster size
     * @param skip name of a member whose news was already put in the packet (or null)
     */
    List<Gossip> take(int budget, PacketSizer sizer, int limit, @Nullable String skip) {
        if (byName.isEmpty() || budget <= 0) {
            return List.of();
        }
        List<Gossip> out = new ArrayList<>(Math.min(byName.size(), 16));
        List<Item> sent = new ArrayList<>(Math.min(byName.size(), 16));
        Iterator<Item> membership = order(Kind.MEMBERSHIP).iterator();
        Iterator<Item> metadata = order(Kind.METADATA).iterator();
        // Which kind leads alternates between packets too, so one-item packets are shared as well.
        boolean turn = membershipFirst;
        membershipFirst = !membershipFirst;
        int remaining = budget;
        for (int scanned = 0; scanned < MAX_SCAN; scanned++) {
            Iterator<Item> it = turn ? membership : metadata;
            if (!it.hasNext()) {
                it = turn ? metadata : membership;
                if (!it.hasNext()) {
                    break;
                }
            }
            turn = !turn;
            Item item = it.next();
            if (skip != null && skip.equals(item.gossip.member().name())) {
                continue;
            }
            int size = sizer.sizeOf(item.gossip);
            if (size > remaining) {
                continue;
            }
            remaining -= size;
            out.add(item.gossip);
            it.remove();
            sent.add(item);
        }
        for (Item item : sent) {
            item.transmits++;
            // At least once: a quarter of a small cluster's limit rounds up, never down to nothing.
            if (item.transmits * 4L >= Math.max(4L, (long) limit * item.reach.quarters)) {
                byName.remove(item.gossip.member().name());
            } else {
                order(item.kind).add(item);
            }
        }
        return out;
    }

    /** Items evicted to make room since the queue was created. */
    long evicted() {
        return evicted;
    }

    /** Items queued of {@code kind}. */
    int size(Kind kind) {
        return order(kind).size();
    }

    int size() {
        return byName.size();
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }
}
