package io.swimdiscovery.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Partitions heal however long they last (issue 8, item 6): the failed members of the other side
 * stay reconnect candidates for hours, long after their tombstones (5 min) are gone.
 */
@ExtendWith(SimulationSeeds.class)
class LongPartitionSimulationTests {

    @Test
    void tenTenSplitForSixMinutes_mergesByItselfWithinAMinuteOfTheHeal() {
        long seed = SimulationSeeds.seed(2020L);
        SwimSettings settings = SwimSettings.lan();
        Simulation sim = Clusters.formed(
                Simulation.builder().nodes(20).seed(seed).settings(settings).trace(TraceFilter.none()));
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            (i < 10 ? a : b).add(i);
        }
        sim.partition(a, b);
        sim.runFor(Duration.ofMinutes(6));
        assertThat(sim.observersSeeing(15, MemberStatus.ALIVE))
                .as("the other side is gone from node 15's view")
                .isEqualTo(9);
        assertThat(settings.deadMemberRetention())
                .as("the split outlived every tombstone")
                .isLessThan(Duration.ofMinutes(6));

        Clusters.healAndAwaitMerge(sim, "20 members, 10/10 for 6 min");
    }
}
