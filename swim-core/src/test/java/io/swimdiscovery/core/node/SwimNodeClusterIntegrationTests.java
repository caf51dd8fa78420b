package io.swimdiscovery.core.node;

import static io.swimdiscovery.core.node.LoopbackCluster.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberFailed;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberSuspected;
import io.swimdiscovery.core.seed.SeedProvider;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fifty real nodes on loopback: formation, crash, graceful leave and restart. */
class SwimNodeClusterIntegrationTests {

    private static final int N = 50;

    private final LoopbackCluster cluster = new LoopbackCluster();

    @AfterEach
    void closeCluster() {
        cluster.close();
    }

    @Test
    void fiftyNodesFormOneClusterAndNoneIsSuspected() {
        List<SwimNode> nodes = cluster.form(N);

        for (SwimNode node : nodes) {
            assertThat(node.members()).hasSize(N).allMatch(m -> m.status() == MemberStatus.ALIVE);
        }
        assertThat(cluster.eventsAboutLiveNodes(MemberFailed.class)).isEmpty();
    }

    @Test
    void aNodeClosedWithoutLeavingIsDeclaredDeadByEveryOther() {
        List<SwimNode> nodes = cluster.form(N);
        SwimNode victim = nodes.get(17);
        String name = victim.localMember().name();

        victim.halt();

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> cluster.running().stream().allMatch(n -> view(n, name)
                        .map(m -> m.status() == MemberStatus.DEAD)
                        .orElse(false)));
        for (SwimNode n : cluster.running()) {
            assertThat(cluster.eventsAbout(n, name, MemberFailed.class)).hasSize(1);
        }
    }

    @Test
    void aNodeThatLeavesIsDroppedByEveryOtherWithoutSuspicion() {
        List<SwimNode> nodes = cluster.form(N);
        SwimNode leaver = nodes.get(23);
        String name = leaver.localMember().name();

        leaver.leave(Duration.ofSeconds(5)).join();

        assertThat(leaver.isRunning()).isFalse();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> cluster.running().stream().allMatch(n -> view(n, name)
                        .map(m -> m.status() == MemberStatus.LEFT)
                        .orElse(true)));
        for (SwimNode n : cluster.running()) {
            assertThat(cluster.eventsAbout(n, name, MemberSuspected.class)).isEmpty();
            assertThat(cluster.eventsAbout(n, name, MemberFailed.class)).isEmpty();
        }
    }

    @Test
    void aNodeRestartedOnTheSamePortRejoinsWithANewUidAndTheOldUidIsDead() {
        List<SwimNode> nodes = cluster.form(N);
        SwimNode old = nodes.get(31);
        String name = old.localMember().name();
        long oldUid = old.localMember().id().uid();
        int port = old.localMember().address().port();
        old.halt();

        SwimNode restarted = cluster.start(name, b -> b.bindPort(port)
                .seeds(SeedProvider.of(List.of(nodes.get(0).localMember().address()))));
        restarted.join().join();

        long newUid = restarted.localMember().id().uid();
        // Uids are random (they carry no order across hosts): a new one differs, it need not be larger.
        assertThat(newUid).isNotEqualTo(oldUid);
        assertThat(restarted.localMember().address().port()).isEqualTo(port);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> cluster.running().stream()
                        .filter(n -> n != restarted)
                        .allMatch(n -> view(n, name)
                                .map(m -> m.id().uid() == newUid && m.status() == MemberStatus.ALIVE)
                                .orElse(false)));
        for (SwimNode n : cluster.running()) {
            if (n != restarted) {
                assertThat(cluster.eventsAbout(n, name, MemberFailed.class))
                        .as("%s saw the old uid of %s die", n, name)
                        .anyMatch(e -> e.member().id().uid() == oldUid);
            }
        }
        assertThat(restarted.members()).hasSize(N);
    }
}
