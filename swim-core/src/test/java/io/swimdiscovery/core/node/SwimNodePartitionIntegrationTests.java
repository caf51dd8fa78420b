package io.swimdiscovery.core.node;

import static io.swimdiscovery.core.node.LoopbackCluster.view;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.MemberStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A node cut off by a two-way partition is declared dead, and merges back once it heals. */
class SwimNodePartitionIntegrationTests {

    private final LoopbackCluster cluster = new LoopbackCluster();

    @AfterEach
    void closeCluster() {
        cluster.close();
    }

    @Test
    void aPartitionedNodeIsDeclaredDeadAndRejoinsWithoutAnOperatorWhenThePartitionHeals() {
        List<SwimNode> nodes = cluster.form(6);
        SwimNode island = nodes.get(4);
        String name = island.localMember().name();
        List<SwimNode> mainland = nodes.stream().filter(n -> n != island).toList();

        cluster.faults.isolate(
                cluster.addressOf(island),
                nodes.stream().map(cluster::addressOf).toList());

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> mainland.stream().allMatch(n -> view(n, name)
                                .map(m -> m.status() == MemberStatus.DEAD)
                                .orElse(false))
                        && LoopbackCluster.alive(island) == 1);

        cluster.faults.heal();

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> nodes.stream().allMatch(n -> LoopbackCluster.alive(n) == 6));
    }
}
