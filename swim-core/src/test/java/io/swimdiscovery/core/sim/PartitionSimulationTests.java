package io.swimdiscovery.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A network split: each side gives up on the other, and after the heal the cluster merges back by itself. */
@ExtendWith(SimulationSeeds.class)
class PartitionSimulationTests {

    @Test
    void fiftyFiftyPartitionForTwoMinutes_afterHeal_everyMemberListsAllHundredAliveAgain() {
        long seed = SimulationSeeds.seed(5050L);
        SwimSettings settings = SwimSettings.lan();
        Simulation sim = Clusters.formed(Simulation.builder().nodes(100).seed(seed).settings(settings)
                .trace(TraceFilter.none()));
        List<Integer> left = new ArrayList<>();
        List<Integer> right = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            (i % 2 == 0 ? left : right).add(i);
        }
        sim.partition(left, right);
        sim.runFor(Duration.ofMinutes(2));
        assertThat(sim.observersSeeing(1, MemberStatus.DEAD)).as("node 1 dead on the other side during the split")
                .isGreaterThanOrEqualTo(50);
        assertThat(sim.view(1, 3)).as("node 1 still sees its own side").isEqualTo(MemberStatus.ALIVE);

        sim.heal();
        long healedAt = sim.nowNanos();
        // After the heal, members retry syncs with recently dead members every reconnect interval
        // (10 s); a sync across the cut tells each side the other is alive at a higher incarnation
        // once the "dead" member refutes its death, and gossip spreads that to all within a few
        // gossip rounds. Two reconnect intervals plus 10 periods for refutation and dissemination.
        long bound = 2 * settings.reconnectInterval().toNanos() + 10 * settings.protocolPeriod().toNanos();
        boolean merged = sim.runUntil(sim::isConverged, Duration.ofNanos(bound), Duration.ofMillis(100));
        System.out.printf("partition healed: all 100 alive everywhere after %s (bound %s)%n",
                Clusters.seconds(sim.nowNanos() - healedAt), Clusters.seconds(bound));
        assertThat(merged).as("all 100 listed alive by every member within %s", Clusters.seconds(bound)).isTrue();
    }
}
