package io.swimdiscovery.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Accuracy: lossy links and slow members must not get healthy members declared dead. */
@ExtendWith(SimulationSeeds.class)
class AccuracySimulationTests {

    @Test
    void tenPercentLossOnEveryLinkForOneHour_noLiveMemberIsDeclaredDead() {
        long seed = SimulationSeeds.seed(1010L);
        Simulation sim =
                Clusters.formed(Simulation.builder().nodes(100).seed(seed).trace(TraceFilter.withoutJoins()));
        sim.loss(0.10);
        long from = sim.nowNanos();
        sim.runFor(Duration.ofHours(1));

        long suspicions = TraceAnalysis.falseSuspicions(sim, from, sim.nowNanos());
        long deaths = TraceAnalysis.falseDeaths(sim, from, sim.nowNanos());
        System.out.printf(
                "100 members, 10%% loss, 1 h: %d false suspicions (refuted), %d false deaths%n", suspicions, deaths);
        assertThat(deaths).as("live members declared dead").isZero();
        // While the loss lasts a suspicion may be in flight at any instant; once it ends, the last
        // ones are refuted.
        sim.loss(0);
        sim.runFor(Duration.ofSeconds(30));
        assertThat(sim.isConverged())
                .as("every member lists all 100 alive once the loss is over")
                .isTrue();
    }

    @Test
    void fiveSlowMembersForTenMinutes_lifeguardKeepsHealthyMembersAliveAndCutsFalseSuspicions() {
        long seed = SimulationSeeds.seed(5150L);
        // Every message a slow member handles waits 1.2 s: longer than the probe timeout (0.5 s) and
        // than the period, so its own probes time out and it accuses healthy members, the situation
        // Lifeguard's local health multiplier is for.
        Duration delay = Duration.ofMillis(1200);
        SlowRun withLifeguard = runWithSlowMembers(seed, SwimSettings.lan(), delay);
        SlowRun without = runWithSlowMembers(
                seed, SwimSettings.lan().toBuilder().lifeguardEnabled(false).build(), delay);
        System.out.printf(
                "5 of 100 members slow by %d ms for 10 min: false suspicions of healthy members "
                        + "%d with Lifeguard, %d without; healthy members declared dead %d with, %d without%n",
                delay.toMillis(), withLifeguard.suspicions, without.suspicions, withLifeguard.deaths, without.deaths);

        assertThat(withLifeguard.deaths)
                .as("healthy members declared dead with Lifeguard")
                .isZero();
        assertThat(withLifeguard.suspicions)
                .as("false suspicions with Lifeguard vs without (%d)", without.suspicions)
                .isLessThanOrEqualTo(without.suspicions / 10);
    }

    private record SlowRun(long suspicions, long deaths) {}

    private static SlowRun runWithSlowMembers(long seed, SwimSettings settings, Duration delay) {
        Simulation sim = Clusters.formed(
                Simulation.builder().nodes(100).seed(seed).settings(settings).trace(TraceFilter.withoutJoins()));
        Set<String> slow = new HashSet<>();
        for (int i = 3; i < 100; i += 20) {
            sim.slow(i, delay);
            slow.add(sim.name(i));
        }
        long from = sim.nowNanos();
        sim.runFor(Duration.ofMinutes(10));
        Predicate<MemberId> healthy = id -> !slow.contains(id.name());
        return new SlowRun(
                TraceAnalysis.falseSuspicions(sim, from, sim.nowNanos(), healthy),
                TraceAnalysis.falseDeaths(sim, from, sim.nowNanos(), healthy));
    }
}
