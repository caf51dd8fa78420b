package io.swimdiscovery.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;
import java.util.Arrays;
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

    /**
     * Runs per cluster size: enough for a median, cheap at n <= 10 (a few ms of wall time each);
     * {@code -Dsim.runs=150} gives the figures in docs/benchmarks.md.
     */
    private static final int SMALL_CLUSTER_RUNS = Integer.getInteger("sim.runs", 25);

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {3, 5, 10})
    void killedProcessInASmallCluster_isDeadEverywhereSoon_andASilentHostOnlyAfterThePauseTolerance(int n) {
        SwimSettings settings = SwimSettings.lan();
        long t = settings.protocolPeriod().toNanos();
        // A killed process, typically: first probe of it within 2 T, the probe timeout (the
        // refusal comes a round trip later, the relays' nacks at 0.8 of it), the short suspicion,
        // and one gossip interval for the death to reach the rest, who already suspect it.
        long goneRest = settings.probeTimeout().toNanos()
                + settings.goneSuspicionTimeout().toNanos()
                + settings.gossipInterval().toNanos();
        long goneTypical = 2 * t + goneRest;
        // A silent host, typically: first probe within 3 T, one more for it to fail, then the
        // minimum suspicion (the pause tolerance).
        long silenceTypical =
                4 * t + Clusters.minSuspicionTimeout(settings, n - 1).toNanos();
        // Those are medians over runs, not bounds on each. With m probers, each in its own
        // shuffled round-robin over m targets, all m can miss the victim for up to 2m - 1 periods
        // (m = n - 1 for the killed process, n - 2 for the silent host, probed after it); and a
        // suspicion whose confirmations come late runs towards Lifeguard's maximum timeout, not
        // the minimum. So each run is held to that worst case (150 seeds at n = 5 gave 13.04 s,
        // over "first probe + minimum + a period").
        long goneWorst = 2L * (n - 1) * t + goneRest;
        long silenceWorst =
                2L * (n - 2) * t + Clusters.maxSuspicionTimeout(settings, n - 1).toNanos() + t;
        // Nine runs in ten get their confirmations in time: held to the late first probe and the
        // minimum suspicion.
        long silenceMostly =
                2L * (n - 2) * t + Clusters.minSuspicionTimeout(settings, n - 1).toNanos() + t;
        long[] seeds = SimulationSeeds.seeds(300L + 100L * n, SMALL_CLUSTER_RUNS);
        long[] goneAll = new long[seeds.length];
        long[] silentAll = new long[seeds.length];
        for (int run = 0; run < seeds.length; run++) {
            SimulationSeeds.running(seeds[run]);
            Simulation sim = Clusters.formed(
                    Simulation.builder().nodes(n).seed(seeds[run]).settings(settings));
            long killedAt = sim.nowNanos();
            MemberId killed = sim.kill(n - 1);
            sim.runUntil(
                    () -> Clusters.allOthersSee(sim, n - 1, MemberStatus.DEAD), Duration.ofNanos(goneWorst + 10 * t));
            goneAll[run] = TraceAnalysis.deathSeenByAll(sim, killed, killedAt).orElse(Long.MAX_VALUE);

            long crashedAt = sim.nowNanos();
            MemberId silent = sim.crash(0);
            sim.runUntil(
                    () -> Clusters.allOthersSee(sim, 0, MemberStatus.DEAD), Duration.ofNanos(silenceWorst + 10 * t));
            long silentFirst = TraceAnalysis.firstDeath(sim, silent, crashedAt).orElse(-1);
            silentAll[run] =
                    TraceAnalysis.deathSeenByAll(sim, silent, crashedAt).orElse(Long.MAX_VALUE);

            String where = "n = " + n + ", seed " + seeds[run];
            assertThat(goneAll[run])
                    .as("killed process dead at every member, %s", where)
                    .isLessThanOrEqualTo(goneWorst);
            assertThat(silentFirst)
                    .as("a silent host is never dead before the pause tolerance, %s", where)
                    .isGreaterThanOrEqualTo(settings.pauseTolerance().toNanos());
            assertThat(silentAll[run])
                    .as("silent host dead at every member, %s", where)
                    .isLessThanOrEqualTo(silenceWorst);
            assertThat(TraceAnalysis.falseDeaths(sim, 0, sim.nowNanos()))
                    .as("live members declared dead, %s", where)
                    .isZero();
        }
        long goneMedian = percentile(goneAll, 50);
        long silentMedian = percentile(silentAll, 50);
        long silentP90 = percentile(silentAll, 90);
        System.out.printf(
                "n = %d, %d runs: killed dead everywhere median %s (bound %s), at most %s (bound %s);"
                        + " silent host median %s (bound %s), p90 %s (bound %s), at most %s (bound %s)%n",
                n,
                seeds.length,
                Clusters.seconds(goneMedian),
                Clusters.seconds(goneTypical),
                Clusters.seconds(Arrays.stream(goneAll).max().orElseThrow()),
                Clusters.seconds(goneWorst),
                Clusters.seconds(silentMedian),
                Clusters.seconds(silenceTypical),
                Clusters.seconds(silentP90),
                Clusters.seconds(silenceMostly),
                Clusters.seconds(Arrays.stream(silentAll).max().orElseThrow()),
                Clusters.seconds(silenceWorst));
        assertThat(goneMedian)
                .as("median over %d runs until a killed process is dead at every member, n = %d", seeds.length, n)
                .isLessThanOrEqualTo(goneTypical);
        assertThat(silentMedian)
                .as("median over %d runs until a silent host is dead at every member, n = %d", seeds.length, n)
                .isLessThanOrEqualTo(silenceTypical);
        assertThat(silentP90)
                .as("90th percentile over %d runs until a silent host is dead at every member, n = %d", seeds.length, n)
                .isLessThanOrEqualTo(silenceMostly);
    }

    /** The value {@code p} percent of the runs reach or beat (nearest rank). */
    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
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
