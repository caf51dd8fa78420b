package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.DeltaPair.id;
import static io.swimdiscovery.core.protocol.DeltaPair.metadata;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Message.Sync;
import io.swimdiscovery.core.protocol.Message.SyncDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A push-pull between two views that differ moves only the members of the buckets whose sums
 * differ (docs/protocol.md, "Delta anti-entropy"), and leaves both views equal.
 */
class DeltaAntiEntropyTests {

    private static Gossip news(int i, MemberStatus status, long incarnation) {
        return new Gossip(id(i), status, incarnation, metadata(i), null);
    }

    @Test
    void viewsThatDifferInAFewMembers_exchangeOnlyThoseBuckets_andEndEqual() {
        int n = 200;
        DeltaPair pair = new DeltaPair(
                n,
                Map.of(40, news(40, MemberStatus.SUSPECT, 0)),
                Map.of(10, news(10, MemberStatus.SUSPECT, 0), 20, news(20, MemberStatus.ALIVE, 2)));
        long fullState = DeltaPair.fullStateBytes(new DeltaPair(n, Map.of(), Map.of()).a, id(1));

        pair.pushPull();

        assertThat(pair.messages)
                .extracting(m -> m.getClass().getSimpleName())
                .containsExactly("SyncDigest", "SyncDigest", "Sync", "Sync");
        SyncDigest sums = (SyncDigest) pair.messages.get(1);
        assertThat(sums.bucketSums())
                .as("one bucket per member, a power of two")
                .hasSize(128);
        Sync first = (Sync) pair.messages.get(2);
        Sync answer = (Sync) pair.messages.get(3);
        assertThat(first.partial()).isTrue();
        assertThat(first.reply()).isFalse();
        assertThat(answer.reply()).isTrue();
        assertThat(answer.buckets()).isEqualTo(first.buckets());
        Set<Integer> changed = new HashSet<>();
        for (int i : List.of(10, 20, 40)) {
            changed.add(ViewDigest.bucketOf("m" + i, 128));
        }
        assertThat(first.buckets()).containsExactlyInAnyOrderElementsOf(changed);
        for (Sync s : List.of(first, answer)) {
            assertThat(s.gossip()).as("only members of the differing buckets").allSatisfy(g -> assertThat(changed)
                    .contains(ViewDigest.bucketOf(g.member().name(), 128)));
        }
        assertThat(first.gossip()).extracting(g -> g.member().name()).contains("m10", "m20", "m40");
        assertThat(pair.membersSent()).isLessThan(30);
        assertThat(pair.bytes).as("the whole exchange against one full state").isLessThan(fullState / 5);

        assertThat(DeltaPair.liveView(pair.a)).isEqualTo(DeltaPair.liveView(pair.b));
        assertThat(pair.a.viewDigest()).isEqualTo(pair.b.viewDigest());
        assertThat(DeltaPair.liveView(pair.a)).containsEntry("m10", "1010/SUSPECT/0");
        assertThat(DeltaPair.liveView(pair.a)).containsEntry("m20", "1020/ALIVE/2");
        assertThat(DeltaPair.liveView(pair.b)).containsEntry("m40", "1040/SUSPECT/0");
    }

    @Test
    void equalViews_exchangeNothingButTheDigest() {
        DeltaPair pair = new DeltaPair(200, Map.of(), Map.of()).pushPull();
        assertThat(pair.messages).hasSize(1);
        assertThat(pair.messages.get(0)).isInstanceOf(SyncDigest.class);
    }

    @Test
    void aMemberDeadAtOneSide_isRepairedAtTheOther() {
        DeltaPair pair = new DeltaPair(150, Map.of(), Map.of(50, news(50, MemberStatus.SUSPECT, 0)));
        DeltaPair.ownWord(pair.a, news(50, MemberStatus.DEAD, 0));
        DeltaPair.ownWord(pair.a, news(60, MemberStatus.DEAD, 0));
        assertThat(status(pair.a, "m50")).isEqualTo(MemberStatus.DEAD);
        pair.pushPull();

        assertThat(status(pair.b, "m50")).as("dead beats suspect").isEqualTo(MemberStatus.DEAD);
        // Dead from a third party about a member alive here: suspected and probed, not believed at once.
        assertThat(status(pair.b, "m60")).isEqualTo(MemberStatus.SUSPECT);
        assertThat(pair.messages.get(2)).isInstanceOfSatisfying(Sync.class, s -> assertThat(s.gossip())
                .extracting(g -> g.member().name() + "/" + g.status())
                .contains("m50/DEAD", "m60/DEAD"));
    }

    @Test
    void aSmallView_answersADifferingDigestWithItsFullState() {
        DeltaPair pair = new DeltaPair(20, Map.of(), Map.of(5, news(5, MemberStatus.SUSPECT, 0))).pushPull();
        assertThat(pair.messages)
                .extracting(m -> m.getClass().getSimpleName())
                .containsExactly("SyncDigest", "Sync", "Sync");
        assertThat(((Sync) pair.messages.get(1)).partial()).isFalse();
        assertThat(((Sync) pair.messages.get(1)).gossip()).hasSize(20);
        assertThat(DeltaPair.liveView(pair.a)).isEqualTo(DeltaPair.liveView(pair.b));
    }

    @Test
    void bucketSumsOrAPartialSyncFromAnotherHost_getNoAnswer() {
        DeltaPair pair = new DeltaPair(100, Map.of(), Map.of());
        MemberId b = pair.bId;
        List<Integer> sums = java.util.Collections.nCopies(64, 7);
        assertThat(pair.a.onMessage(EngineFixture.FORGER, new SyncDigest(b, 1, sums), DeltaPair.NOW))
                .noneMatch(d -> d instanceof Directive.SendReliable);
        assertThat(pair.a.onMessage(
                        EngineFixture.FORGER, new Sync(b, false, false, List.of(), 64, List.of(3)), DeltaPair.NOW))
                .noneMatch(d -> d instanceof Directive.SendReliable);
        assertThat(pair.a.counters().newsRejected()).containsEntry(NewsRejection.REPLY_HOST_MISMATCH.label(), 2L);
    }

    private static MemberStatus status(SwimInstance e, String name) {
        return e.members().stream()
                .filter(m -> m.id().name().equals(name))
                .findFirst()
                .orElseThrow()
                .status();
    }
}
