package io.swimdiscovery.spring.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.swimdiscovery.core.node.NodeDrops;
import io.swimdiscovery.core.node.NodeStatistics;
import io.swimdiscovery.core.node.PacketRejections;
import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.GossipDrop;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.NewsRejection;
import io.swimdiscovery.core.protocol.ProtocolCounters;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The node's counters as {@code swim.*} meters (Prometheus: {@code swim_*}). Every meter reads one
 * snapshot of {@link NodeStatistics}, taken at most once per {@link #SNAPSHOT_MAX_AGE_NANOS}, so a
 * scrape costs one copy of the counters, not one per meter. Every known message type and reject
 * reason is registered at bind; one not known in advance gets its meter when membership changes
 * and at every bind, never during a scrape.
 */
public class SwimMeterBinder implements MeterBinder {

    static final long SNAPSHOT_MAX_AGE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** Message types the engine sends, registered up front so dashboards see zeros, not gaps. */
    static final List<String> KNOWN_MESSAGE_TYPES =
            List.of("ping", "ping-req", "ack", "nack", "gossip", "sync", "sync-digest");

    private final SwimLifecycle lifecycle;

    /** Meter keys registered so far, per registry this binder was bound to. */
    private final Map<MeterRegistry, Set<String>> registered = new ConcurrentHashMap<>();

    private final AtomicBoolean listening = new AtomicBoolean();

    private volatile @Nullable NodeStatistics snapshot;

    private volatile long snapshotAt;

    public SwimMeterBinder(SwimLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (this.registered.putIfAbsent(registry, ConcurrentHashMap.newKeySet()) != null) {
            return;
        }
        for (MemberStatus status : MemberStatus.values()) {
            Gauge.builder("swim.members", this, (b) -> b.membersWith(status))
                    .description("Members this node knows, by status (itself included)")
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder("swim.local.health", this, (b) -> b.read(NodeStatistics::localHealth))
                .description("Lifeguard local health score (0 is healthy; timeouts scale by score + 1)")
                .register(registry);
        // Read from the node's role state at each scrape (lock-free), checked against the clock.
        Gauge.builder("swim.role", this, (b) -> b.primaryNow())
                .description("1 while this node holds a valid primary grant of its role group, else 0 "
                        + "(a secondary, or roles off)")
                .register(registry);
        Gauge.builder("swim.gossip.queue.depth", this, (b) -> b.read(NodeStatistics::gossipQueueDepth))
                .description("Pieces of membership news waiting to be sent")
                .register(registry);
        // No meter name is a dotted prefix of another: hierarchical registries (JMX, Graphite)
        // cannot hold a value and a subtree under one name.
        FunctionTimer.builder(
                        "swim.probe.round.trip",
                        this,
                        (b) -> (long) b.protocol(ProtocolCounters::probesAcked),
                        (b) -> b.protocol(ProtocolCounters::probeRttTotalNanos),
                        TimeUnit.NANOSECONDS)
                .description("Round-trip time of direct probe acks (count, total; mean = total / count)")
                .register(registry);
        TimeGauge.builder(
                        "swim.probe.last.round.trip",
                        this,
                        TimeUnit.NANOSECONDS,
                        (b) -> b.protocol((p) -> Math.max(p.lastProbeRttNanos(), 0)))
                .description("Round-trip time of the last direct probe ack")
                .register(registry);
        counter(registry, "swim.probes.sent", "Direct probes sent", (p) -> p.probes());
        counter(registry, "swim.probe.outcomes", "Probe outcomes", (p) -> p.probesAcked(), "outcome", "acked");
        counter(
                registry,
                "swim.probe.outcomes",
                "Probe outcomes",
                (p) -> p.probesAckedIndirectly(),
                "outcome",
                "acked-indirectly");
        counter(registry, "swim.probe.outcomes", "Probe outcomes", (p) -> p.probesFailed(), "outcome", "failed");
        counter(registry, "swim.nacks.received", "Lifeguard nacks received from relays", (p) -> p.nacksReceived());
        counter(
                registry,
                "swim.suspicions",
                "Suspicions this node raised after its own failed probes",
                (p) -> p.suspicionsRaised());
        counter(
                registry,
                "swim.refutations",
                "Times this node refuted a suspicion about itself",
                (p) -> p.refutations());
        counter(
                registry,
                "swim.member.deaths",
                "Members whose suspicion expired at this node",
                (p) -> p.membersDeclaredDead());
        counter(registry, "swim.syncs", "Full-state syncs completed", (p) -> p.syncs());
        counter(
                registry,
                "swim.claims.verified",
                "News only its subject may issue, heard from a third party and confirmed by the subject",
                (p) -> p.claimsVerified());
        counter(
                registry,
                "swim.rejoins",
                "Times this node learnt it was declared dead and rejoined under a new uid",
                (p) -> p.rejoins());
        // Every reason is known up front, so each series exists (at 0) before the first rejection.
        for (NewsRejection reason : NewsRejection.values()) {
            String label = reason.label();
            counter(
                    registry,
                    "swim.news.rejected",
                    "News and requests the engine refused, by reason",
                    (p) -> p.newsRejected().getOrDefault(label, 0L),
                    "reason",
                    label);
        }
        // Every bound's drops, by reason (docs/operations.md, "Bounds and drops").
        for (GossipDrop reason : GossipDrop.values()) {
            String label = reason.label();
            counter(
                    registry,
                    "swim.gossip.dropped",
                    "Believed news not gossiped because of the gossip queue's bounds, by reason",
                    (p) -> p.gossipDropped().getOrDefault(label, 0L),
                    "reason",
                    label);
        }
        for (String key : NodeDrops.knownKeys()) {
            int dot = key.lastIndexOf('.');
            FunctionCounter.builder(
                            "swim." + key.substring(0, dot) + ".dropped",
                            this,
                            (b) -> b.read((s) -> s.dropped().getOrDefault(key, 0L)))
                    .description("Work a node bound refused, by reason")
                    .tag("reason", key.substring(dot + 1))
                    .register(registry);
        }
        for (String type : KNOWN_MESSAGE_TYPES) {
            registerMessageType(registry, type);
        }
        // Every reject reason swim-core knows, so a scrape shows swim_packets_rejected_total at 0
        // before the first bad packet rather than no series at all.
        for (String reason : PacketRejections.knownReasons()) {
            registerRejectReason(registry, reason);
        }
        registerNewKeys();
        // One listener per binder, however many registries it is bound to or how often.
        if (this.listening.compareAndSet(false, true)) {
            this.lifecycle.addListener((event) -> registerNewKeys());
        }
    }

    /** Adds meters for message types and reject reasons seen for the first time. */
    void registerNewKeys() {
        NodeStatistics statistics = statistics();
        if (statistics == null) {
            return;
        }
        for (MeterRegistry target : this.registered.keySet()) {
            registerNewKeys(target, statistics);
        }
    }

    private void registerNewKeys(MeterRegistry target, NodeStatistics statistics) {
        for (Map<String, Long> byType : List.of(
                statistics.messagesSent(),
                statistics.messagesReceived(),
                statistics.bytesSent(),
                statistics.bytesReceived())) {
            byType.keySet().forEach((type) -> registerMessageType(target, type));
        }
        for (String reason : statistics.rejectedPackets().keySet()) {
            registerRejectReason(target, reason);
        }
    }

    private void registerRejectReason(MeterRegistry target, String reason) {
        if (keys(target).add("rejected:" + reason)) {
            FunctionCounter.builder(
                            "swim.packets.rejected",
                            this,
                            (b) -> b.read((s) -> s.rejectedPackets().getOrDefault(reason, 0L)))
                    .description("Packets dropped before the engine saw them, by reason")
                    .tag("reason", reason)
                    .register(target);
        }
    }

    private Set<String> keys(MeterRegistry target) {
        return this.registered.computeIfAbsent(target, (r) -> ConcurrentHashMap.newKeySet());
    }

    private void registerMessageType(MeterRegistry target, String type) {
        if (!keys(target).add("type:" + type)) {
            return;
        }
        messageCounter(target, "swim.messages", null, type, "sent", NodeStatistics::messagesSent);
        messageCounter(target, "swim.messages", null, type, "received", NodeStatistics::messagesReceived);
        messageCounter(target, "swim.traffic", "bytes", type, "sent", NodeStatistics::bytesSent);
        messageCounter(target, "swim.traffic", "bytes", type, "received", NodeStatistics::bytesReceived);
    }

    private void messageCounter(
            MeterRegistry target,
            String name,
            @Nullable String unit,
            String type,
            String direction,
            Function<NodeStatistics, Map<String, Long>> map) {
        FunctionCounter.builder(name, this, (b) -> b.read((s) -> map.apply(s).getOrDefault(type, 0L)))
                .description((unit == null) ? "Messages by type and direction" : "Bytes by message type and direction")
                .baseUnit(unit)
                .tag("type", type)
                .tag("direction", direction)
                .register(target);
    }

    private void counter(
            MeterRegistry registry,
            String name,
            String description,
            ToDoubleFunction<ProtocolCounters> value,
            String... tags) {
        FunctionCounter.builder(name, this, (b) -> b.protocol(value))
                .description(description)
                .tags(tags)
                .register(registry);
    }

    private double primaryNow() {
        SwimNode node = this.lifecycle.getNode();
        return (node != null && node.isRunning() && node.isPrimary()) ? 1 : 0;
    }

    private double membersWith(MemberStatus status) {
        return read((s) -> s.membersByStatus().getOrDefault(status, 0));
    }

    private double protocol(ToDoubleFunction<ProtocolCounters> value) {
        NodeStatistics statistics = statistics();
        return (statistics != null) ? value.applyAsDouble(statistics.protocol()) : 0;
    }

    private double read(ToDoubleFunction<NodeStatistics> value) {
        NodeStatistics statistics = statistics();
        return (statistics != null) ? value.applyAsDouble(statistics) : 0;
    }

    // Before start and after stop there is nothing to read: meters show 0 rather than failing a scrape.
    private @Nullable NodeStatistics statistics() {
        long now = System.nanoTime();
        NodeStatistics cached = this.snapshot;
        if (cached != null && now - this.snapshotAt < SNAPSHOT_MAX_AGE_NANOS) {
            return cached;
        }
        SwimNode node = this.lifecycle.getNode();
        if (node == null || !node.isRunning()) {
            return cached;
        }
        NodeStatistics fresh = node.statistics();
        this.snapshot = fresh;
        this.snapshotAt = now;
        return fresh;
    }
}
