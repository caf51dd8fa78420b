package io.swimdiscovery.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Directive;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The two kinds of failure the simulator models: a crash (the host is gone: silence, a stream times
 * out) and a kill (the process is gone on a live host: a stream is refused within a round trip),
 * and what the network tells a receiver about where a message came from.
 */
@ExtendWith(SimulationSeeds.class)
class ProcessFailureSimulationTests {

    /** {@link SimulationTests.Chatter} that also records refusals and the source of every message. */
    static final class Recorder extends SimulationTests.Chatter {
        final List<Long> refusals = new ArrayList<>();
        final List<Address> refusedTargets = new ArrayList<>();
        final List<Address> sources = new ArrayList<>();

        Recorder(MemberId self) {
            super(self);
        }

        @Override
        public List<Directive> onMessage(Address from, Message message, long now) {
            sources.add(from);
            return onMessage(message, now);
        }

        @Override
        public List<Directive> onConnectionRefused(Address to, Message message, long now) {
            refusals.add(now);
            refusedTargets.add(to);
            return List.of();
        }
    }

    /** Two or more recorders over 1-ms links, each ticking every 100 ms from time 0. */
    private static Simulation recorders(int n) {
        Simulation sim = Simulation.builder()
                .nodes(n)
                .seed(1)
                .joinWithin(Duration.ZERO)
                .latency(LatencyModel.constant(Duration.ofMillis(1)))
                .protocol((settings, self, metadata, random, sizer, now) -> new Recorder(self))
                .build();
        sim.runFor(Duration.ZERO);
        return sim;
    }

    private static Recorder recorder(Simulation sim, int i) {
        return (Recorder) sim.protocol(i);
    }

    @Test
    void streamToAKilledProcessIsRefusedOneRoundTripAfterTheSend_andNeverTimesOut() {
        Simulation sim = recorders(2);
        sim.kill(1);
        recorder(sim, 0).reliableTarget = sim.address(1);
        sim.runFor(Duration.ofSeconds(3));
        // Sent at the 100-ms tick; SYN 1 ms there, RST 1 ms back.
        assertThat(recorder(sim, 0).refusals).containsExactly(102_000_000L);
        assertThat(recorder(sim, 0).refusedTargets).containsExactly(sim.address(1));
        assertThat(recorder(sim, 0).failures).as("no connect timeout as well").isEmpty();
        assertThat(sim.isUp(1)).isFalse();
    }

    @Test
    void streamToACrashedHostTimesOutAndIsNeverRefused() {
        Simulation sim = recorders(2);
        sim.crash(1);
        recorder(sim, 0).reliableTarget = sim.address(1);
        sim.runFor(Duration.ofSeconds(3));
        // The 100-ms tick plus the builder's 1-s connect timeout.
        assertThat(recorder(sim, 0).failures).containsExactly(1_100_000_000L);
        assertThat(recorder(sim, 0).refusals).isEmpty();
    }

    @Test
    void streamInFlightWhenTheProcessIsKilledIsRefusedWhenItReachesTheHost() {
        Simulation sim = recorders(2);
        recorder(sim, 0).reliableTarget = sim.address(1);
        // Sent at 100 ms; handshake and data take three 1-ms trips, so it reaches node 1's host at 103 ms.
        sim.runUntilNanos(101_000_000L);
        sim.kill(1);
        sim.runFor(Duration.ofSeconds(3));
        assertThat(recorder(sim, 0).refusals).containsExactly(105_000_000L);
        assertThat(recorder(sim, 0).failures).isEmpty();
    }

    @Test
    void aPausedSenderLearnsOfTheRefusalWhenItsPauseEnds() {
        Simulation sim = recorders(2);
        sim.kill(1);
        recorder(sim, 0).reliableTarget = sim.address(1);
        sim.runUntilNanos(101_000_000L);
        sim.pause(0, Duration.ofSeconds(1));
        sim.runFor(Duration.ofSeconds(2));
        assertThat(recorder(sim, 0).refusals).containsExactly(1_101_000_000L);
    }

