package io.swimdiscovery.core.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Membership news waiting to be piggybacked, at most one item per member name.
 *
 * <p>Each item goes out at most {@code limit} times ({@code retransmitMultiplier * ceil(log10(n+1))},
 * enough for an epidemic to reach every member with high probability). Items sent fewest times go
 * first, and among those the newest, so fresh news overtakes news most members already have. A newer
 * item about a member replaces the older one, which then never goes out again.
 */
final class GossipQueue {

    /** One queued item; ordered by transmits ascending, then newest first. */
    private static final class Item implements Comparable<Item> {
        final Gossip gossip;
        final long id;
        final int limitMultiplier;
        int transmits;

        Item(Gossip gossip, long id, int limitMultiplier) {
            this.gossip = gossip;
            this.id = id;
            this.limitMultiplier = limitMultiplier;
        }

        @Override
        public int compareTo(Item o) {
            int c = Integer.compare(transmits, o.transmits);
            return c != 0 ? c : Long.compare(o.id, id);
        }
    }

    /** How many queued items a packet fill looks at before giving up on fitting more. */
    private static final int MAX_SCAN = 64;

    private final TreeSet<Item> order = new TreeSet<>();
    private final Map<String, Item> byName = new HashMap<>();
    private long nextId;

    /** Queues {@code gossip}, replacing any queued item about the same member name. */
    void offer(Gossip gossip) {
        offer(gossip, 1);
    }

    /**
     * Queues {@code gossip} to go out {@code limitMultiplier} times the usual limit. A refutation
     * gets 2: a member that misses it keeps an old suspicion and declares a live member dead, while
     * missing other news costs nothing until the next sync.
     */
    void offer(Gossip gossip, int limitMultiplier) {
        Item old = byName.remove(gossip.member().name());
        if (old != null) {
            order.remove(old);
        }
        Item item = new Item(gossip, nextId++, limitMultiplier);
        byName.put(gossip.member().name(), item);
        order.add(item);
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
     * Takes items for one packet: fewest-sent first, each counted as sent once, those that reached
     * {@code limit} dropped.
     *
     * @param budget bytes available for gossip in the packet
     * @param sizer encoded size of one item
     * @param limit retransmit limit for the current cluster size
     * @param skip name of a member whose news was already put in the packet (or null)
     */
    List<Gossip> take(int budget, PacketSizer sizer, int limit, @Nullable String skip) {
        if (order.isEmpty() || budget <= 0) {
            return List.of();
        }
        List<Gossip> out = new ArrayList<>(Math.min(order.size(), 16));
        List<Item> sent = new ArrayList<>(Math.min(order.size(), 16));
        int remaining = budget;
        int scanned = 0;
        for (Iterator<Item> it = order.iterator(); it.hasNext() && scanned < MAX_SCAN; scanned++) {
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
            if (item.transmits >= limit * item.limitMultiplier) {
                byName.remove(item.gossip.member().name());
            } else {
                order.add(item);
            }
        }
        return out;
    }

    int size() {
        return order.size();
    }

    boolean isEmpty() {
        return order.isEmpty();
    }
}
