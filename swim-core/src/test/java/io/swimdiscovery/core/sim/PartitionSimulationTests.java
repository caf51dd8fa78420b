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

        sim.heal();
        long healedAt = sim.nowNanos();
        // After the heal, every member sends a digest to a failed member once per reconnect interval
        // (probability failed/live >= 1 here); the exchange tells both ends they were declared dead,
        // both rejoin under new uids, and gossip (a new identity goes out 2 * lambda * log n times)
        // plus one verification ping per hearer spread them; each rejoined member runs a push-pull a
        // few periods later, which repairs what gossip missed. Bound: one reconnect interval for every
        // member to have tried, three periods for the new uids to spread (measured 3.9 to 8.7 s over
        // five seeds).
        long bound = settings.reconnectInterval().toNanos()
                + 3 * settings.protocolPeriod().toNanos();
        boolean merged = sim.runUntil(sim::isConverged, Duration.ofNanos(bound), Duration.ofMillis(100));
        System.out.printf(
                "partition healed: all 100 alive everywhere after %s (bound %s)%n",
                Clusters.seconds(sim.nowNanos() - healedAt), Clusters.seconds(bound));
        assertThat(merged)
                .as("all 100 listed alive by every member within %s", Clusters.seconds(bound))
                .isTrue();
    }
}