    @Test
    void everyMessageNamesItsSenderAsTheSource() {
        Simulation sim = recorders(3);
        for (int i = 0; i < 3; i++) {
            List<Address> others = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                if (j != i) {
                    others.add(sim.address(j));
                }
            }
            recorder(sim, i).peers = others;
        }
        sim.runFor(Duration.ofMillis(150));
        assertThat(recorder(sim, 0).sources).containsExactlyInAnyOrder(sim.address(1), sim.address(2));
        assertThat(recorder(sim, 2).sources).containsExactlyInAnyOrder(sim.address(0), sim.address(1));
    }

    @Test
    void killedNodeCanOnlyBeRestarted_whichGivesAFreshUidAtTheSameAddress() {
        Simulation sim = recorders(3);
        sim.runFor(Duration.ofSeconds(1));
        MemberId old = sim.kill(2);
        assertThatThrownBy(() -> sim.kill(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sim.crash(2)).isInstanceOf(IllegalStateException.class);
        assertThat(sim.lifetime(old.uid()).stoppedAtNanos()).isEqualTo(1_000_000_000L);
        assertThat(sim.lifetime(old.uid()).left()).isFalse();
        sim.runFor(Duration.ofSeconds(1));
        MemberId fresh = sim.restart(2);
        assertThat(fresh.name()).isEqualTo(old.name());
        assertThat(fresh.address()).isEqualTo(old.address());
        assertThat(fresh.uid()).isNotEqualTo(old.uid());
        assertThat(sim.isUp(2)).isTrue();
        assertThat(sim.lifetime(fresh.uid()).startedAtNanos()).isEqualTo(2_000_000_000L);
    }

    /** A recorder that takes a new uid at its 5th tick and announces it about itself, as a rejoin would. */
    static final class Rejoiner extends SimulationTests.Chatter {
        MemberId current;

        Rejoiner(MemberId self) {
            super(self);
            this.current = self;
        }

        @Override
        public List<Directive> onTick(long now) {
            List<Directive> out = new ArrayList<>(super.onTick(now));
            if (ticks.size() == 5) {
                current = new MemberId(current.name(), current.address(), current.uid() + 1_000_003L);
                out.add(new Directive.Publish(new MembershipEvent.MemberJoined(localMember())));
            }
            return out;
        }

        @Override
        public Member localMember() {
            return new Member(current, MemberStatus.ALIVE, 0, java.util.Map.of(), 0);
        }
    }

    @Test
    void aProcessThatTakesANewUidWhileRunningIsFollowedUnderItsNewIdentity() {
        Simulation sim = Simulation.builder()
                .nodes(2)
                .seed(1)
                .joinWithin(Duration.ZERO)
                .latency(LatencyModel.constant(Duration.ofMillis(1)))
                .protocol((settings, self, metadata, random, sizer, now) -> new Rejoiner(self))
                .build();
        sim.runFor(Duration.ZERO);
        MemberId first = sim.memberId(1);
        sim.runFor(Duration.ofSeconds(1));
        MemberId second = sim.memberId(1);
        assertThat(second).isNotEqualTo(first);
        assertThat(second.uid()).isEqualTo(first.uid() + 1_000_003L);
        // The 5th tick came at 500 ms: the first identity's lifetime ends there, the second's starts.
        assertThat(sim.lifetime(first.uid()).stoppedAtNanos()).isEqualTo(500_000_000L);
        assertThat(sim.lifetime(second.uid()).startedAtNanos()).isEqualTo(500_000_000L);
        assertThat(sim.lifetime(second.uid()).isUpAt(sim.nowNanos())).isTrue();
        assertThat(sim.isUp(1)).isTrue();
        assertThat(sim.lifetimes()).hasSize(4);
    }

    @Test
    void killedSwimMemberIsDeclaredDeadByEveryMember_andItsRestartIsListedAliveUnderTheNewUid() {
        long seed = SimulationSeeds.seed(8008L);
        SwimSettings settings = SwimSettings.lan();
        int n = 10;
        Simulation sim =
                Clusters.formed(Simulation.builder().nodes(n).seed(seed).settings(settings));
        sim.runFor(Duration.ofSeconds(10));
        MemberId victim = sim.kill(4);

        // Silence is the worst case of a kill (an engine may ignore refusals): as in
        // FailureDetectionSimulationTests, 6 T until the first probe fails, Lifeguard's timeout
        // (at most beta * min when confirmations are slow at n = 10), 4 T to spread the death.
        long t = settings.protocolPeriod().toNanos();
        long bound = 6 * t + Clusters.maxSuspicionTimeout(settings, n).toNanos() + 4 * t;
        assertThat(sim.runUntil(() -> Clusters.allOthersSee(sim, 4, MemberStatus.DEAD), Duration.ofNanos(bound)))
                .as("every member declared the killed %s dead within %s", victim, Clusters.seconds(bound))
                .isTrue();

        MemberId fresh = sim.restart(4);
        // Join: one sync with the seed, then gossip; a few periods cover any verification round trip.
        assertThat(sim.runUntil(sim::isConverged, Duration.ofNanos(10 * t)))
                .as("cluster converged on the restarted process %s", fresh)
                .isTrue();
        for (int i : sim.upNodes()) {
            if (i == 4) {
                continue;
            }
            Member listed = sim.members(i).stream()
                    .filter(m -> m.name().equals(victim.name()))
                    .findFirst()
                    .orElseThrow();
            assertThat(listed.id().uid()).as("node-%d lists the new process", i).isEqualTo(fresh.uid());
            assertThat(listed.status()).isEqualTo(MemberStatus.ALIVE);
        }
        assertThat(TraceAnalysis.falseDeaths(sim, 0, sim.nowNanos()))
                .as("live members declared dead")
                .isZero();
    }
}
