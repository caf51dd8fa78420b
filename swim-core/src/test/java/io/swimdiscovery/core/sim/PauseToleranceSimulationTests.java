package io.swimdiscovery.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pauses are not deaths (issue 8, item 1): a stop-the-world pause up to the pause tolerance never
 * gets a live member declared dead with the LAN defaults, at any cluster size; a pause far beyond
 * it does, and the member then rejoins under a new uid without the old identity ever coming back.
 */
@ExtendWith(SimulationSeeds.class)
class PauseToleranceSimulationTests {

    /** Seeds per cluster size: each run pauses one member once, at a random phase of everyone's probe cycle. */
    private static final int RUNS = 6;

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {3, 5, 10, 100})
    void pauseOfThePauseTolerance_neverGetsTheMemberDeclaredDead(int n) {
        SwimSettings settings = SwimSettings.lan();
        Duration pause = settings.pauseTolerance();
        int noticed = 0;
        for (int run = 0; run < (n == 100 ? 3 : RUNS); run++) {
            long seed = SimulationSeeds.seed(9_000L + 31L * n + run);
            Simulation sim =
                    Clusters.formed(Simulation.builder().nodes(n).seed(seed).settings(settings));
            int paused = n - 1;
            MemberId id = sim.memberId(paused);
            long from = sim.nowNanos();
            sim.pause(paused, pause);
            // Afterwards, long enough for every suspicion the pause raised to have run out.
            sim.runFor(pause.plus(Clusters.maxSuspicionTimeout(settings, n)).plusSeconds(5));
            if (TraceAnalysis.firstSuspicion(sim, id, from).isPresent()) {
                noticed++;
            }
            assertThat(TraceAnalysis.firstDeath(sim, id, from))
                    .as("n = %d, seed %d: declared dead", n, seed)
                    .isEmpty();
            assertThat(sim.memberId(paused))
                    .as("n = %d, seed %d: kept its uid", n, seed)
                    .isEqualTo(id);
            assertThat(sim.isConverged())
                    .as("n = %d, seed %d: listed alive everywhere", n, seed)
                    .isTrue();
        }
        // Not a bound on the engine: a check that the scenario happened (someone's probe fell in the pause).
        assertThat(noticed).as("runs in which the pause raised a suspicion").isPositive();
    }

    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {5, 100})
    void fatalPause_memberIsDeclaredDead_thenRejoinsUnderANewUid_andTheOldNeverReturns(int n) {
        long seed = SimulationSeeds.seed(7_700L + n);
        SwimSettings settings = SwimSettings.lan();
        Simulation sim =
                Clusters.formed(Simulation.builder().nodes(n).seed(seed).settings(settings));
        int paused = 1;
        MemberId old = sim.memberId(paused);
        long from = sim.nowNanos();
        // Longer than the longest suspicion timeout plus the time to find the member.
        Duration pause = Clusters.maxSuspicionTimeout(settings, n).plusSeconds(10);
        sim.pause(paused, pause);
        sim.runFor(pause.minusSeconds(1));
        long deadEverywhere =
                from + TraceAnalysis.deathSeenByAll(sim, old, from).orElse(-from - 1);
        assertThat(deadEverywhere)
                .as("declared dead by every member during the pause")
                .isPositive();

        // On resume it hears of its death from a member and rejoins under a new uid by itself. Bound:
        // news of its death reaches it within the gossip-to-the-dead window or its first syncs (a
        // reconnect interval), then one round of announcements and verification pings.
        long resumedAt = from + pause.toNanos();
        Duration bound =
                settings.reconnectInterval().plus(settings.protocolPeriod().multipliedBy(5));
        sim.runUntil(
                sim::isConverged, Duration.ofNanos(resumedAt - sim.nowNanos()).plus(bound));
        MemberId fresh = sim.memberId(paused);
        assertThat(fresh.uid()).as("rejoined under a new uid").isNotEqualTo(old.uid());
        assertThat(sim.isConverged())
                .as("new uid listed alive everywhere within %s of the resume", bound)
                .isTrue();
        List<TraceEvent> rejoins = sim.trace().stream()
                .filter(e -> e.event() instanceof MembershipEvent.LocalMemberDeclaredDead)
                .toList();
        assertThat(rejoins)
                .as("the rejoin was announced in an event")
                .singleElement()
                .satisfies(e -> assertThat(e.event().member().id()).isEqualTo(fresh));
        for (int i : sim.upNodes()) {
            Member seen = sim.members(i).stream()
                    .filter(m -> m.name().equals(old.name()))
                    .findFirst()
                    .orElseThrow();
            assertThat(seen.id()).as("node %d lists the new uid", i).isEqualTo(fresh);
        }
        List<TraceEvent> oldCameBack = sim.trace().stream()
                .filter(e -> e.atNanos() > deadEverywhere
                        && e.subject().equals(old)
                        && e.event().member().status().isReachable())
                .toList();
        assertThat(oldCameBack).as("the dead uid was listed again").isEmpty();
    }
}
