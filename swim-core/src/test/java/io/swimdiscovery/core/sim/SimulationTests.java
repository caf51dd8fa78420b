package io.swimdiscovery.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Directive;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator's own mechanics (clock, network, faults), checked with a scripted protocol that
 * records what reaches it, so these tests do not depend on the SWIM engine.
 */
class SimulationTests {

    /** Every node sends one datagram to each other node every 100 ms and records arrivals. */
    static class Chatter implements SimulatedProtocol {
        static final long PERIOD = 100_000_000L;
        final MemberId self;
        final List<Long> arrivals = new ArrayList<>();
        final List<Long> failures = new ArrayList<>();
        final List<Long> ticks = new ArrayList<>();
        List<Address> peers = List.of();
        Address reliableTarget;

        Chatter(MemberId self) {
            this.self = self;
        }

        @Override
        public List<Directive> start(long now) {
            return List.of(new Directive.ScheduleTick(now + PERIOD));
        }

        @Override
        public List<Directive> join(Collection<Address> seeds, long now) {
            return List.of();
        }

        @Override
        public List<Directive> onMessage(Message message, long now) {
            arrivals.add(now);
            return List.of();
        }

        @Override
        public List<Directive> onTick(long now) {
            ticks.add(now);
            List<Directive> out = new ArrayList<>();
            Message m = new Message.GossipPush(self, List.of());
            for (Address a : peers) {
                out.add(new Directive.Send(a, m));
            }
            if (reliableTarget != null) {
                out.add(new Directive.SendReliable(reliableTarget, m));
                reliableTarget = null;
            }
            out.add(new Directive.ScheduleTick(now + PERIOD));
            return out;
        }

        @Override
        public List<Directive> onReliableSendFailed(Address to, Message message, long now) {
            failures.add(now);
            return List.of();
        }

        @Override
        public List<Directive> leave(long now) {
            return List.of();
        }

        @Override
        public boolean hasLeaveDisseminated() {
            return true;
        }

        @Override
        public List<Directive> updateMetadata(Map<String, String> metadata, long now) {
            return List.of();
        }

        @Override
        public Member localMember() {
            return new Member(self, MemberStatus.ALIVE, 0, Map.of(), 0);
        }

        @Override
        public List<Member> members() {
            return List.of(localMember());
        }
    }

