package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Directive;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.PacketSizer;
import io.swimdiscovery.core.protocol.RoleState;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.protocol.TcpRetransmission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
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
 * observer (trace, views, traffic), each in its own package-private class.
 */
public final class Simulation {

    private final SimNode[] nodes;
    private final Map<String, Integer> indexByName;
    private final RandomStreams streams;
    private final SwimSettings settings;
    private final SimScheduler scheduler;
    private final SimObserver observer;
    private final SimNetwork network;
    private final SimProcesses processes;
    private final SimScheduler.Dispatcher dispatcher = this::dispatch;
    private @Nullable IntConsumer afterEachEvent;

    private Simulation(Builder b) {
        this.streams = new RandomStreams(b.seed);
        this.settings = b.settings;
        SplittableRandom scenarioRandom = streams.fork(RandomStreams.SCENARIO, 0, 0);
        this.nodes = new SimNode[b.nodes];
        Map<Address, Integer> indexByAddress = new HashMap<>(b.nodes * 2);
        this.indexByName = new HashMap<>(b.nodes * 2);
        for (int i = 0; i < b.nodes; i++) {
            Address address = new Address("10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255), 7946);
            String name = "node-" + i;
            nodes[i] = new SimNode(
                    i, name, address, streams.fork(RandomStreams.NETWORK, i, 0), Map.copyOf(b.metadata.apply(i)));
            indexByAddress.put(address, i);
            indexByName.put(name, i);
        }
        if (b.clockDrift > 0) {
            // Its own stream, so turning drift on changes no other draw of the scenario.
            SplittableRandom clocks = streams.fork(RandomStreams.SCENARIO, 1, 0);
            for (SimNode n : nodes) {
                n.clockRate = 1 + (clocks.nextDouble() * 2 - 1) * b.clockDrift;
                n.clockOffsetNanos = clocks.nextLong(1L << 50);
            }
        }
        int[] seedIndexes = b.seedIndexes.length == 0 ? new int[] {0} : b.seedIndexes.clone();
        for (int s : seedIndexes) {
            checkIndex(s);
        }
        this.scheduler =
                new SimScheduler(e -> processes().failure(e), () -> processes().calling(-1));
        this.observer = new SimObserver(
                nodes, indexByAddress, b.traceFilter, b.listeners, b.trackViews, b.notStarted, scheduler::now);
        this.network = new SimNetwork(
                nodes,
                indexByAddress,
                scheduler,
                observer,
                new NetworkConditions(b.loss, b.latency),
                b.sizer,
                b.datagramHeaderBytes,
                b.streamHeaderBytes,
                b.connectTimeout.toNanos());
        this.processes = new SimProcesses(
                nodes,
                scheduler,
                network,
                observer,
                streams,
                b.settings,
                b.protocolFactory,
                b.sizer,
                seedIndexes,
                scenarioRandom,
                b.preformed,
                b.leaveTimeout.toNanos());
        network.attach(processes);
        long window = b.preformed ? 0 : b.joinWithin.toNanos();
        for (int i = 0; i < b.nodes; i++) {
            long at = (i == seedIndexes[0] || window == 0) ? 0 : 1 + scenarioRandom.nextLong(window);
            if (!b.notStarted.get(i)) {
                scheduler.push(at, SimScheduler.START, i, 0, 0, null, null);
            }
        }
        if (b.preformed) {
            scheduler.push(0, SimScheduler.PREFORM, -1, 0, 0, null, null);
        }
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

    // ------------------------------------------------------------------ faults and operations

    /** Starts a node the builder held back ({@link Builder#notStarted}); it joins through the seeds. */
    public MemberId start(int index) {
        SimNode node = node(index);
        if (node.state != SimNode.NOT_STARTED) {
            throw new IllegalStateException(node.name + " has already started");
        }
        processes.guarded(node, () -> processes.startProcess(node));
        return Objects.requireNonNull(node.id);
    }

    /**
     * The host of node {@code index} goes away (power loss, kernel panic, a cable pulled): silence.
     * In-flight messages to it are lost, and a stream to its address times out (after the connect
     * timeout) instead of being refused. It stays down until {@link #restart}.
     */
    public MemberId crash(int index) {
        return stop(index, SimNode.CRASHED);
    }

    /**
     * The process of node {@code index} dies but its host stays up (killed, out of memory, exited):
     * datagrams to it vanish, and a stream to its address is refused within a round trip
     * ({@link SimulatedProtocol#onConnectionRefused}), the strong evidence a real host gives when
     * nothing listens on the port. It stays down until {@link #restart}, which starts a process with
     * a new uid at the same address.
     */
    public MemberId kill(int index) {
        return stop(index, SimNode.KILLED);
    }

    private MemberId stop(int index, int finalState) {
        SimNode node = node(index);
        if (!node.isUp()) {
            throw new IllegalStateException(node.name + " is not up");
        }
        MemberId id = Objects.requireNonNull(node.id);
        processes.stop(node, finalState);
        return id;
    }

    /**
     * Starts a new process on a crashed, killed or left node: same name and address, a new larger
     * uid, a fresh protocol instance that joins through the seeds.
     */
    public MemberId restart(int index) {
        SimNode node = node(index);
        if (node.isUp()) {
            throw new IllegalStateException(node.name + " is still up; crash it first");
        }
        processes.guarded(node, () -> processes.startProcess(node));
        return Objects.requireNonNull(node.id);
    }

    /**
     * Node {@code index} stops processing for {@code duration}: what arrives meanwhile queues, and
     * its ticks wait. Then it handles the backlog and its overdue tick, as after a GC pause.
     */
    public void pause(int index, Duration duration) {
        SimNode node = node(index);
        if (node.state != SimNode.UP) {
            throw new IllegalStateException(node.name + " is not up and running");
        }
        processes.pause(node, duration.toNanos());
    }

    /** Every message node {@code index} handles from now on is handled {@code delay} later; zero restores it. */
    public void slow(int index, Duration delay) {
        node(index).slowNanos = Math.max(0, delay.toNanos());
    }

    /** Global loss probability of best-effort datagrams, from now on. */
    public void loss(double probability) {
        network.conditions().loss(probability);
    }

    /** Loss of the directed link {@code from -> to}, replacing the global loss there; negative clears it. */
    public void linkLoss(int from, int to, double probability) {
        network.conditions().linkLoss(node(from).index, node(to).index, probability);
    }

    /** Latency of every link without a per-link model, from now on. */
    public void latency(LatencyModel model) {
        network.conditions().latency(Objects.requireNonNull(model, "model"));
    }

    /** Latency of the directed link {@code from -> to}. */
    public void linkLatency(int from, int to, LatencyModel model) {
        network.conditions().linkLatency(node(from).index, node(to).index, Objects.requireNonNull(model, "model"));
    }

    /** Cuts every link between {@code a} and {@code b}, both ways, until {@link #heal()}. */
    public void partition(Collection<Integer> a, Collection<Integer> b) {
        BitSet sa = bits(a);
        BitSet sb = bits(b);
        network.conditions().cut(sa, sb);
        network.conditions().cut(sb, sa);
    }

    /** Cuts the links from {@code from} to {@code to} only: {@code to} still reaches {@code from}. */
    public void partitionOneWay(Collection<Integer> from, Collection<Integer> to) {
        network.conditions().cut(bits(from), bits(to));
    }

    /** Cuts node {@code index} off from every other node, both ways. */
    public void isolate(int index) {
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            if (i != index) {
                others.add(i);
            }
        }
        partition(List.of(node(index).index), others);
    }

    /** Removes every partition. Loss and latency settings stay. */
    public void heal() {
        network.conditions().heal();
    }

    /**
     * Node {@code index} leaves on purpose. It keeps running until its protocol says the leave went
     * out ({@link SimulatedProtocol#hasLeaveDisseminated()}) or the leave timeout passes, then stops.
     */
    public void leave(int index) {
        SimNode node = node(index);
        if (node.state != SimNode.UP) {
            throw new IllegalStateException(node.name + " is not up and running");
        }
        processes.leave(node);
    }

    /** Node {@code index} publishes new metadata (also used by its future restarts). */
    public void updateMetadata(int index, Map<String, String> metadata) {
        SimNode node = node(index);
        if (!node.isProcessing()) {
            throw new IllegalStateException(node.name + " is not processing");
        }
        processes.updateMetadata(node, metadata);
    }

    /** Node {@code index} gives up the primary role and claims nothing for {@code holdOff} (docs/roles.md). */
    public void yieldRole(int index, Duration holdOff) {
        SimNode node = node(index);
        if (!node.isProcessing()) {
            throw new IllegalStateException(node.name + " is not processing");
        }
        processes.yieldRole(node, holdOff);
    }

    // ------------------------------------------------------------------ queries

    public long seed() {
        return streams.seed();
    }

    public SwimSettings settings() {
        return settings;
    }

    /** Virtual time now, nanoseconds since the simulation started. */
    public long nowNanos() {
        return scheduler.now();
    }

    public Duration now() {
        return Duration.ofNanos(scheduler.now());
    }

    /** Number of node slots (up or not). */
    public int size() {
        return nodes.length;
    }

    public long eventsProcessed() {
        return scheduler.eventsProcessed();
    }

    public String name(int index) {
        return node(index).name;
    }

    public Address address(int index) {
        return node(index).address;
    }

    /** Index of the node named {@code name}, or -1. */
    public int indexOf(String name) {
        Integer i = indexByName.get(name);
        return i == null ? -1 : i;
    }

    /**
     * Identity of the node's current (or last) process, null before it first started. A process
     * that takes a new uid while it runs (a rejoin after being declared dead) is followed: the
     * simulator notices when the process publishes an event about itself.
     */
    public @Nullable MemberId memberId(int index) {
        return node(index).id;
    }

    /** Whether the node's process exists: started, not crashed, killed or left. A paused node is up. */
    public boolean isUp(int index) {
        return node(index).isUp();
    }

    public boolean isPaused(int index) {
        return node(index).state == SimNode.PAUSED;
    }

    /** Indexes of the nodes that are up, ascending. */
    public List<Integer> upNodes() {
        List<Integer> up = new ArrayList<>();
        for (SimNode n : nodes) {
            if (n.isUp()) {
                up.add(n.index);
            }
        }
        return up;
    }

    /** The node's protocol (its current or last process). */
    public SimulatedProtocol protocol(int index) {
        return processes.protocolOf(node(index));
    }

    /** The node's SWIM engine; fails if the simulation runs another protocol. */
    public SwimInstance swimInstance(int index) {
        SimulatedProtocol p = protocol(index);
        if (p instanceof SwimProtocol s) {
            return s.instance();
        }
        throw new IllegalStateException("the simulation runs " + p.getClass().getSimpleName() + ", not SWIM");
    }

    /** Whom node {@code index} follows as its role group's primary (docs/roles.md). */
    public RoleState roleState(int index) {
        return protocol(index).roleState();
    }

    /** What node {@code index}'s own clock shows now (virtual time, unless clocks drift). */
    public long localTimeNanos(int index) {
        return node(index).localTime(scheduler.now());
    }

    /**
     * Whether node {@code index} holds a valid primary claim now, by its own clock: the claim of
     * a paused process counts until it runs out, since the process would act on it if it did not
     * check; a crashed or killed process holds none.
     */
    public boolean holdsValidPrimaryClaim(int index) {
        SimNode n = node(index);
        return (n.isUp() || n.state == SimNode.PAUSED || n.state == SimNode.LEAVING)
                && n.protocol != null
                && roleState(index).isPrimaryAt(n.localTime(scheduler.now()));
    }

    /** From now on node {@code index}'s clock runs at {@code rate} against virtual time (1.01: 1 % fast). */
    public void clockRate(int index, double rate) {
        if (!(rate > 0.5 && rate < 2)) {
            throw new IllegalArgumentException("clock rate must be between 0.5 and 2, was " + rate);
        }
        node(index).setClockRate(rate, scheduler.now());
    }

    /** Every member node {@code index} knows, as its protocol reports it. */
    public List<Member> members(int index) {
        return protocol(index).members();
    }

    /** The kept membership events, in virtual-time order. */
    public List<TraceEvent> trace() {
        return Collections.unmodifiableList(observer.trace());
    }

    /** Forgets the events kept so far (say, the cluster forming) so the trace holds only what follows. */
    public void clearTrace() {
        observer.clearTrace();
    }

    /** Every process start so far, with when it stopped: the ground truth for accuracy. */
    public List<ProcessLifetime> lifetimes() {
        return Collections.unmodifiableList(processes.lifetimes());
    }

    /** The lifetime of the process with this uid, or null if no node ever ran it. */
    public @Nullable ProcessLifetime lifetime(long uid) {
        return processes.lifetime(uid);
    }

    /** Traffic of node {@code index} since the start. */
    public NodeTraffic traffic(int index) {
        return node(index).traffic();
    }

    /** Traffic of all nodes together since the start. */
    public NodeTraffic totalTraffic() {
        return observer.totalTraffic();
    }

    /** Messages sent since the start by type ({@code Ping}, {@code Ack}, ...), in a fixed order. */
    public Map<String, Long> packetsSentByType() {
        return observer.packetsSentByType();
    }

    /** Bytes sent since the start by message type, headers included. */
    public Map<String, Long> bytesSentByType() {
        return observer.bytesSentByType();
    }

    /** Bytes of the largest message (one datagram or one stream frame) sent so far, headers included. */
    public int largestMessageBytes() {
        return observer.largestMessageBytes();
    }

    /** Message type of {@link #largestMessageBytes()}: {@code Sync}, {@code GossipPush}, ...; empty if none. */
    public String largestMessageType() {
        return observer.largestMessageType();
    }

    /**
     * What {@code observer} last published about {@code subject}'s current process, or null if
     * nothing (it does not know it). Needs view tracking (on by default).
     */
    public @Nullable MemberStatus view(int observer, int subject) {
        return this.observer.view(node(observer).index, node(subject).index);
    }

    /** How many up nodes other than {@code subject} hold {@code status} for its current process. */
    public int observersSeeing(int subject, MemberStatus status) {
        return observer.observersSeeing(subject, status);
    }

    /**
     * Whether every node has started, and every up node lists every other up node as alive and no
     * stopped node as alive: the cluster has converged. O(n · stopped nodes).
     */
    public boolean isConverged() {
        return observer.isConverged();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The processes, for the scheduler's callbacks, which are built before the processes exist (a
     * lambda may not read the final field before the constructor assigns it; they run only later).
     */
    private SimProcesses processes() {
        return processes;
    }

    private SimNode node(int index) {
        checkIndex(index);
        return nodes[index];
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= nodes.length) {
            throw new IndexOutOfBoundsException("node index " + index + " outside 0.." + (nodes.length - 1));
        }
    }

