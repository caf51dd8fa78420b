package io.swimdiscovery.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swimdiscovery.core.node.MembershipListener;
import io.swimdiscovery.core.node.NodeStatistics;
import io.swimdiscovery.core.node.PacketRejections;
import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.ProtocolCounters;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The node's counters as {@code swim.*} meters. */
class SwimMeterBinderTests {

    private final SwimLifecycle lifecycle = mock(SwimLifecycle.class);

    private final SwimNode node = mock(SwimNode.class);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void metersShowZeroBeforeTheNodeStarts() {
        new SwimMeterBinder(this.lifecycle).bindTo(this.registry);
        assertThat(this.registry
                        .get("swim.members")
                        .tag("status", "alive")
                        .gauge()
                        .value())
                .isZero();
        assertThat(this.registry
                        .get("swim.messages")
                        .tag("type", "ping")
                        .tag("direction", "sent")
                        .functionCounter()
                        .count())
                .isZero();
    }

    @Test
    void everyRejectReasonHasASeriesAtZeroBeforeTheFirstRejection() {
        new SwimMeterBinder(this.lifecycle).bindTo(this.registry);
        Set<String> registered = this.registry.find("swim.packets.rejected").functionCounters().stream()
                .map((c) -> c.getId().getTag("reason"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(registered)
                .containsAll(PacketRejections.knownReasons())
                .contains("bad-crc", "inbound-queue-full", "stream-connection-limit", "stream-read-timeout");
        assertThat(this.registry
                        .get("swim.packets.rejected")
                        .tag("reason", "inbound-queue-full")
                        .functionCounter()
                        .count())
                .isZero();
    }

    @Test
    void metersReadTheNodeStatistics() {
        given(this.lifecycle.getNode()).willReturn(this.node);
        given(this.node.isRunning()).willReturn(true);
        given(this.node.statistics())
                .willReturn(new NodeStatistics(
                        Map.of(MemberStatus.ALIVE, 3, MemberStatus.DEAD, 1),
                        Map.of("ping", 10L),
                        Map.of("ack", 9L),
                        Map.of("ping", 1000L),
                        Map.of("ack", 900L),
                        Map.of("decrypt-failed", 2L),
                        new ProtocolCounters(
                                10, 8, 1, 1, 2, 1, 3, 1, 4, 2_000_000, 24_000_000, 0, 0, java.util.Map.of()),
                        2,
                        5));
        new SwimMeterBinder(this.lifecycle).bindTo(this.registry);
        assertThat(this.registry
                        .get("swim.members")
                        .tag("status", "alive")
                        .gauge()
                        .value())
                .isEqualTo(3);
        assertThat(this.registry
                        .get("swim.members")
                        .tag("status", "dead")
                        .gauge()
                        .value())
                .isEqualTo(1);
        assertThat(this.registry
                        .get("swim.messages")
                        .tag("type", "ping")
                        .tag("direction", "sent")
                        .functionCounter()
                        .count())
                .isEqualTo(10);
        assertThat(this.registry
                        .get("swim.traffic")
                        .tag("type", "ack")
                        .tag("direction", "received")
                        .functionCounter()
                        .count())
                .isEqualTo(900);
        assertThat(this.registry
                        .get("swim.probe.outcomes")
                        .tag("outcome", "acked")
                        .functionCounter()
                        .count())
                .isEqualTo(8);
        assertThat(this.registry
                        .get("swim.probe.outcomes")
                        .tag("outcome", "failed")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        assertThat(this.registry.get("swim.suspicions").functionCounter().count())
                .isEqualTo(1);
        assertThat(this.registry.get("swim.refutations").functionCounter().count())
                .isEqualTo(3);
        assertThat(this.registry.get("swim.local.health").gauge().value()).isEqualTo(2);
        assertThat(this.registry.get("swim.gossip.queue.depth").gauge().value()).isEqualTo(5);
        assertThat(this.registry
                        .get("swim.packets.rejected")
                        .tag("reason", "decrypt-failed")
                        .functionCounter()
                        .count())
                .isEqualTo(2);
        assertThat(this.registry.get("swim.probe.last.round.trip").timeGauge().value(TimeUnit.MILLISECONDS))
                .isEqualTo(2.0);
        // 8 direct acks totalling 24 ms: a timer with count 8 and mean 3 ms.
        assertThat(this.registry.get("swim.probe.round.trip").functionTimer().count())
                .isEqualTo(8);
        assertThat(this.registry.get("swim.probe.round.trip").functionTimer().mean(TimeUnit.MILLISECONDS))
                .isEqualTo(3.0);
    }

    @Test
    void noMeterNameIsADottedPrefixOfAnotherSoHierarchicalRegistriesCanHoldThemAll() {
        runningWithStatistics();
        new SwimMeterBinder(this.lifecycle).bindTo(this.registry);
        Set<String> names = this.registry.getMeters().stream()
                .map((meter) -> meter.getId().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(names)
                .contains(
                        "swim.members",
                        "swim.member.deaths",
                        "swim.probes.sent",
                        "swim.probe.outcomes",
                        "swim.probe.round.trip",
                        "swim.probe.last.round.trip");
        for (String name : names) {
            assertThat(names).as("meters under " + name).noneMatch((other) -> other.startsWith(name + "."));
        }
    }

    @Test
    void bindingTwiceOrToSeveralRegistriesAddsOneMembershipListener() {
        runningWithStatistics();
        SwimMeterBinder binder = new SwimMeterBinder(this.lifecycle);
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        binder.bindTo(this.registry);
        binder.bindTo(this.registry);
        binder.bindTo(other);
        verify(this.lifecycle, times(1)).addListener(any(MembershipListener.class));
        List<Meter> first = this.registry.getMeters();
        assertThat(other.getMeters()).hasSameSizeAs(first);
        assertThat(other.get("swim.packets.rejected")
                        .tag("reason", "decrypt-failed")
                        .functionCounter()
                        .count())
                .isEqualTo(2);
    }

    private void runningWithStatistics() {
        given(this.lifecycle.getNode()).willReturn(this.node);
        given(this.node.isRunning()).willReturn(true);
        given(this.node.statistics())
                .willReturn(new NodeStatistics(
                        Map.of(MemberStatus.ALIVE, 3),
                        Map.of("ping", 10L),
                        Map.of("ack", 9L),
                        Map.of("ping", 1000L),
                        Map.of("ack", 900L),
                        Map.of("decrypt-failed", 2L),
                        new ProtocolCounters(
                                10, 8, 1, 1, 2, 1, 3, 1, 4, 2_000_000, 24_000_000, 0, 0, java.util.Map.of()),
                        2,
                        5));
    }
}
