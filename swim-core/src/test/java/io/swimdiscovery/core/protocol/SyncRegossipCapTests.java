package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static io.swimdiscovery.core.protocol.EngineFixture.suspect;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Message.GossipPush;
import io.swimdiscovery.core.protocol.Message.Sync;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A full state merged from one sync queues only a sixteenth of the gossip queue; the rest is merged, counted, not re-gossiped. */
class SyncRegossipCapTests {

    private static final int QUEUE = 160; // a sync may queue 10 items

    private final EngineFixture f =
            new EngineFixture(SwimSettings.builder().maxGossipQueue(QUEUE).build());

    private List<MemberId> learnMembers(int n) {
        List<MemberId> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            members.add(id("m" + i, 1));
        }
        f.learn(members.toArray(MemberId[]::new));
        return members;
    }

    private List<Gossip> suspicionsOfAllBut(List<MemberId> members, MemberId sender) {
        List<Gossip> news = new ArrayList<>();
        for (MemberId m : members) {
            if (!m.equals(sender)) {
                news.add(suspect(m, 0, sender.name()));
            }
        }
        return news;
    }

    @Test
    void aSyncWithManyChanges_mergesThemAll_butQueuesOnlyItsShare() {
        List<MemberId> members = learnMembers(30);
        MemberId sender = members.get(0);
        f.instance.onMessage(sender.address(), new Sync(sender, true, false, suspicionsOfAllBut(members, sender)), 0);
        for (MemberId m : members.subList(1, members.size())) {
            assertThat(f.statusOf(m.name())).as(m.name()).isEqualTo(MemberStatus.SUSPECT);
        }
        assertThat(f.instance.counters().gossipDropped())
                .containsEntry(GossipDrop.SYNC_REGOSSIP_CAPPED.label(), 29L - QUEUE / 16)
                .containsEntry(GossipDrop.QUEUE_FULL.label(), 0L);
    }

    @Test
    void theSameNewsInAGossipPush_isAllQueued() {
        List<MemberId> members = learnMembers(30);
        MemberId sender = members.get(0);
        f.instance.onMessage(sender.address(), new GossipPush(sender, suspicionsOfAllBut(members, sender)), 0);
        assertThat(f.instance.counters().gossipDropped()).containsEntry(GossipDrop.SYNC_REGOSSIP_CAPPED.label(), 0L);
    }

    @Test
    void moreNewsThanTheQueueHolds_isCountedAsEvicted_andTheQueueStaysAtItsCap() {
        EngineFixture small =
                new EngineFixture(SwimSettings.builder().maxGossipQueue(16).build());
        List<MemberId> members = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            members.add(id("n" + i, 1));
        }
        small.learn(members.toArray(MemberId[]::new)); // each member's own word: admitted and queued
        assertThat(small.instance.gossipQueueDepth()).isEqualTo(16);
        assertThat(small.instance.counters().gossipDropped()).containsEntry(GossipDrop.QUEUE_FULL.label(), 40L - 16);
    }
}
