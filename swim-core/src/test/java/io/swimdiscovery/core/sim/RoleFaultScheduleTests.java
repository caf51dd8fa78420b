package io.swimdiscovery.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Directive;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.RoleSettings;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The roles' safety invariant under random fault schedules: never two valid primary claims at
 * one virtual instant, on clocks drifting by up to 1 %. {@code -Droles.schedules=N} runs more
 * and {@code -Droles.firstSeed=S} starts elsewhere; a failing schedule prints its seed and
 * {@code -Droles.schedules=1 -Droles.firstSeed=<seed>} replays it. The benchmark command
 * {@code roles --scenario schedules} runs thousands (docs/benchmarks.md).
 */
class RoleFaultScheduleTests {

    @Test
    void withAQuorumSize_noTwoPrimariesAtOneInstant_evenWhenFaultsStartBeforeTheGroupFormed() {
        check(true);
    }

    @Test
    void withTheDynamicQuorum_noTwoPrimariesAtOneInstant_onceTheGroupFormed() {
        check(false);
    }

    private static void check(boolean quorumSize) {
        int count = Integer.getInteger("roles.schedules", 300);
        long first = Long.getLong("roles.firstSeed", 1);
        List<String> failures = new ArrayList<>();
        int healed = 0;
        for (long seed = first; seed < first + count; seed++) {
            int n = new int[] {3, 5, 7}[(int) (seed % 3)];
            RoleSettings roles = RoleSettings.forGroup("g");
            if (quorumSize) {
                roles = roles.withQuorumSize(n / 2 + 1);
            }
            RoleFaultSchedule.Outcome o =
                    new RoleFaultSchedule(seed, n, Duration.ofSeconds(120)).run(SwimSettings.lan(), roles);
            if (o.violation() != null) {
                failures.add("seed " + seed + " (n=" + n + "): " + o.violation() + "\n  faults: " + o.faults());
            } else if (o.primaryAfterHeal()) {
                healed++;
            } else {
                failures.add("seed " + seed + " (n=" + n + "): no single primary within 2 min of the heal\n  faults: "
                        + o.faults());
            }
        }
        System.out.printf(
                "%d schedules (quorum size %s): %d failures, %d with one primary after the heal%n",
                count, quorumSize ? "set" : "dynamic", failures.size(), healed);
        assertThat(failures)
                .as("replay with -Droles.schedules=1 -Droles.firstSeed=<seed>")
                .isEmpty();
    }

    @Test
    void theCheckerSeesTwoClaimsThatOverlap() {
        // A protocol that lies: every node claims the role forever. The checker must say so.
        ProtocolFactory swim = ProtocolFactory.swim(RoleSettings.forGroup("g"));
        ProtocolFactory liar = (settings, self, metadata, random, sizer, now) ->
                new AlwaysPrimary(swim.create(settings, self, metadata, random, sizer, now));
        Simulation sim = Simulation.builder().nodes(3).seed(1).protocol(liar).build();
        PrimaryClaimChecker checker = PrimaryClaimChecker.attach(sim);
        sim.runFor(Duration.ofSeconds(2));
        assertThat(checker.violation())
                .contains("both hold a valid primary claim")
                .contains("seed 1");
    }

    /** Delegates everything to the real engine but claims the role, valid forever. */
    private record AlwaysPrimary(SimulatedProtocol real) implements SimulatedProtocol {
        @Override
        public io.swimdiscovery.core.protocol.RoleState roleState() {
            return new io.swimdiscovery.core.protocol.RoleState("g", real.localMember(), 1, Long.MAX_VALUE);
        }

        @Override
        public List<Directive> start(long now) {
            return real.start(now);
        }

        @Override
        public List<Directive> join(Collection<Address> seeds, long now) {
            return real.join(seeds, now);
        }

        @Override
        public List<Directive> onMessage(Message message, long now) {
            return real.onMessage(message, now);
        }

        @Override
        public List<Directive> onMessage(Address from, Message message, long now) {
            return real.onMessage(from, message, now);
        }

        @Override
        public List<Directive> onTick(long now) {
            return real.onTick(now);
        }

        @Override
        public List<Directive> onReliableSendFailed(Address to, Message message, long now) {
            return real.onReliableSendFailed(to, message, now);
        }

        @Override
        public List<Directive> onConnectionRefused(Address to, Message message, long now) {
            return real.onConnectionRefused(to, message, now);
        }

        @Override
        public List<Directive> leave(long now) {
            return real.leave(now);
        }

        @Override
        public boolean hasLeaveDisseminated() {
            return real.hasLeaveDisseminated();
        }

        @Override
        public List<Directive> updateMetadata(Map<String, String> metadata, long now) {
            return real.updateMetadata(metadata, now);
        }

        @Override
        public Member localMember() {
            return real.localMember();
        }

        @Override
        public List<Member> members() {
            return real.members();
        }
    }
}
