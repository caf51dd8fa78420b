package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Directive;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.TcpRetransmission;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.PacketSizer;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
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
 * it as TCP's resends would ({@link TcpRetransmission}); if the link is cut or the receiver is down,
 * the sender gets {@code onReliableSendFailed} after the connect timeout. A
 * paused node queues what arrives and handles the backlog, then its overdue tick, when the pause
 * ends, as after a long garbage-collection pause. A slow node handles every message later by a
 * fixed delay, as a CPU-starved process does.
 */
public final class Simulation {

    private static final int DELIVER = 1;
    private static final int DELIVER_RELIABLE = 2;
    private static final int PROCESS = 3;
    private static final int PROCESS_RELIABLE = 4;
    private static final int RELIABLE_FAILED = 5;
    private static final int TICK = 6;
    private static final int RESUME = 7;
    private static final int ACTION = 8;
    private static final int LEAVE_DEADLINE = 9;
    private static final int START = 10;
    private static final int PREFORM = 11;

    private static final String[] MESSAGE_TYPES = {"Ping", "PingReq", "Ack", "Nack", "GossipPush", "Sync"};

    /** A reliable message in flight: where it goes and which process of the sender sent it. */
    private record InFlight(Address to, int senderGeneration) {
    }

    /** A message that reached a paused node. */
    private record Backlogged(Message message, int bytes, boolean reliable, Address from) {
    }

    /** A reliable-send failure that reached a paused node. */
    private record BackloggedFailure(Address to, Message message) {
    }

    private final RandomStreams streams;
    private final SwimSettings settings;
    private final ProtocolFactory protocolFactory;
    private final PacketSizer sizer;
    private final int datagramHeaderBytes;
    private final int streamHeaderBytes;
    private final long connectTimeoutNanos;
    private final long leaveTimeoutNanos;
    private final TraceFilter traceFilter;
    private final List<TraceListener> listeners;
    private final int[] seedIndexes;
    private final SplittableRandom scenarioRandom;

    private final SimNode[] nodes;
    private final Map<Address, Integer> indexByAddress;
    private final Map<String, Integer> indexByName;
    private final EventQueue queue = new EventQueue();
    private final NetworkConditions network;
    private final @Nullable ViewMatrix views;
    private final ArrayList<TraceEvent> trace = new ArrayList<>();
    private final ArrayList<ProcessLifetime> lifetimes = new ArrayList<>();
    private final Map<Long, Integer> lifetimeByUid = new HashMap<>();
    private final long[] packetsByType = new long[MESSAGE_TYPES.length];
    private final long[] bytesByType = new long[MESSAGE_TYPES.length];

    private final boolean preformed;
    private final BitSet heldBack;
    private long now;
    private long eventsProcessed;
    /** Node whose protocol is being called, for the error message if it throws; -1 outside calls. */
    private int callingNode = -1;

