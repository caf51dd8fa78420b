package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.RoleState;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * What a test or benchmark reads from a {@link Simulation}: the clock, the nodes and their
 * processes, the membership each node sees, the trace, the traffic counters; and the parts those
 * reads come from (nodes, scheduler, observer, network, processes), built from the builder and
 * wired to each other here. The base of
 * {@link Simulation}, package-private, so that the public type keeps every method in one place
 * for its callers while its source is split by job (reads here, faults in {@link SimulationFaults},
 * building and running in {@link Simulation}), as the JDK does with {@code AbstractStringBuilder}.
 */
abstract class SimulationQueries {

    final SimNode[] nodes;
    final Map<String, Integer> indexByName;
    final RandomStreams streams;
    final SwimSettings settings;
    final SimScheduler scheduler;
    final SimObserver observer;
    final SimNetwork network;
    final SimProcesses processes;

    /**
     * Builds the parts from the builder and wires them to each other, here because the final
     * fields are assigned only by the constructor of the class that declares them.
     */
    SimulationQueries(Simulation.Builder b) {
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
            checkIndex(s, nodes.length);
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

    /**
     * The processes, for the scheduler's callbacks, which are built before the processes exist (a
     * lambda may not read the final field before the constructor assigns it; they run only later).
     */
    private SimProcesses processes() {
        return processes;
    }

    final SimNode node(int index) {
        checkIndex(index, nodes.length);
        return nodes[index];
    }

    static void checkIndex(int index, int count) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("node index " + index + " outside 0.." + (count - 1));
        }
    }
}
