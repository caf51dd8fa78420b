package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.Directive;
import io.swimdiscovery.core.protocol.PacketSizer;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.protocol.TcpRetransmission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A cluster of simulated nodes, each running its own {@link SwimInstance} (or another
 * {@link SimulatedProtocol}), over a simulated network in virtual time. Deterministic: one seed
 * fixes every random draw, so a run (and a failing test) replays exactly from its seed.
 *
 * <pre>{@code
 * Simulation sim = Simulation.builder().nodes(100).seed(42).loss(0.05).build();
 * sim.runFor(Duration.ofSeconds(30));          // the cluster forms
 * long crashedAt = sim.nowNanos();
 * MemberId victim = sim.crash(7);
 * sim.runFor(Duration.ofSeconds(30));
 * OptionalLong allKnow = TraceAnalysis.deathSeenByAll(sim, victim, crashedAt);
 * }</pre>
 *
 * <p>Nodes are numbered {@code 0..n-1}, named {@code node-<i>}, and listen on a distinct address.
 * Node 0 starts first; the others start at seeded random times within the builder's join window
 * and join through the seed nodes (node 0 by default). Everything runs on the caller's thread when
 * it calls {@link #runFor}; nothing happens between calls, so faults injected between two runs
 * take effect at exactly the current virtual time.
 *
 * <p>What the network does: a best-effort {@link Directive.Send} is lost with the global (or
 * per-link) loss probability or when a partition cuts the link, otherwise delivered after a
 * latency draw. A reliable {@link Directive.SendReliable} is never lost, but the link's loss delays
 * it as TCP's resends would ({@link TcpRetransmission}); if the link is cut or the receiver's host is down,
 * the sender gets {@code onReliableSendFailed} after the connect timeout. A
 * paused node queues what arrives and handles the backlog, then its overdue tick, when the pause
 * ends, as after a long garbage-collection pause. A slow node handles every message later by a
 * fixed delay, as a CPU-starved process does.
 *
 * <p>Two kinds of failure: {@link #crash} takes the host away (silence: datagrams vanish, a stream
 * to it times out), {@link #kill} ends the process on a live host (its streams are refused within a
 * round trip, {@link SimulatedProtocol#onConnectionRefused}).
 *
 * <p>This class is the façade; the work is done by the scheduler (virtual time, event queue), the
 * network (loss, latency, cuts, delivery), the processes (life cycle, timers, directives) and the
 * observer (trace, views, traffic), each in its own package-private class. Its own source holds
 * building and running; the reads are declared in {@code SimulationQueries} and the faults in
 * {@code SimulationFaults}, package-private layers it extends, so every method is still called
 * on a {@code Simulation}.
 */
public final class Simulation extends SimulationFaults {

    private final SimScheduler.Dispatcher dispatcher = this::dispatch;
    private @Nullable IntConsumer afterEachEvent;

    private Simulation(Builder b) {
        super(b);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ running

    /** Runs every event due within the next {@code duration} of virtual time. */
    public void runFor(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        runUntilNanos(scheduler.now() + duration.toNanos());
    }

    /** Runs every event due up to virtual time {@code endNanos}, then sets the clock to it. */
    public void runUntilNanos(long endNanos) {
        scheduler.runUntilNanos(endNanos, dispatcher);
    }

    /**
     * Runs until {@code condition} holds, checking it every {@code checkEvery} of virtual time, for
     * at most {@code timeout}.
     *
     * @return whether the condition held; the clock then stands at the first check where it did
     */
    public boolean runUntil(BooleanSupplier condition, Duration timeout, Duration checkEvery) {
        if (checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("checkEvery must be positive, was " + checkEvery);
        }
        return scheduler.runUntil(condition, timeout.toNanos(), checkEvery.toNanos(), dispatcher);
    }

    /** As {@link #runUntil(BooleanSupplier, Duration, Duration)}, checking every 100 ms of virtual time. */
    public boolean runUntil(BooleanSupplier condition, Duration timeout) {
        return runUntil(condition, timeout, Duration.ofMillis(100));
    }

    /** Runs {@code action} (a fault, a check) at virtual time now + {@code delay}, between events. */
    public void schedule(Duration delay, Runnable action) {
        scheduler.schedule(delay.toNanos(), action);
    }

    /** Routes one event to the component that owns its kind. */
    private void dispatch(int kind, int slot) {
        if (kind == SimScheduler.ACTION) {
            ((Runnable) Objects.requireNonNull(scheduler.queue().payload(slot))).run();
            return;
        }
        if (kind == SimScheduler.PREFORM) {
            processes.preform();
            return;
        }
        int nodeIndex = scheduler.queue().node(slot);
        processes.calling(nodeIndex);
        if (kind == SimScheduler.DELIVER
                || kind == SimScheduler.DELIVER_RELIABLE
                || kind == SimScheduler.PROCESS
                || kind == SimScheduler.PROCESS_RELIABLE) {
            network.arrive(kind, slot);
        } else if (kind == SimScheduler.RELIABLE_FAILED || kind == SimScheduler.REFUSED) {
            network.failed(kind, slot);
        } else {
            processes.handle(kind, slot);
        }
        IntConsumer check = afterEachEvent;
        if (check != null) {
            check.accept(nodeIndex);
        }
    }

    /**
     * Runs {@code check} after every event a node handled (a packet, a tick, a failure report),
     * with that node's index: for invariants that must hold at every instant, such as at most one
     * valid primary claim. {@code null} removes it.
     */
    public void afterEachEvent(@Nullable IntConsumer check) {
        this.afterEachEvent = check;
    }

    /** Configures a {@link Simulation}; every setting has a default, so {@code builder().build()} runs. */
    public static final class Builder {
        int nodes = 10;
        SwimSettings settings = SwimSettings.lan();
        long seed = 1;
        LatencyModel latency = LatencyModel.lan();
        double loss;
        PacketSizer sizer = PacketSizer.ESTIMATE;
        int datagramHeaderBytes = 28;
        int streamHeaderBytes = 40;
        Duration connectTimeout = Duration.ofSeconds(1);
        Duration leaveTimeout = Duration.ofSeconds(10);
        Duration joinWithin = Duration.ofSeconds(1);
        int[] seedIndexes = {0};
        ProtocolFactory protocolFactory = ProtocolFactory.swim();
        TraceFilter traceFilter = TraceFilter.all();
        final List<TraceListener> listeners = new ArrayList<>();
        boolean trackViews = true;
        IntFunction<Map<String, String>> metadata = i -> Map.of();
        boolean preformed;
        double clockDrift;
        final BitSet notStarted = new BitSet();

        private Builder() {}

        /** Number of nodes, at least 1. Default 10. */
        public Builder nodes(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("nodes must be >= 1, was " + n);
            }
            this.nodes = n;
            return this;
        }

        /** Engine settings of every node. Default {@link SwimSettings#lan()}. */
        public Builder settings(SwimSettings s) {
            this.settings = Objects.requireNonNull(s, "settings");
            return this;
        }

        /** The one seed every random draw derives from. Default 1. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** One-way latency of every link. Default {@link LatencyModel#lan()}. */
        public Builder latency(LatencyModel model) {
            this.latency = Objects.requireNonNull(model, "latency");
            return this;
        }

        /** Probability that a best-effort datagram is lost, on every link. Default 0. */
        public Builder loss(double probability) {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("loss must be in [0, 1], was " + probability);
            }
            this.loss = probability;
            return this;
        }

        /** Sizes messages for the engines and for the byte counters. Default {@link PacketSizer#ESTIMATE}. */
        public Builder sizer(PacketSizer s) {
            this.sizer = Objects.requireNonNull(s, "sizer");
            return this;
        }

        /** Bytes added to every datagram (IP + UDP) and every reliable message (IP + TCP). Default 28 and 40. */
        public Builder headerBytes(int datagram, int stream) {
            if (datagram < 0 || stream < 0) {
                throw new IllegalArgumentException("header bytes must not be negative");
            }
            this.datagramHeaderBytes = datagram;
            this.streamHeaderBytes = stream;
            return this;
        }

        /** How long a reliable send to an unreachable node takes to fail. Default 1 s. */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = nonNegative(d, "connectTimeout");
            return this;
        }

        /** Longest a leaving node keeps running before it stops regardless. Default 10 s. */
        public Builder leaveTimeout(Duration d) {
            this.leaveTimeout = nonNegative(d, "leaveTimeout");
            return this;
        }

        /** Nodes other than the first seed start at seeded random times within this window. Default 1 s. */
        public Builder joinWithin(Duration d) {
            this.joinWithin = nonNegative(d, "joinWithin");
            return this;
        }

        /** Indexes of the seed nodes everyone joins through. Default node 0; the first seed starts first. */
        public Builder seeds(int... indexes) {
            this.seedIndexes = indexes.clone();
            return this;
        }

        /** What each node runs. Default {@link ProtocolFactory#swim()}. */
        public Builder protocol(ProtocolFactory factory) {
            this.protocolFactory = Objects.requireNonNull(factory, "protocol");
            return this;
        }

        /** Which events the trace keeps. Default {@link TraceFilter#all()}. */
        public Builder trace(TraceFilter filter) {
            this.traceFilter = Objects.requireNonNull(filter, "trace");
            return this;
        }

        /** Adds a listener that sees every event as it happens. */
        public Builder listener(TraceListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Whether to keep every node's view of every other (n² bytes), which {@link #isConverged()},
         * {@link #view} and {@link #observersSeeing} read. Default true.
         */
        public Builder trackViews(boolean on) {
            this.trackViews = on;
            return this;
        }

        /**
         * Whether every node starts at time 0 already knowing every other as alive, instead of
         * joining through the seeds: a silent warm start ({@link SimulatedProtocol#preload}) with
         * no join events and no join gossip, which for n nodes would be O(n²) before the scenario
         * even starts. Nodes held back with {@link #notStarted} and restarts join normally.
         * Default false.
         */
        public Builder preformed(boolean on) {
            this.preformed = on;
            return this;
        }

        /**
         * Nodes that do not start on their own: they wait for {@link Simulation#start(int)}, to
         * measure a join into a running cluster. {@link Simulation#isConverged()} ignores them until then.
         */
        public Builder notStarted(int... indexes) {
            for (int i : indexes) {
                if (i < 0) {
                    throw new IllegalArgumentException("node index must not be negative, was " + i);
                }
                notStarted.set(i);
            }
            return this;
        }

        /** Initial metadata of node i. Default empty. */
        public Builder metadata(IntFunction<Map<String, String>> perNode) {
            this.metadata = Objects.requireNonNull(perNode, "metadata");
            return this;
        }

        /**
         * Clocks that drift: each node's clock runs at a random rate within {@code 1 +- maxDrift}
         * of virtual time, from a random offset. Default 0 (every clock shows virtual time).
         */
        public Builder clockDrift(double maxDrift) {
            if (!(maxDrift >= 0 && maxDrift <= 0.1)) {
                throw new IllegalArgumentException("clockDrift must be between 0 and 0.1, was " + maxDrift);
            }
            this.clockDrift = maxDrift;
            return this;
        }

        public Simulation build() {
            return new Simulation(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, was " + d);
            }
            return d;
        }
    }
}