    private BitSet bits(Collection<Integer> indexes) {
        BitSet b = new BitSet(nodes.length);
        for (int i : indexes) {
            b.set(node(i).index);
        }
        return b;
    }

    /** Configures a {@link Simulation}; every setting has a default, so {@code builder().build()} runs. */
    public static final class Builder {
        private int nodes = 10;
        private SwimSettings settings = SwimSettings.lan();
        private long seed = 1;
        private LatencyModel latency = LatencyModel.lan();
        private double loss;
        private PacketSizer sizer = PacketSizer.ESTIMATE;
        private int datagramHeaderBytes = 28;
        private int streamHeaderBytes = 40;
        private Duration connectTimeout = Duration.ofSeconds(1);
        private Duration leaveTimeout = Duration.ofSeconds(10);
        private Duration joinWithin = Duration.ofSeconds(1);
        private int[] seedIndexes = {0};
        private ProtocolFactory protocolFactory = ProtocolFactory.swim();
        private TraceFilter traceFilter = TraceFilter.all();
        private final List<TraceListener> listeners = new ArrayList<>();
        private boolean trackViews = true;
        private IntFunction<Map<String, String>> metadata = i -> Map.of();
        private boolean preformed;
        private double clockDrift;
        private final BitSet notStarted = new BitSet();

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
