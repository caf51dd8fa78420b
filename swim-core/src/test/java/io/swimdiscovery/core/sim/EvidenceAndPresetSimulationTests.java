package io.swimdiscovery.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fast where the evidence is strong, patient where it is not (issue 8, item 2), in small clusters
 * and with the WAN preset; one-way cuts and rolling restarts.
 */
@ExtendWith(SimulationSeeds.class)
class EvidenceAndPresetSimulationTests {

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {3, 5, 10})
    void killedProcessInASmallCluster_isDeadEverywhereSoon_andASilentHostOnlyAfterThePauseTolerance(int n) {
        SwimSettings settings = SwimSettings.lan();
        long t = settings.protocolPeriod().toNanos();
        long seed = SimulationSeeds.seed(300L + n);
        Simulation sim =
                Clusters.formed(Simulation.builder().nodes(n).seed(seed).settings(settings));
        long killedAt = sim.nowNanos();
        MemberId killed = sim.kill(n - 1);
        // First probe of it within 2 T (n - 1 >= 2 probers in round-robin), the probe timeout (the
        // refusal comes a round trip later, the relays' nacks at 0.8 of it), the short suspicion, and
        // one gossip interval for the death to reach the rest, who already suspect it.
        long goneBound = 2 * t
                + settings.probeTimeout().toNanos()
                + settings.goneSuspicionTimeout().toNanos()
                + settings.gossipInterval().toNanos();
        sim.runUntil(() -> Clusters.allOthersSee(sim, n - 1, MemberStatus.DEAD), Duration.ofNanos(goneBound + 10 * t));
        long goneAll = TraceAnalysis.deathSeenByAll(sim, killed, killedAt).orElse(Long.MAX_VALUE);

        long crashedAt = sim.nowNanos();
        MemberId silent = sim.crash(0);
        long silenceBound =
                4 * t + Clusters.minSuspicionTimeout(settings, n - 1).toNanos();
        sim.runUntil(() -> Clusters.allOthersSee(sim, 0, MemberStatus.DEAD), Duration.ofNanos(silenceBound + 10 * t));
        long silentFirst = TraceAnalysis.firstDeath(sim, silent, crashedAt).orElse(-1);
        long silentAll = TraceAnalysis.deathSeenByAll(sim, silent, crashedAt).orElse(Long.MAX_VALUE);

        System.out.printf(
                "n = %d: killed dead everywhere %s (bound %s); silent host first dead %s, everywhere %s"
                        + " (bound %s)%n",
                n,
                Clusters.seconds(goneAll),
                Clusters.seconds(goneBound),
                Clusters.seconds(silentFirst),
                Clusters.seconds(silentAll),
                Clusters.seconds(silenceBound));
        assertThat(goneAll).as("killed process dead at every member").isLessThanOrEqualTo(goneBound);
        assertThat(silentFirst)
                .as("a silent host is never dead before the pause tolerance")
                .isGreaterThanOrEqualTo(settings.pauseTolerance().toNanos());
        assertThat(silentAll).as("silent host dead at every member").isLessThanOrEqualTo(silenceBound);
        assertThat(TraceAnalysis.falseDeaths(sim, 0, sim.nowNanos()))
                .as("live members declared dead")
                .isZero();
    }

    @Test
    void wanPreset_crashIsDetected_withinTheBoundOfItsSettings_andNoLiveMemberDies() {
        long seed = SimulationSeeds.seed(5150L);
        SwimSettings settings = SwimSettings.wan();
        int n = 50;
        Simulation sim = Clusters.formed(Simulation.builder()
                .nodes(n)
                .seed(seed)
                .settings(settings)
                .latency(LatencyModel.jittered(
                        Duration.ofMillis(40), Duration.ofMillis(40), 0.01, Duration.ofMillis(400))));
        long t = settings.protocolPeriod().toNanos();
        long at = sim.nowNanos();
        MemberId victim = sim.crash(9);
        long bound = 4 * t + Clusters.minSuspicionTimeout(settings, n).toNanos() + 2 * t;
        sim.runUntil(() -> Clusters.allOthersSee(sim, 9, MemberStatus.DEAD), Duration.ofNanos(bound + 10 * t));
        long all = TraceAnalysis.deathSeenByAll(sim, victim, at).orElse(Long.MAX_VALUE);
        long health = 0;
        for (int i : sim.upNodes()) {
            health = Math.max(health, sim.swimInstance(i).localHealth());
        }
        System.out.printf(
                "WAN, n = %d: dead everywhere %s (bound %s); highest local health after %d%n",
                n, Clusters.seconds(all), Clusters.seconds(bound), health);
        assertThat(all).isLessThanOrEqualTo(bound);
        // Relays' nacks arrive while the prober still waits: a genuine crash is the target's fault.
        assertThat(health).as("local health raised by nacks that came too late").isLessThanOrEqualTo(1);
        assertThat(TraceAnalysis.falseDeaths(sim, 0, sim.nowNanos())).isZero();
    }

    @Test
    void oneWayCut_aCannotReachB_neitherIsDeclaredDead() {
        long seed = SimulationSeeds.seed(1212L);
        SwimSettings settings = SwimSettings.lan();
        Simulation sim =
                Clusters.formed(Simulation.builder().nodes(20).seed(seed).settings(settings));
        long from = sim.nowNanos();
        sim.partitionOneWay(List.of(3), List.of(4));
        sim.runFor(Duration.ofMinutes(5));
        assertThat(TraceAnalysis.falseDeaths(sim, from, sim.nowNanos()))
                .as("live members declared dead")
                .isZero();
        assertThat(sim.isConverged()).as("everyone still lists everyone alive").isTrue();
    }

    @Test
    void rollingRestart_ofEveryMember_eachNewUidListedEverywhere_andNoLiveMemberDies() {
        long seed = SimulationSeeds.seed(4444L);
        SwimSettings settings = SwimSettings.lan();
        int n = 10;
        Simulation sim =
                Clusters.formed(Simulation.builder().nodes(n).seed(seed).settings(settings));
        long t = settings.protocolPeriod().toNanos();
        for (int i = 0; i < n; i++) {
            MemberId old = sim.memberId(i);
            long at = sim.nowNanos();
            sim.leave(i);
            sim.runFor(Duration.ofSeconds(2));
            MemberId fresh = sim.restart(i);
            // The restarted process syncs with a seed; the seed takes its word, the others check
            // the news with it (one ping each): a few gossip intervals, bounded by 3 periods.
            boolean listed = sim.runUntil(sim::isConverged, Duration.ofNanos(3 * t), Duration.ofMillis(50));
            assertThat(listed)
                    .as("restart %d (seed %d) listed everywhere within 3 periods", i, seed)
                    .isTrue();
            assertThat(sim.memberId(i)).isEqualTo(fresh);
            assertThat(TraceAnalysis.firstDeath(sim, old, at))
                    .as("the leaver %d is not reported failed", i)
                    .isEmpty();
            sim.runFor(Duration.ofSeconds(5));
        }
        assertThat(TraceAnalysis.falseDeaths(sim, 0, sim.nowNanos()))
                .as("live members declared dead")
                .isZero();
    }
}
