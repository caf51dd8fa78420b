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
        Simulation sim = Clusters.formed(
                Simulation.builder().nodes(100).seed(seed).settings(settings).trace(TraceFilter.none()));
        List<Integer> left = new ArrayList<>();
        List<Integer> right = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            (i % 2 == 0 ? left : right).add(i);
        }
        sim.partition(left, right);
        sim.runFor(Duration.ofMinutes(2));
        assertThat(sim.observersSeeing(1, MemberStatus.DEAD))
                .as("node 1 dead on the other side during the split")
                .isGreaterThanOrEqualTo(50);
        assertThat(sim.view(1, 3)).as("node 1 still sees its own side").isEqualTo(MemberStatus.ALIVE);

        Clusters.healAndAwaitMerge(sim, "100 members, 50/50 for 2 min");
    }
}
