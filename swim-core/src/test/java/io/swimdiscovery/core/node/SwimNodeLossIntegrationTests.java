package io.swimdiscovery.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberFailed;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberSuspected;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Twenty real nodes with 10% datagram loss on every link for two minutes. */
class SwimNodeLossIntegrationTests {

    private static final int N = 20;
    private static final Duration LOSSY_FOR = Duration.ofMinutes(2);

    private final LoopbackCluster cluster = new LoopbackCluster();

    @AfterEach
    void closeCluster() {
        cluster.close();
    }

    @Test
    void tenPercentLossOnEveryLinkForTwoMinutesDeclaresNoLiveNodeDead() {
        List<SwimNode> nodes = cluster.form(N);

        cluster.faults.loss(0.10);
        await().during(LOSSY_FOR)
                .atMost(LOSSY_FOR.plusSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> cluster.eventsAboutLiveNodes(MemberFailed.class).isEmpty());
        cluster.faults.clear();

        for (SwimNode n : nodes) {
            assertThat(n.members()).hasSize(N).allMatch(m -> m.status() != MemberStatus.DEAD);
        }
        long probes = nodes.stream()
                .mapToLong(n -> n.statistics().protocol().probes())
                .sum();
        long failed = nodes.stream()
                .mapToLong(n -> n.statistics().protocol().probesFailed())
                .sum();
        // Loss was really there: some probes needed help or failed, and suspicions were refuted.
        System.out.printf(
                "loss run: probes=%d failed=%d suspicions=%d%n",
                probes,
                failed,
                cluster.eventsAboutLiveNodes(MemberSuspected.class).size());
        assertThat(nodes.stream()
                        .mapToLong(n -> n.statistics().protocol().probesAckedIndirectly())
                        .sum())
                .isPositive();
    }
}
