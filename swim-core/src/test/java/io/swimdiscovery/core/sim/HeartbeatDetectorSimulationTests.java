package io.swimdiscovery.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The all-to-all heartbeat baseline behaves as the textbook detector it stands for. */
@ExtendWith(SimulationSeeds.class)
class HeartbeatDetectorSimulationTests {

    private static final int LIMIT = 3;

    private static Simulation cluster(int n, long seed) {
        return Clusters.formed(Simulation.builder().nodes(n).seed(seed).protocol(HeartbeatDetector.factory(LIMIT)));
    }

    @Test
    void crashedMember_isDeclaredDeadByEveryMember_afterLimitPeriodsAndBeforeLimitPlusTwo() {
        long seed = SimulationSeeds.seed(77L);
        Simulation sim = cluster(20, seed);
        sim.runFor(Duration.ofSeconds(5));
        long at = sim.nowNanos();
        MemberId victim = sim.crash(11);
        sim.runFor(Duration.ofSeconds(10));

        // Last heartbeat at most one period before the crash; declared dead at the first check more
        // than LIMIT periods after it; checks run once a period.
        OptionalLong all = TraceAnalysis.deathSeenByAll(sim, victim, at);
        OptionalLong first = TraceAnalysis.firstDeath(sim, victim, at);
        assertThat(first).isPresent();
        assertThat(first.getAsLong()).isGreaterThanOrEqualTo((LIMIT - 1) * 1_000_000_000L);
        assertThat(all).isPresent();
        assertThat(all.getAsLong()).isLessThanOrEqualTo((LIMIT + 2) * 1_000_000_000L);
    }

    @Test
    void everyMemberSendsToEveryOtherEachPeriod() {
        long seed = SimulationSeeds.seed(78L);
        int n = 10;
        Simulation sim = cluster(n, seed);
        sim.runFor(Duration.ofSeconds(2));
        NodeTraffic before = sim.totalTraffic();
        sim.runFor(Duration.ofSeconds(10));
        NodeTraffic during = sim.totalTraffic().minus(before);
        assertThat(during.packetsSent()).isEqualTo(10L * n * (n - 1));
    }

    @Test
    void leaver_isDroppedByEveryMemberWithoutBeingDeclaredDead() {
        long seed = SimulationSeeds.seed(79L);
        Simulation sim = cluster(10, seed);
        MemberId leaver = sim.memberId(4);
        long at = sim.nowNanos();
        sim.leave(4);
        sim.runFor(Duration.ofSeconds(10));
        assertThat(TraceAnalysis.seenByAll(
                        sim,
                        at,
                        leaver.name(),
                        e -> e.subject().equals(leaver) && e.event() instanceof MembershipEvent.MemberLeft))
                .isPresent();
        assertThat(TraceAnalysis.firstDeath(sim, leaver, at)).isEmpty();
        assertThat(sim.observersSeeing(4, MemberStatus.LEFT)).isEqualTo(9);
    }
}
