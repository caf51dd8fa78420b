package io.swimdiscovery.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A member that stops for a while (a long GC pause): short pauses are survived, long ones are not. */
@ExtendWith(SimulationSeeds.class)
class PauseSimulationTests {

    private static final int N = 100;
    private static final int PAUSED = 42;

    @Test
    void pauseShorterThanTheSuspicionTimeout_memberRefutesAndStaysAMember() {
        long seed = SimulationSeeds.seed(4242L);
        SwimSettings settings = SwimSettings.lan();
        Simulation sim =
                Clusters.formed(Simulation.builder().nodes(N).seed(seed).settings(settings));
        MemberId id = sim.memberId(PAUSED);
        long from = sim.nowNanos();
        // As long as the minimum suspicion timeout: long enough to be suspected, and shorter than
        // any member's timeout, which starts only once a probe of it has failed (a probe timeout at
        // least after the pause began), so the member resumes, hears the suspicion and refutes first.
        Duration pause = Clusters.minSuspicionTimeout(settings, N);
        // About one member probes it per period, so with probability about e^-2 no probe of it
        // fails within the pause and nobody notices: that run is not the scenario, pause again
        // (bounded: six tries all unnoticed happen with probability below 1e-5).
        for (int tries = 0;
                tries < 6 && TraceAnalysis.firstSuspicion(sim, id, from).isEmpty();
                tries++) {
            sim.pause(PAUSED, pause);
            sim.runFor(pause.plusSeconds(30));
        }

        System.out.printf(
                "paused %d ms: first suspicion after %s, deaths %s%n",
                pause.toMillis(),
                Clusters.seconds(TraceAnalysis.firstSuspicion(sim, id, from).orElse(-1)),
                TraceAnalysis.firstDeath(sim, id, from));
        assertThat(TraceAnalysis.firstSuspicion(sim, id, from))
                .as("the pause was noticed")
                .isPresent();
        assertThat(TraceAnalysis.firstDeath(sim, id, from)).as("declared dead").isEmpty();
        assertThat(sim.protocol(PAUSED).localMember().incarnation())
                .as("refuted with a higher incarnation")
                .isPositive();
        assertThat(Clusters.allOthersSee(sim, PAUSED, MemberStatus.ALIVE))
                .as("listed alive everywhere")
                .isTrue();
        assertThat(sim.isConverged()).isTrue();
    }

    @Test
    void pauseLongerThanTheSuspicionTimeout_memberIsDeclaredDead_andItsRestartRejoinsWithANewUid() {
        long seed = SimulationSeeds.seed(4343L);
        SwimSettings settings = SwimSettings.lan();
        Simulation sim =
                Clusters.formed(Simulation.builder().nodes(N).seed(seed).settings(settings));
        MemberId old = sim.memberId(PAUSED);
        long from = sim.nowNanos();
        // Longer than the longest suspicion timeout (Lifeguard's max, 48 s at n = 100) plus the time
        // to find the member: every other member must give up on it.
        Duration pause = Clusters.maxSuspicionTimeout(settings, N).plusSeconds(20);
        sim.pause(PAUSED, pause);
        sim.runFor(pause.minusSeconds(1));
        assertThat(TraceAnalysis.deathSeenByAll(sim, old, from))
                .as("declared dead by every member during the pause")
                .isPresent();

        // A supervisor restarts the stalled process: same name and address, new uid.
        sim.crash(PAUSED);
        MemberId fresh = sim.restart(PAUSED);
        boolean converged = sim.runUntil(sim::isConverged, Duration.ofSeconds(30));

        assertThat(fresh.uid()).isGreaterThan(old.uid());
        assertThat(converged)
                .as("the restarted member is listed alive everywhere")
                .isTrue();
        for (int i : sim.upNodes()) {
            if (i == PAUSED) {
                continue;
            }
            Member seen = sim.members(i).stream()
                    .filter(m -> m.name().equals(old.name()))
                    .findFirst()
                    .orElseThrow();
            assertThat(seen.id()).as("node %d lists the new uid", i).isEqualTo(fresh);
            assertThat(seen.status()).isEqualTo(MemberStatus.ALIVE);
        }
        long rejoinedEverywhere = TraceAnalysis.seenByAll(
                        sim,
                        from,
                        old.name(),
                        e -> e.subject().equals(fresh) && e.event() instanceof MembershipEvent.MemberJoined)
                .orElse(-1);
        assertThat(rejoinedEverywhere)
                .as("every member published the new uid's join")
                .isPositive();
    }
}
