package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The gossip queue's size cap and its eviction order (memberlist#299: neither kind starves the other). */
class GossipQueueBoundTests {

    private static final int BIG = 10_000_000;

    private static Gossip alive(String name, long inc) {
        return new Gossip(
                new MemberId(name, new Address("10.0.0.1", 7946), 1), MemberStatus.ALIVE, inc, Map.of(), null);
    }

    private static Gossip withMetadata(String name, long inc) {
        return new Gossip(
                new MemberId(name, new Address("10.0.0.1", 7946), 1),
                MemberStatus.ALIVE,
                inc,
                Map.of("version", Long.toString(inc)),
                null);
    }

    private static Gossip suspect(String name) {
        return new Gossip(new MemberId(name, new Address("10.0.0.1", 7946), 1), MemberStatus.SUSPECT, 0, Map.of(), "x");
    }

    @Test
    void offer_beyondTheCap_evictsTheMostSentItem_andCountsIt() {
        GossipQueue q = new GossipQueue(4, "self");
        q.offer(alive("old", 0));
        q.take(BIG, PacketSizer.ESTIMATE, 10, null); // "old" went out once
        q.offer(alive("a", 0));
        q.offer(alive("b", 0));
        q.offer(alive("c", 0));
        q.offer(alive("d", 0));
        assertThat(q.size()).isEqualTo(4);
        assertThat(q.evicted()).isEqualTo(1);
        assertThat(q.peek("old")).as("the item sent most often made room").isNull();
        q.offer(alive("e", 0));
        assertThat(q.peek("a")).as("then the oldest among the never-sent").isNull();
        assertThat(q.peek("e")).isNotNull();
        assertThat(q.evicted()).isEqualTo(2);
    }

    @Test
    void newsAboutSelf_isNeverEvicted() {
        GossipQueue q = new GossipQueue(2, "self");
        q.offer(alive("self", 1), GossipQueue.Reach.URGENT, GossipQueue.Kind.MEMBERSHIP);
        for (int i = 0; i < 3; i++) {
            q.take(BIG, PacketSizer.ESTIMATE, 100, null); // self is now the most-sent and oldest item
        }
        for (int i = 0; i < 50; i++) {
            q.offer(alive("m" + i, 0));
        }
        assertThat(q.peek("self")).isNotNull();
        assertThat(q.size()).isEqualTo(2);
    }

    @Test
    void aFloodOfMembershipNews_leavesAMetadataUpdateItsTurnInEveryPacket() {
        GossipQueue q = new GossipQueue(64, "self");
        q.offer(withMetadata("updated", 3), GossipQueue.Reach.USUAL, GossipQueue.Kind.METADATA);
        int metadataSends = 0;
        for (int round = 0; round < 40; round++) {
            for (int i = 0; i < 20; i++) {
                q.offer(suspect("s" + round + "-" + i)); // fresher than the update every time
            }
            int one = PacketSizer.ESTIMATE.sizeOf(suspect("s0-0"));
            for (Gossip g : q.take(one * 2 + 40, PacketSizer.ESTIMATE, 5, null)) {
                if (g.member().name().equals("updated")) {
                    metadataSends++;
                }
            }
        }
        assertThat(metadataSends)
                .as("the update went out its full retransmit limit")
                .isEqualTo(5);
    }

    @Test
    void aFloodOfMetadataUpdates_leavesADeathItsTurnInEveryPacket() {
        GossipQueue q = new GossipQueue(64, "self");
        q.offer(new Gossip(
                new MemberId("gone", new Address("10.0.0.2", 7946), 1), MemberStatus.DEAD, 0, Map.of(), null));
        int deathSends = 0;
        for (int round = 0; round < 40; round++) {
            for (int i = 0; i < 20; i++) {
                q.offer(withMetadata("u" + i, round), GossipQueue.Reach.USUAL, GossipQueue.Kind.METADATA);
            }
            for (Gossip g : q.take(300, PacketSizer.ESTIMATE, 5, null)) {
                if (g.member().name().equals("gone")) {
                    deathSends++;
                }
            }
        }
        assertThat(deathSends).isEqualTo(5);
    }

    /**
     * Whatever the order of offers and packet fills, the queue never holds more than its cap, and
     * a kind that holds at most half the cap loses nothing to a flood of the other kind.
     */
    @Property(tries = 200)
    void theCapHolds_andEachKindKeepsHalfTheQueue(
            @ForAll @IntRange(min = 2, max = 40) int capacity,
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 99) Integer> ops) {
        GossipQueue q = new GossipQueue(capacity, "self");
        int protectedCount = capacity / 2;
        for (int i = 0; i < protectedCount; i++) {
            q.offer(withMetadata("meta" + i, 1), GossipQueue.Reach.USUAL, GossipQueue.Kind.METADATA);
        }
        long offered = protectedCount;
        boolean taken = false;
        for (int op : ops) {
            if (op < 90) {
                q.offer(suspect("flood" + op + "-" + offered));
                offered++;
            } else {
                q.take(200, PacketSizer.ESTIMATE, 1_000, null);
                taken = true;
            }
            assertThat(q.size()).isLessThanOrEqualTo(capacity);
        }
        if (!taken) {
            assertThat(q.size(GossipQueue.Kind.METADATA))
                    .as("the metadata updates, half the queue at most, survive the flood")
                    .isEqualTo(protectedCount);
        }
        assertThat(q.evicted()).isEqualTo(offered - q.size());
    }

    /** Every item offered is either sent up to its limit, replaced, or counted as evicted: none is lost silently. */
    @Property(tries = 200)
    void everyItemIsSentToItsLimit_orCountedAsEvicted(
            @ForAll @IntRange(min = 2, max = 16) int capacity,
            @ForAll @IntRange(min = 1, max = 60) int items,
            @ForAll @IntRange(min = 1, max = 5) int limit) {
        GossipQueue q = new GossipQueue(capacity, "self");
        Map<String, Integer> sends = new HashMap<>();
        for (int i = 0; i < items; i++) {
            q.offer(
                    i % 3 == 0 ? withMetadata("m" + i, 1) : suspect("m" + i),
                    GossipQueue.Reach.USUAL,
                    i % 3 == 0 ? GossipQueue.Kind.METADATA : GossipQueue.Kind.MEMBERSHIP);
            if (i % 4 == 0) {
                q.take(BIG, PacketSizer.ESTIMATE, limit, null)
                        .forEach(g -> sends.merge(g.member().name(), 1, Integer::sum));
            }
        }
        for (int round = 0; round < limit * capacity + 2; round++) {
            q.take(BIG, PacketSizer.ESTIMATE, limit, null)
                    .forEach(g -> sends.merge(g.member().name(), 1, Integer::sum));
        }
        assertThat(q.isEmpty()).isTrue();
        long complete = sends.values().stream().filter(c -> c == limit).count();
        assertThat(complete + q.evicted()).isEqualTo(items);
    }
}