    private Simulation(Builder b) {
        this.streams = new RandomStreams(b.seed);
        this.settings = b.settings;
        this.protocolFactory = b.protocolFactory;
        this.sizer = b.sizer;
        this.datagramHeaderBytes = b.datagramHeaderBytes;
        this.streamHeaderBytes = b.streamHeaderBytes;
        this.connectTimeoutNanos = b.connectTimeout.toNanos();
        this.leaveTimeoutNanos = b.leaveTimeout.toNanos();
        this.traceFilter = b.traceFilter;
        this.listeners = List.copyOf(b.listeners);
        this.network = new NetworkConditions(b.loss, b.latency);
        this.scenarioRandom = streams.fork(RandomStreams.SCENARIO, 0, 0);
        this.nodes = new SimNode[b.nodes];
        this.indexByAddress = new HashMap<>(b.nodes * 2);
        this.indexByName = new HashMap<>(b.nodes * 2);
        for (int i = 0; i < b.nodes; i++) {
            Address address = new Address("10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255), 7946);
            String name = "node-" + i;
            nodes[i] = new SimNode(i, name, address, streams.fork(RandomStreams.NETWORK, i, 0),
                    Map.copyOf(b.metadata.apply(i)));
            indexByAddress.put(address, i);
            indexByName.put(name, i);
        }
        this.seedIndexes = b.seedIndexes.length == 0 ? new int[] {0} : b.seedIndexes.clone();
        for (int s : seedIndexes) {
            checkIndex(s);
        }
        this.views = b.trackViews ? new ViewMatrix(b.nodes) : null;
        this.preformed = b.preformed;
        this.heldBack = (BitSet) b.notStarted.clone();
        long window = b.preformed ? 0 : b.joinWithin.toNanos();
        for (int i = 0; i < b.nodes; i++) {
            long at = (i == seedIndexes[0] || window == 0) ? 0 : 1 + scenarioRandom.nextLong(window);
            if (!b.notStarted.get(i)) {
                queue.push(at, START, i, 0, 0, null, null);
            }
        }
        if (b.preformed) {
            queue.push(0, PREFORM, -1, 0, 0, null, null);
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
        runUntilNanos(now + duration.toNanos());
    }

    /** Runs every event due up to virtual time {@code endNanos}, then sets the clock to it. */
    public void runUntilNanos(long endNanos) {
        while (!queue.isEmpty() && queue.peekTime() <= endNanos) {
            now = Math.max(now, queue.peekTime());
            int slot = queue.pop();
            try {
                dispatch(slot);
            } catch (SimulationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failure(e);
            } finally {
                callingNode = -1;
                queue.release(slot);
            }
            eventsProcessed++;
        }
        now = Math.max(now, endNanos);
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
        long deadline = now + timeout.toNanos();
        long step = checkEvery.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (now >= deadline) {
                return false;
            }
            runUntilNanos(Math.min(deadline, now + step));
        }
    }

    /** As {@link #runUntil(BooleanSupplier, Duration, Duration)}, checking every 100 ms of virtual time. */
    public boolean runUntil(BooleanSupplier condition, Duration timeout) {
        return runUntil(condition, timeout, Duration.ofMillis(100));
    }

    /** Runs {@code action} (a fault, a check) at virtual time now + {@code delay}, between events. */
    public void schedule(Duration delay, Runnable action) {
        Objects.requireNonNull(action, "action");
        queue.push(now + Math.max(0, delay.toNanos()), ACTION, -1, 0, 0, action, null);
    }

    // ------------------------------------------------------------------ faults and operations

    /** Starts a node the builder held back ({@link Builder#notStarted}); it joins through the seeds. */
    public MemberId start(int index) {
        SimNode node = node(index);
        if (node.state != SimNode.NOT_STARTED) {
            throw new IllegalStateException(node.name + " has already started");
        }
        guarded(node, () -> startProcess(node));
        return Objects.requireNonNull(node.id);
    }

    /** Stops node {@code index} forever (until {@link #restart}); in-flight messages to it are lost. */
    public MemberId crash(int index) {
        SimNode node = node(index);
        if (!node.isUp()) {
            throw new IllegalStateException(node.name + " is not up");
        }
        MemberId id = Objects.requireNonNull(node.id);
        stop(node, SimNode.CRASHED);
        return id;
    }

    /**
     * Starts a new process on a crashed or left node: same name and address, a new larger uid,
     * a fresh protocol instance that joins through the seeds.
     */
    public MemberId restart(int index) {
        SimNode node = node(index);
        if (node.isUp()) {
            throw new IllegalStateException(node.name + " is still up; crash it first");
        }
        guarded(node, () -> startProcess(node));
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
        node.state = SimNode.PAUSED;
        node.pauseToken++;
        queue.push(now + duration.toNanos(), RESUME, index, node.pauseToken, 0, null, null);
    }

    /** Every message node {@code index} handles from now on is handled {@code delay} later; zero restores it. */
    public void slow(int index, Duration delay) {
        node(index).slowNanos = Math.max(0, delay.toNanos());
    }

    /** Global loss probability of best-effort datagrams, from now on. */
    public void loss(double probability) {
        network.loss(probability);
    }

    /** Loss of the directed link {@code from -> to}, replacing the global loss there; negative clears it. */
    public void linkLoss(int from, int to, double probability) {
        network.linkLoss(node(from).index, node(to).index, probability);
    }

    /** Latency of every link without a per-link model, from now on. */
    public void latency(LatencyModel model) {
        network.latency(Objects.requireNonNull(model, "model"));
    }

    /** Latency of the directed link {@code from -> to}. */
    public void linkLatency(int from, int to, LatencyModel model) {
        network.linkLatency(node(from).index, node(to).index, Objects.requireNonNull(model, "model"));
    }

    /** Cuts every link between {@code a} and {@code b}, both ways, until {@link #heal()}. */
    public void partition(Collection<Integer> a, Collection<Integer> b) {
        BitSet sa = bits(a);
        BitSet sb = bits(b);
        network.cut(sa, sb);
        network.cut(sb, sa);
    }

    /** Cuts the links from {@code from} to {@code to} only: {@code to} still reaches {@code from}. */
    public void partitionOneWay(Collection<Integer> from, Collection<Integer> to) {
        network.cut(bits(from), bits(to));
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
        network.heal();
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
        node.state = SimNode.LEAVING;
        queue.push(now + leaveTimeoutNanos, LEAVE_DEADLINE, index, node.generation, 0, null, null);
        guarded(node, () -> apply(node, protocol(node).leave(now)));
    }

    /** Node {@code index} publishes new metadata (also used by its future restarts). */
    public void updateMetadata(int index, Map<String, String> metadata) {
        SimNode node = node(index);
        if (!node.isProcessing()) {
            throw new IllegalStateException(node.name + " is not processing");
        }
        node.metadata = Map.copyOf(metadata);
        guarded(node, () -> apply(node, protocol(node).updateMetadata(node.metadata, now)));
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
        return now;
    }

    public Duration now() {
        return Duration.ofNanos(now);
    }

    /** Number of node slots (up or not). */
    public int size() {
        return nodes.length;
    }

    public long eventsProcessed() {
        return eventsProcessed;
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

    /** Identity of the node's current (or last) process; empty before it first started. */
    public @Nullable MemberId memberId(int index) {
        return node(index).id;
    }

    /** Whether the node's process exists: started, not crashed, not left. A paused node is up. */
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
        return protocol(node(index));
    }

    /** The node's SWIM engine; fails if the simulation runs another protocol. */
    public SwimInstance swimInstance(int index) {
        SimulatedProtocol p = protocol(index);
        if (p instanceof SwimProtocol s) {
            return s.instance();
        }
        throw new IllegalStateException("the simulation runs " + p.getClass().getSimpleName() + ", not SWIM");
    }

    /** Every member node {@code index} knows, as its protocol reports it. */
    public List<Member> members(int index) {
        return protocol(index).members();
    }

    /** The kept membership events, in virtual-time order. */
    public List<TraceEvent> trace() {
        return Collections.unmodifiableList(trace);
    }

    /** Forgets the events kept so far (say, the cluster forming) so the trace holds only what follows. */
    public void clearTrace() {
        trace.clear();
        trace.trimToSize();
    }

    /** Every process start so far, with when it stopped: the ground truth for accuracy. */
    public List<ProcessLifetime> lifetimes() {
        return Collections.unmodifiableList(lifetimes);
    }

    /** The lifetime of the process with this uid, or null if no node ever ran it. */
    public @Nullable ProcessLifetime lifetime(long uid) {
        Integer i = lifetimeByUid.get(uid);
        return i == null ? null : lifetimes.get(i);
    }

    /** Traffic of node {@code index} since the start. */
    public NodeTraffic traffic(int index) {
        return node(index).traffic();
    }

    /** Traffic of all nodes together since the start. */
    public NodeTraffic totalTraffic() {
        long ps = 0, bs = 0, pr = 0, br = 0, pd = 0;
        for (SimNode n : nodes) {
            ps += n.packetsSent;
            bs += n.bytesSent;
            pr += n.packetsReceived;
            br += n.bytesReceived;
            pd += n.packetsDropped;
        }
        return new NodeTraffic(ps, bs, pr, br, pd);
    }

    /** Messages sent since the start by type ({@code Ping}, {@code Ack}, ...), in a fixed order. */
    public Map<String, Long> packetsSentByType() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < MESSAGE_TYPES.length; i++) {
            m.put(MESSAGE_TYPES[i], packetsByType[i]);
        }
        return m;
    }

    /** Bytes sent since the start by message type, headers included. */
    public Map<String, Long> bytesSentByType() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < MESSAGE_TYPES.length; i++) {
            m.put(MESSAGE_TYPES[i], bytesByType[i]);
        }
        return m;
    }

    /**
     * What {@code observer} last published about {@code subject}'s current process, or null if
     * nothing (it does not know it). Needs view tracking (on by default).
     */
    public @Nullable MemberStatus view(int observer, int subject) {
        byte code = requireViews().get(node(observer).index, node(subject).index);
        return code == ViewMatrix.UNKNOWN ? null : MemberStatus.values()[code - 1];
    }

    /** How many up nodes other than {@code subject} hold {@code status} for its current process. */
    public int observersSeeing(int subject, MemberStatus status) {
        ViewMatrix v = requireViews();
        byte code = ViewMatrix.code(status);
        int count = 0;
        for (SimNode o : nodes) {
            if (o.isUp() && o.index != subject && v.get(o.index, subject) == code) {
                count++;
            }
        }
        return count;
    }

    /**
     * Whether every node has started, and every up node lists every other up node as alive and no
     * stopped node as alive: the cluster has converged. O(n · stopped nodes).
     */
    public boolean isConverged() {
        ViewMatrix v = requireViews();
        int up = 0;
        for (SimNode n : nodes) {
            if (n.state == SimNode.NOT_STARTED && !heldBack.get(n.index)) {
                return false;
            }
            if (n.isUp()) {
                up++;
            }
        }
        for (SimNode o : nodes) {
            if (o.isUp() && v.aliveCount(o.index) != up - 1) {
                return false;
            }
        }
        byte alive = ViewMatrix.code(MemberStatus.ALIVE);
        for (SimNode s : nodes) {
            if (s.isUp() || s.generation < 0) {
                continue;
            }
            for (SimNode o : nodes) {
                if (o.isUp() && v.get(o.index, s.index) == alive) {
                    return false;
                }
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ event handling

    private void dispatch(int slot) {
        int kind = queue.kind(slot);
        if (kind == ACTION) {
            ((Runnable) Objects.requireNonNull(queue.payload(slot))).run();
            return;
        }
        if (kind == PREFORM) {
            preform();
            return;
        }
        SimNode node = nodes[queue.node(slot)];
        callingNode = node.index;
        if (kind == DELIVER || kind == DELIVER_RELIABLE || kind == PROCESS || kind == PROCESS_RELIABLE) {
            boolean reliable = kind == DELIVER_RELIABLE || kind == PROCESS_RELIABLE;
            Message message = (Message) Objects.requireNonNull(queue.payload(slot));
            int bytes = queue.aux2(slot);
            if (!node.isUp()) {
                lost(queue.aux(slot), reliable, message, queue.payload2(slot));
            } else if (node.slowNanos > 0 && (kind == DELIVER || kind == DELIVER_RELIABLE)) {
                queue.push(now + node.slowNanos, reliable ? PROCESS_RELIABLE : PROCESS, node.index, queue.aux(slot),
                        bytes, message, queue.payload2(slot));
            } else if (node.state == SimNode.PAUSED) {
                node.backlog.add(new Backlogged(message, bytes, reliable, nodes[queue.aux(slot)].address));
            } else {
                receive(node, message, bytes, nodes[queue.aux(slot)].address);
            }
        } else if (kind == TICK) {
            if (queue.aux(slot) != node.tickToken) {
                return;
            }
            node.tickAtNanos = Long.MAX_VALUE;
            if (node.state == SimNode.PAUSED) {
                node.tickDeferred = true;
            } else if (node.isProcessing()) {
                apply(node, protocol(node).onTick(now));
            }
        } else if (kind == RELIABLE_FAILED) {
            if (queue.aux(slot) != node.generation || !node.isUp()) {
                return;
            }
            Address to = (Address) Objects.requireNonNull(queue.payload2(slot));
            Message message = (Message) Objects.requireNonNull(queue.payload(slot));
            if (node.state == SimNode.PAUSED) {
                node.backlog.add(new BackloggedFailure(to, message));
            } else {
                apply(node, protocol(node).onReliableSendFailed(to, message, now));
            }
        } else if (kind == RESUME) {
            if (queue.aux(slot) == node.pauseToken && node.state == SimNode.PAUSED) {
                resume(node);
            }
        } else if (kind == LEAVE_DEADLINE) {
            if (queue.aux(slot) == node.generation && node.state == SimNode.LEAVING) {
                stop(node, SimNode.LEFT);
            }
        } else if (kind == START) {
            if (node.state == SimNode.NOT_STARTED) {
                startProcess(node);
            }
        } else {
            throw new IllegalStateException("unknown event kind " + kind);
        }
    }

    private void receive(SimNode node, Message message, int bytes, Address from) {
        node.packetsReceived++;
        node.bytesReceived += bytes;
        apply(node, protocol(node).onMessage(from, message, now));
    }

    /** The pause is over: handle the backlog in arrival order, then the tick that came due meanwhile. */
    private void resume(SimNode node) {
        node.state = SimNode.UP;
        while (!node.backlog.isEmpty() && node.isProcessing()) {
            Object item = node.backlog.poll();
            if (item instanceof Backlogged b) {
                receive(node, b.message(), b.bytes(), b.from());
            } else if (item instanceof BackloggedFailure f) {
                apply(node, protocol(node).onReliableSendFailed(f.to(), f.message(), now));
            }
        }
        if (node.tickDeferred && node.isProcessing()) {
            node.tickDeferred = false;
            apply(node, protocol(node).onTick(now));
        }
    }

    /** A message reached a node that is not up: datagrams vanish, a reliable sender learns of it. */
    private void lost(int sender, boolean reliable, Message message, @Nullable Object inFlight) {
        if (sender >= 0) {
            nodes[sender].packetsDropped++;
        }
        if (reliable && inFlight instanceof InFlight f) {
            queue.push(now + connectTimeoutNanos, RELIABLE_FAILED, sender, f.senderGeneration(), 0, message, f.to());
        }
    }

    private void apply(SimNode node, List<Directive> directives) {
        for (int i = 0, n = directives.size(); i < n; i++) {
            Directive d = directives.get(i);
            if (d instanceof Directive.Send s) {
                send(node, s.to(), s.message(), false);
            } else if (d instanceof Directive.ScheduleTick t) {
                scheduleTick(node, t.atNanos());
            } else if (d instanceof Directive.Publish p) {
                publish(node, p.event());
            } else if (d instanceof Directive.SendReliable r) {
                send(node, r.to(), r.message(), true);
            }
        }
        if (node.state == SimNode.LEAVING && protocol(node).hasLeaveDisseminated()) {
            stop(node, SimNode.LEFT);
        }
    }

    private void scheduleTick(SimNode node, long atNanos) {
        long at = Math.max(atNanos, now);
        if (at == node.tickAtNanos) {
            return;
        }
        node.tickToken++;
        node.tickAtNanos = at;
        queue.push(at, TICK, node.index, node.tickToken, 0, null, null);
    }

    private void send(SimNode from, Address to, Message message, boolean reliable) {
        if (!from.isProcessing()) {
            return;
        }
        int bytes = sizeOf(message) + (reliable ? streamHeaderBytes : datagramHeaderBytes);
        from.packetsSent++;
        from.bytesSent += bytes;
        int type = typeIndex(message);
        packetsByType[type]++;
        bytesByType[type] += bytes;
        Integer target = indexByAddress.get(to);
        if (target == null || network.isCut(from.index, target)
                || (!reliable && network.drops(from.index, target, from.networkRandom))) {
            from.packetsDropped++;
            if (reliable) {
                queue.push(now + connectTimeoutNanos, RELIABLE_FAILED, from.index, from.generation, 0, message, to);
            }
            return;
        }
        if (reliable) {
            if (!nodes[target].isUp()) {
                // Nothing listens there: the connection attempt fails.
                from.packetsDropped++;
                queue.push(now + connectTimeoutNanos, RELIABLE_FAILED, from.index, from.generation, 0, message, to);
                return;
            }
            // A stream costs a handshake round trip before the data's one-way trip, and on a lossy
            // link TCP's resends of the packets lost on the way.
            int receiver = target;
            long delay = network.latencyNanos(from.index, target, from.networkRandom)
                    + network.latencyNanos(target, from.index, from.networkRandom)
                    + network.latencyNanos(from.index, target, from.networkRandom)
                    + TcpRetransmission.delayNanos(() -> network.drops(from.index, receiver, from.networkRandom),
                            () -> network.drops(receiver, from.index, from.networkRandom));
            queue.push(now + delay, DELIVER_RELIABLE, target, from.index, bytes, message,
                    new InFlight(to, from.generation));
        } else {
            queue.push(now + network.latencyNanos(from.index, target, from.networkRandom), DELIVER, target,
                    from.index, bytes, message, null);
        }
    }

    private int sizeOf(Message message) {
        int size = sizer.baseSizeOf(message);
        List<Gossip> gossip = message.gossip();
        for (int i = 0, n = gossip.size(); i < n; i++) {
            size += sizer.sizeOf(gossip.get(i));
        }
        return size;
    }

    private static int typeIndex(Message m) {
        if (m instanceof Message.Ping) {
            return 0;
        } else if (m instanceof Message.PingReq) {
            return 1;
        } else if (m instanceof Message.Ack) {
            return 2;
        } else if (m instanceof Message.Nack) {
            return 3;
        } else if (m instanceof Message.GossipPush) {
            return 4;
        }
        return 5; // a sync or a sync digest: both are anti-entropy
    }

    private void publish(SimNode observer, MembershipEvent event) {
        if (event instanceof MembershipEvent.LocalMemberDeclaredDead d && d.rejoined()) {
            // The engine rejoined under a new uid: from now on that is this node's current process,
            // and the old uid's life (as far as the cluster can tell) ends here.
            observer.id = d.member().id();
            ProcessLifetime old = lifetimes.get(observer.lifetimeIndex);
            lifetimes.set(observer.lifetimeIndex, new ProcessLifetime(old.id(), old.index(), old.startedAtNanos(),
                    now, false));
            observer.lifetimeIndex = lifetimes.size();
            lifetimes.add(new ProcessLifetime(d.member().id(), observer.index, now, Long.MAX_VALUE, false));
            lifetimeByUid.put(d.member().id().uid(), observer.lifetimeIndex);
            if (views != null) {
                views.forgetSubject(observer.index);
            }
        }
        if (views != null) {
            MemberId subjectId = event.member().id();
            Integer subject = indexByAddress.get(subjectId.address());
            if (subject != null && subject != observer.index) {
                MemberId current = nodes[subject].id;
                if (current != null && current.uid() == subjectId.uid()) {
                    views.record(observer.index, subject, event.member().status());
                }
            }
        }
        for (int i = 0, n = listeners.size(); i < n; i++) {
            listeners.get(i).onEvent(now, observer.index, event);
        }
        if (traceFilter.accept(observer.index, event)) {
            trace.add(new TraceEvent(now, observer.name, event));
        }
    }

    private void startProcess(SimNode node) {
        node.generation++;
        SplittableRandom idRandom = streams.fork(RandomStreams.IDENTITY, node.index, node.generation);
        // Larger generation, larger uid: a restart always outranks the process it replaces.
        long uid = ((long) (node.generation + 1) << 40) | (idRandom.nextLong() & ((1L << 40) - 1));
        MemberId id = new MemberId(node.name, node.address, uid);
        node.id = id;
        node.state = SimNode.UP;
        node.tickToken++;
        node.tickAtNanos = Long.MAX_VALUE;
        node.tickDeferred = false;
        node.backlog.clear();
        if (views != null) {
            views.resetProcess(node.index);
        }
        node.lifetimeIndex = lifetimes.size();
        lifetimes.add(new ProcessLifetime(id, node.index, now, Long.MAX_VALUE, false));
        lifetimeByUid.put(uid, node.lifetimeIndex);
        callingNode = node.index;
        SimulatedProtocol protocol = protocolFactory.create(settings, id, node.metadata,
                streams.fork(RandomStreams.ENGINE, node.index, node.generation), sizer, now);
        node.protocol = protocol;
        apply(node, protocol.start(now));
        List<Address> seeds = preformed && node.generation == 0 && !heldBack.get(node.index) ? List.of()
                : seedsFor(node);
        if (!seeds.isEmpty() && node.isProcessing()) {
            apply(node, protocol.join(seeds, now));
        }
    }

    /**
     * Hands every node the full state of the cluster, every member alive at incarnation 0, as if
     * each had just completed a sync with a member that knew everyone, but silently
     * ({@link SimulatedProtocol#preload}): no events, no gossip, no traffic. It stands for the join
     * that {@link Builder#preformed(boolean)} skips.
     */
    private void preform() {
        List<Gossip> everyone = new ArrayList<>(nodes.length);
        BitSet started = new BitSet(nodes.length);
        for (SimNode n : nodes) {
            if (n.id != null) {
                everyone.add(new Gossip(n.id, MemberStatus.ALIVE, 0, n.metadata, null));
                started.set(n.index);
            }
        }
        List<Gossip> state = List.copyOf(everyone);
        for (SimNode n : nodes) {
            if (!n.isProcessing()) {
                continue;
            }
            callingNode = n.index;
            apply(n, protocol(n).preload(state, now));
            if (views != null) {
                views.recordAllAlive(n.index, started);
            }
        }
    }

    /** The configured seeds other than the node itself; if that leaves none, one random up node. */
    private List<Address> seedsFor(SimNode node) {
        List<Address> seeds = new ArrayList<>(seedIndexes.length);
        for (int s : seedIndexes) {
            if (s != node.index) {
                seeds.add(nodes[s].address);
            }
        }
        if (seeds.isEmpty()) {
            List<Integer> up = new ArrayList<>();
            for (SimNode n : nodes) {
                if (n.isUp() && n.index != node.index) {
                    up.add(n.index);
                }
            }
            if (!up.isEmpty()) {
                seeds.add(nodes[up.get(scenarioRandom.nextInt(up.size()))].address);
            }
        }
        return seeds;
    }

    private void stop(SimNode node, int finalState) {
        node.state = finalState;
        node.tickToken++;
        node.tickAtNanos = Long.MAX_VALUE;
        node.tickDeferred = false;
        node.backlog.clear();
        ProcessLifetime l = lifetimes.get(node.lifetimeIndex);
        lifetimes.set(node.lifetimeIndex,
                new ProcessLifetime(l.id(), l.index(), l.startedAtNanos(), now, finalState == SimNode.LEFT));
    }

    private void guarded(SimNode node, Runnable call) {
        callingNode = node.index;
        try {
            call.run();
        } catch (SimulationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(e);
        } finally {
            callingNode = -1;
        }
    }

    private SimulationException failure(RuntimeException e) {
        String who = callingNode >= 0 ? nodes[callingNode].name + " (" + nodes[callingNode].id + ")" : "a scheduled action";
        return new SimulationException(who + " threw at virtual time " + String.format(java.util.Locale.ROOT, "%.6f",
                now / 1e9) + " s; replay with seed " + seed() + ": " + e, e);
    }

    private SimulatedProtocol protocol(SimNode node) {
        SimulatedProtocol p = node.protocol;
        if (p == null) {
            throw new IllegalStateException(node.name + " has not started yet");
        }
        return p;
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

    private ViewMatrix requireViews() {
        if (views == null) {
            throw new IllegalStateException("view tracking is off; enable Builder.trackViews(true)");
        }
        return views;
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
        private final BitSet notStarted = new BitSet();

        private Builder() {
        }

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
