package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.MemberId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a test does to a {@link Simulation}'s nodes and network: start, crash, kill, restart,
 * pause and slow nodes, set loss and latency, cut and heal links, leave, publish metadata, yield
 * the role. Each operation checks the node's state first and fails with a message naming it. A
 * package-private layer of {@link Simulation} (see {@link SimulationQueries} for why).
 */
abstract class SimulationFaults extends SimulationQueries {

    SimulationFaults(Simulation.Builder b) {
        super(b);
    }

    /** Starts a node the builder held back ({@link Simulation.Builder#notStarted}); it joins through the seeds. */
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

    private BitSet bits(Collection<Integer> indexes) {
        BitSet b = new BitSet(nodes.length);
        for (int i : indexes) {
            b.set(node(i).index);
        }
        return b;
    }
}
