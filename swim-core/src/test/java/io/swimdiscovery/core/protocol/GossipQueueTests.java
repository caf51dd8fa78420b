package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GossipQueueTests {

    private static Gossip alive(String name, long inc) {
        return new Gossip(
                new MemberId(name, new Address("10.0.0.1", 7946), 1), MemberStatus.ALIVE, inc, Map.of(), null);
    }

    private static List<String> names(List<Gossip> gossip) {
        return gossip.stream()
                .map(g -> g.member().name() + "@" + g.incarnation())
                .toList();
    }

    @Test
    void take_sendsFewestSentFirst_andNewestAmongEquals() {
        GossipQueue q = new GossipQueue(1000, "self");
        q.offer(alive("a", 0));
        q.offer(alive("b", 0));
        assertThat(names(q.take(10_000, PacketSizer.ESTIMATE, 10, null))).containsExactly("b@0", "a@0");
        q.offer(alive("c", 0));
        assertThat(names(q.take(PacketSizer.ESTIMATE.sizeOf(alive("c", 0)), PacketSizer.ESTIMATE, 10, null)))
                .as("c was never sent, so it goes before a and b")
                .containsExactly("c@0");
    }

    @Test
    void offer_newerNewsReplacesOlder_andStartsAgainAtZeroSends() {
        GossipQueue q = new GossipQueue(1000, "self");
        q.offer(alive("a", 0));
        q.take(10_000, PacketSizer.ESTIMATE, 10, null);
        q.offer(alive("a", 1));
        assertThat(q.size()).isEqualTo(1);
        assertThat(q.transmits("a")).isZero();
        assertThat(names(q.take(10_000, PacketSizer.ESTIMATE, 10, null))).containsExactly("a@1");
    }

    @Test
    void take_respectsTheByteBudget() {
        GossipQueue q = new GossipQueue(1000, "self");
        for (int i = 0; i < 50; i++) {
            q.offer(alive("member-" + i, 0));
        }
        int one = PacketSizer.ESTIMATE.sizeOf(alive("member-10", 0));
        List<Gossip> taken = q.take(one * 3, PacketSizer.ESTIMATE, 10, null);
        assertThat(taken).hasSize(3);
        assertThat(taken.stream().mapToInt(PacketSizer.ESTIMATE::sizeOf).sum()).isLessThanOrEqualTo(one * 3);
    }

    @Test
    void take_skipsTheMemberWhoseNewsIsAlreadyInThePacket() {
        GossipQueue q = new GossipQueue(1000, "self");
        q.offer(alive("a", 0));
        q.offer(alive("b", 0));
        assertThat(names(q.take(10_000, PacketSizer.ESTIMATE, 10, "a"))).containsExactly("b@0");
    }

    @Test
    void offer_withALimitMultiplier_goesOutThatManyTimesTheLimit() {
        GossipQueue q = new GossipQueue(1000, "self");
        q.offer(alive("refuter", 1), GossipQueue.Reach.URGENT, GossipQueue.Kind.MEMBERSHIP);
        int sends = 0;
        for (int round = 0; round < 20; round++) {
            sends += q.take(10_000, PacketSizer.ESTIMATE, 4, null).size();
        }
        assertThat(sends).isEqualTo(8);
    }

    @Property
    void everyItemGoesOutExactlyLimitTimes_thenLeavesTheQueue(
            @ForAll @IntRange(min = 1, max = 12) int limit, @ForAll @IntRange(min = 1, max = 30) int items) {
        GossipQueue q = new GossipQueue(1000, "self");
        for (int i = 0; i < items; i++) {
            q.offer(alive("m" + i, 0));
        }
        Map<String, Integer> sends = new java.util.HashMap<>();
        for (int round = 0; round < limit * items + 5; round++) {
            for (Gossip g : q.take(10_000_000, PacketSizer.ESTIMATE, limit, null)) {
                sends.merge(g.member().name(), 1, Integer::sum);
            }
        }
        assertThat(q.isEmpty()).isTrue();
        assertThat(sends).hasSize(items).allSatisfy((name, count) -> assertThat(count)
                .isEqualTo(limit));
    }
}
