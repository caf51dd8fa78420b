package io.swimdiscovery.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.RoleSettings;
import io.swimdiscovery.core.protocol.RoleState;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SimulationSeeds.class)
class RoleSimulationTests {

    static final RoleSettings ROLES = RoleSettings.forGroup("orders");

    static Simulation cluster(int n, long seed) {
        return Simulation.builder()
                .nodes(n)
                .seed(SimulationSeeds.seed(seed))
                .protocol(ProtocolFactory.swim(ROLES))
                .clockDrift(0.01)
                .build();
    }

    @Test
    void aFormedGroupGetsExactlyOnePrimaryAndEveryMemberFollowsIt() {
        Simulation sim = cluster(5, 11);
        PrimaryClaimChecker checker = PrimaryClaimChecker.attach(sim);
        sim.runFor(Duration.ofSeconds(30));
        assertThat(checker.violation()).isNull();
        assertThat(checker.holders()).hasSize(1);
        int primary = checker.holders().get(0);
        for (int i = 0; i < 5; i++) {
            RoleState s = sim.roleState(i);
            assertThat(s.primary()).as("node %d follows a primary", i).isNotNull();
            assertThat(s.primary().id()).isEqualTo(sim.memberId(primary));
        }
        System.out.println("grants: " + checker.grants());
    }

    @Test
    void aCrashedPrimaryIsReplacedAfterItsClaimRanOut() {
        Simulation sim = cluster(5, 12);
        PrimaryClaimChecker checker = PrimaryClaimChecker.attach(sim);
        sim.runFor(Duration.ofSeconds(30));
        int primary = checker.holders().get(0);
        long crashedAt = sim.nowNanos();
        sim.crash(primary);
        sim.runFor(Duration.ofSeconds(30));
        assertThat(checker.violation()).isNull();
        PrimaryClaimChecker.Grant next = checker.firstGrantAfter(crashedAt, primary);
        assertThat(next).isNotNull();
        System.out.printf("failover after crash: %.2f s%n", (next.atNanos() - crashedAt) / 1e9);
        assertThat(checker.holders()).containsExactly(next.node());
    }
}