    private static Simulation chatter(int n, long seed, double loss) {
        Simulation sim = Simulation.builder()
                .nodes(n)
                .seed(seed)
                .loss(loss)
                .joinWithin(Duration.ZERO)
                .latency(LatencyModel.constant(Duration.ofMillis(1)))
                .protocol((settings, self, metadata, random, sizer, now) -> new Chatter(self))
                .build();
        sim.runFor(Duration.ZERO);
        List<Address> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(sim.address(i));
        }
        for (int i = 0; i < n; i++) {
            List<Address> others = new ArrayList<>(all);
            others.remove(sim.address(i));
            chatterOf(sim, i).peers = others;
        }
        return sim;
    }

    private static Chatter chatterOf(Simulation sim, int i) {
        return (Chatter) sim.protocol(i);
    }

    @Test
    void lossDropsAboutTheConfiguredShareOfDatagrams() {
        Simulation sim = chatter(10, 7, 0.1);
        sim.runFor(Duration.ofSeconds(100));
        NodeTraffic total = sim.totalTraffic();
        double share = (double) total.packetsDropped() / total.packetsSent();
        assertThat(share).as("seed %d", sim.seed()).isBetween(0.09, 0.11);
        assertThat(total.packetsReceived() + total.packetsDropped())
                .isBetween(total.packetsSent() - 90, total.packetsSent());
    }

    @Test
    void sameSeedReplaysExactlyAndAnotherSeedDoesNot() {
        Simulation a = chatter(8, 99, 0.3);
        Simulation b = chatter(8, 99, 0.3);
        Simulation c = chatter(8, 100, 0.3);
        a.runFor(Duration.ofSeconds(20));
        b.runFor(Duration.ofSeconds(20));
        c.runFor(Duration.ofSeconds(20));
        for (int i = 0; i < 8; i++) {
            assertThat(chatterOf(a, i).arrivals).isEqualTo(chatterOf(b, i).arrivals);
        }
        assertThat(a.memberId(3)).isEqualTo(b.memberId(3));
        assertThat(a.totalTraffic()).isEqualTo(b.totalTraffic());
        assertThat(a.totalTraffic()).isNotEqualTo(c.totalTraffic());
    }

    @Test
    void partitionCutsBothWaysUntilHealed() {
        Simulation sim = chatter(4, 1, 0);
        sim.partition(List.of(0, 1), List.of(2, 3));
        sim.runFor(Duration.ofSeconds(1));
        // Inside a side: 1 peer × 9 ticks arrived (the 10th lands at 1.001 s); across: nothing.
        assertThat(chatterOf(sim, 0).arrivals).hasSize(9);
        assertThat(chatterOf(sim, 3).arrivals).hasSize(9);
        sim.heal();
        sim.runFor(Duration.ofSeconds(1));
        // Then the 1.0 s datagram of the own side, and 9 more ticks from each of the 3 peers.
        assertThat(chatterOf(sim, 0).arrivals).hasSize(9 + 1 + 27);
    }

    @Test
    void oneWayPartitionCutsOnlyTheGivenDirection() {
        Simulation sim = chatter(2, 1, 0);
        sim.partitionOneWay(List.of(0), List.of(1));
        sim.runFor(Duration.ofSeconds(1));
        assertThat(chatterOf(sim, 1).arrivals).isEmpty();
        assertThat(chatterOf(sim, 0).arrivals).hasSize(9);
    }

    @Test
    void linkLossReplacesTheGlobalLossOnThatDirectedLinkOnly() {
        Simulation sim = chatter(3, 1, 0);
        sim.linkLoss(0, 1, 1.0);
        sim.runFor(Duration.ofSeconds(1));
        // Node 1 hears only node 2; node 2 hears both; node 0 hears both.
        assertThat(chatterOf(sim, 1).arrivals).hasSize(9);
        assertThat(chatterOf(sim, 2).arrivals).hasSize(18);
        assertThat(chatterOf(sim, 0).arrivals).hasSize(18);
    }

    @Test
    void isolatedNodeNeitherSendsNorReceivesUntilHealed() {
        Simulation sim = chatter(3, 1, 0);
        sim.isolate(2);
        sim.runFor(Duration.ofSeconds(1));
        assertThat(chatterOf(sim, 2).arrivals).isEmpty();
        assertThat(chatterOf(sim, 0).arrivals).hasSize(9);
        sim.heal();
        sim.runFor(Duration.ofSeconds(1));
        assertThat(chatterOf(sim, 2).arrivals).isNotEmpty();
    }

    @Test
    void crashedNodeStopsAndMessagesToItAreLost() {
        Simulation sim = chatter(3, 1, 0);
        sim.runFor(Duration.ofMillis(550));
        MemberId old = sim.crash(2);
        int ticksAtCrash = chatterOf(sim, 2).ticks.size();
        sim.runFor(Duration.ofSeconds(1));
        assertThat(chatterOf(sim, 2).ticks).hasSize(ticksAtCrash);
        assertThat(sim.isUp(2)).isFalse();
        assertThat(sim.traffic(0).packetsDropped()).isEqualTo(10);
        assertThat(sim.lifetime(old.uid()).stoppedAtNanos()).isEqualTo(550_000_000L);
    }

    @Test
    void restartKeepsNameAndAddressWithALargerUid() {
        Simulation sim = chatter(3, 1, 0);
        sim.runFor(Duration.ofSeconds(1));
        MemberId old = sim.crash(1);
        sim.runFor(Duration.ofSeconds(1));
        MemberId fresh = sim.restart(1);
        assertThat(fresh.name()).isEqualTo(old.name());
        assertThat(fresh.address()).isEqualTo(old.address());
        assertThat(fresh.uid()).isGreaterThan(old.uid());
        assertThat(sim.isUp(1)).isTrue();
        assertThat(sim.lifetimes()).hasSize(4);
    }

    @Test
    void pausedNodeQueuesInputsAndHandlesTheBacklogWhenThePauseEnds() {
        Simulation sim = chatter(3, 1, 0);
        sim.runFor(Duration.ofMillis(1050));
        sim.pause(2, Duration.ofSeconds(2));
        int arrivalsBefore = chatterOf(sim, 2).arrivals.size();
        int ticksBefore = chatterOf(sim, 2).ticks.size();
        sim.runFor(Duration.ofMillis(1999));
        assertThat(chatterOf(sim, 2).arrivals).hasSize(arrivalsBefore);
        assertThat(chatterOf(sim, 2).ticks).hasSize(ticksBefore);
        sim.runFor(Duration.ofMillis(1));
        // 2 peers × 20 ticks arrived meanwhile, all handled at the resume instant, then one overdue tick.
        List<Long> arrivals = chatterOf(sim, 2).arrivals;
        assertThat(arrivals).hasSize(arrivalsBefore + 40);
        assertThat(arrivals.get(arrivals.size() - 1)).isEqualTo(3_050_000_000L);
        assertThat(chatterOf(sim, 2).ticks).hasSize(ticksBefore + 1).last().isEqualTo(3_050_000_000L);
    }

    @Test
    void slowNodeHandlesEveryMessageLaterByTheDelay() {
        Simulation sim = chatter(2, 1, 0);
        sim.slow(1, Duration.ofMillis(250));
        sim.runFor(Duration.ofMillis(1000));
        // Sent at 100, 200, ... ms with 1 ms latency; handled 250 ms later.
        assertThat(chatterOf(sim, 1).arrivals).startsWith(351_000_000L, 451_000_000L);
        assertThat(chatterOf(sim, 0).arrivals).startsWith(101_000_000L);
    }

    @Test
    void reliableSendToACrashedNodeFailsAfterTheConnectTimeout() {
        Simulation sim = chatter(2, 1, 0);
        sim.crash(1);
        chatterOf(sim, 0).reliableTarget = sim.address(1);
        sim.runFor(Duration.ofSeconds(2));
        assertThat(chatterOf(sim, 0).failures).containsExactly(1_100_000_000L);
    }

    @Test
    void reliableSendIsDelayedByRandomLoss_asTcpResendsWould_butNotLost() {
        Simulation sim = chatter(2, 1, 1.0);
        chatterOf(sim, 0).reliableTarget = sim.address(1);
        sim.runFor(Duration.ofSeconds(1));
        assertThat(chatterOf(sim, 1).arrivals)
                .as("every packet of the exchange is lost at first")
                .isEmpty();
        // SYN, SYN-ACK and data each resent four times with doubling timeouts: 15 + 15 + 3 s.
        sim.runFor(Duration.ofSeconds(34));
        assertThat(chatterOf(sim, 1).arrivals).hasSize(1);
        assertThat(chatterOf(sim, 0).failures).isEmpty();
    }

    @Test
    void scheduledActionsRunAtTheirVirtualTime() {
        Simulation sim = chatter(2, 1, 0);
        long[] seen = new long[1];
        sim.schedule(Duration.ofMillis(333), () -> seen[0] = sim.nowNanos());
        sim.runFor(Duration.ofSeconds(1));
        assertThat(seen[0]).isEqualTo(333_000_000L);
    }

    @Test
    void aThrowingProtocolFailsWithNodeTimeAndSeed() {
        Simulation sim = Simulation.builder()
                .nodes(2)
                .seed(5)
                .joinWithin(Duration.ZERO)
                .protocol((settings, self, metadata, random, sizer, now) -> new Chatter(self) {
                    @Override
                    public List<Directive> onTick(long t) {
                        throw new IllegalStateException("boom");
                    }
                })
                .build();
        assertThatThrownBy(() -> sim.runFor(Duration.ofSeconds(1)))
                .isInstanceOf(SimulationException.class)
                .hasMessageContaining("node-0")
                .hasMessageContaining("seed 5")
                .hasMessageContaining("0.100000 s");
    }
}
