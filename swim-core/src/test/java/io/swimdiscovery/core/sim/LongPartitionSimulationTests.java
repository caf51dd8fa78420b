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

        sim.heal();
        long healedAt = sim.nowNanos();
        // Every member tries a failed member each reconnect interval (probability failed/live >= 1
        // here), so within one interval each side has told the other it was declared dead; both
        // rejoin under new uids, and gossip plus one verification ping per member spread the new
        // uids; a member whose failed peers all rejoined before it tried learns its death from the
        // first ack it gets from one of them. Bound: one reconnect interval plus three periods
        // (PartitionSimulationTests), well inside the minute asked for.
        long bound = settings.reconnectInterval().toNanos()
                + 3 * settings.protocolPeriod().toNanos();
        boolean merged = sim.runUntil(sim::isConverged, Duration.ofNanos(bound), Duration.ofMillis(100));
        System.out.printf(
                "20 members, 10/10 for 6 min: merged %s after the heal (bound %s)%n",
                Clusters.seconds(sim.nowNanos() - healedAt), Clusters.seconds(bound));
        assertThat(merged)
                .as("all 20 listed alive by every member within %s", Clusters.seconds(bound))
                .isTrue();
    }
}
