package io.swimdiscovery.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Joins, leaves and metadata updates reach every member. */
@ExtendWith(SimulationSeeds.class)
class MembershipChangeSimulationTests {

    @Test
    void joinOfOneMemberIntoThousand_everyMemberKnowsItWithinLogarithmicallyManyPeriods() {
        long seed = SimulationSeeds.seed(1000L);
        SwimSettings settings = SwimSettings.lan();
        int n = 1000;
        // Preformed (a silent warm start: no join gossip to drain), then 10 s of steady state, so the
        // join meets a cluster in steady state; only events about the joiner are traced.
        String joinerName = "node-" + n;
        Simulation sim = Simulation.builder()
                .nodes(n + 1)
                .seed(seed)
                .settings(settings)
                .preformed(true)
                .notStarted(n)
                .trace((observer, e) -> e.member().name().equals(joinerName))
                .build();
        sim.runFor(Duration.ofSeconds(10));
        long joinedAt = sim.nowNanos();
        MemberId joiner = sim.start(n);

        // The joiner's sync with the seed takes a round trip, and the seed takes the joiner's own word;
        // from then on the seed gossips the news to 3 members per gossip interval, each hearer checks
        // it with the joiner (one ping, a round trip) and gossips it on, so the number of members that
        // know grows about fourfold per interval (epidemic dissemination): log4(n) intervals in
        // expectation. The bound allows ceil(log4(n)) + 2 gossip intervals and 100 ms of round trips
        // (measured: 1.1 s at n = 1,000).
        long t = settings.protocolPeriod().toNanos();
        long bound = ((long) Math.ceil(Math.log(n) / Math.log(4)) + 2)
                        * settings.gossipInterval().toNanos()
                + Duration.ofMillis(100).toNanos();
        sim.runUntil(sim::isConverged, Duration.ofNanos(bound + 10 * t), Duration.ofMillis(50));

        OptionalLong everyone = TraceAnalysis.seenByAll(
                sim,
                joinedAt,
                joiner.name(),
                e -> e.subject().equals(joiner) && e.event() instanceof MembershipEvent.MemberJoined);
        System.out.printf(
                "join into %d: known everywhere after %s = %.1f periods (bound %s)%n",
                n, Clusters.seconds(everyone.orElse(-1)), everyone.orElse(-1) / (double) t, Clusters.seconds(bound));
        assertThat(everyone).as("every member published the join").isPresent();
        assertThat(everyone.getAsLong()).isLessThanOrEqualTo(bound);
        assertThat(sim.isConverged()).as("and the joiner lists all of them").isTrue();
    }

    @Test
    void leave_everyMemberDropsTheLeaverWithoutSuspectingIt() {
        long seed = SimulationSeeds.seed(2020L);
        Simulation sim = Clusters.formed(Simulation.builder().nodes(100).seed(seed));
        MemberId leaver = sim.memberId(42);
        long leftAt = sim.nowNanos();
        sim.leave(42);
        sim.runFor(Duration.ofSeconds(30));

        OptionalLong dropped = TraceAnalysis.seenByAll(
                sim,
                leftAt,
                leaver.name(),
                e -> e.subject().equals(leaver) && e.event() instanceof MembershipEvent.MemberLeft);
        System.out.printf("leave: every member dropped the leaver after %s%n", Clusters.seconds(dropped.orElse(-1)));
        assertThat(dropped).as("every member published MemberLeft").isPresent();
        assertThat(TraceAnalysis.firstSuspicion(sim, leaver, leftAt))
                .as("suspicions of the leaver")
                .isEmpty();
        assertThat(TraceAnalysis.firstDeath(sim, leaver, leftAt))
                .as("failures of the leaver")
                .isEmpty();
        assertThat(sim.isUp(42)).as("the leaver stopped").isFalse();
        assertThat(sim.isConverged()).isTrue();
    }

    @Test
    void metadataUpdate_reachesEveryMember() {
        long seed = SimulationSeeds.seed(3030L);
        Simulation sim =
                Clusters.formed(Simulation.builder().nodes(100).seed(seed).metadata(i -> Map.of("zone", "a")));
        MemberId updated = sim.memberId(7);
        long at = sim.nowNanos();
        sim.updateMetadata(7, Map.of("zone", "b", "version", "2"));
        sim.runFor(Duration.ofSeconds(30));

        OptionalLong everyone = TraceAnalysis.seenByAll(
                sim,
                at,
                updated.name(),
                e -> e.subject().name().equals(updated.name())
                        && e.event() instanceof MembershipEvent.MemberUpdated
                        && "b".equals(e.event().member().metadata().get("zone")));
        System.out.printf("metadata update: seen everywhere after %s%n", Clusters.seconds(everyone.orElse(-1)));
        assertThat(everyone)
                .as("every member published MemberUpdated with the new metadata")
                .isPresent();
        for (int i : sim.upNodes()) {
            if (i != 7) {
                assertThat(sim.members(i))
                        .filteredOn(m -> m.name().equals(updated.name()))
                        .singleElement()
                        .satisfies(m -> assertThat(m.metadata())
                                .containsEntry("zone", "b")
                                .containsEntry("version", "2"));
            }
        }
    }
}
