package io.swimdiscovery.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swimdiscovery.core.node.NodeDrops;
import io.swimdiscovery.core.node.NodeStatistics;
import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.GossipDrop;
import io.swimdiscovery.core.protocol.ProtocolCounters;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every bound's drops as {@code swim.*.dropped} meters, tagged by reason, present at zero from the start. */
class SwimDropMetersTests {

    private final SwimLifecycle lifecycle = mock(SwimLifecycle.class);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double count(String name, String reason) {
        return this.registry.get(name).tag("reason", reason).functionCounter().count();
    }

    @Test
    void everyDropReasonHasASeriesAtZeroBeforeTheNodeStarts() {
        new SwimMeterBinder(this.lifecycle).bindTo(this.registry);
        assertThat(count("swim.gossip.dropped", "queue-full")).isZero();
        assertThat(count("swim.gossip.dropped", "sync-regossip-capped")).isZero();
        assertThat(count("swim.sync.dropped", "concurrency-limit")).isZero();
        assertThat(count("swim.listener.events.dropped", "coalesced")).isZero();
        assertThat(count("swim.listener.events.dropped", "backlog-full")).isZero();
    }

    @Test
    void dropMetersReadTheNodeStatistics() {
        SwimNode node = mock(SwimNode.class);
        given(this.lifecycle.getNode()).willReturn(node);
        given(node.isRunning()).willReturn(true);
        ProtocolCounters protocol = new ProtocolCounters(
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                -1,
                0,
                0,
                0,
                Map.of(),
                Map.of(GossipDrop.QUEUE_FULL.label(), 7L, GossipDrop.SYNC_REGOSSIP_CAPPED.label(), 2L));
        given(node.statistics())
                .willReturn(new NodeStatistics(
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        protocol,
                        0,
                        0,
                        Map.of(
                                NodeDrops.SYNC_CONCURRENCY_LIMIT, 3L,
                                NodeDrops.LISTENER_EVENTS_COALESCED, 5L,
                                NodeDrops.LISTENER_EVENTS_BACKLOG_FULL, 11L)));
        new SwimMeterBinder(this.lifecycle).bindTo(this.registry);
        assertThat(count("swim.gossip.dropped", "queue-full")).isEqualTo(7);
        assertThat(count("swim.gossip.dropped", "sync-regossip-capped")).isEqualTo(2);
        assertThat(count("swim.sync.dropped", "concurrency-limit")).isEqualTo(3);
        assertThat(count("swim.listener.events.dropped", "coalesced")).isEqualTo(5);
        assertThat(count("swim.listener.events.dropped", "backlog-full")).isEqualTo(11);
    }
}
