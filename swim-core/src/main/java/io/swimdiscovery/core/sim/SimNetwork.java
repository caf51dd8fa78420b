package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.PacketSizer;
import io.swimdiscovery.core.protocol.TcpRetransmission;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The simulated network and each host's end of it: it decides whether and when a message arrives
 * (loss, latency, partitions and one-way cuts from {@link NetworkConditions}, TCP's handshake and
 * resends for streams), what a sender of a stream learns when it cannot be delivered, and it hands
 * what arrives to the receiving process, holding it while the process is paused or slow.
 *
 * <p>Two ways a stream fails, as on a real network: if nothing answers at the address (no such
 * host, a cut link, a {@linkplain Simulation#crash crashed} host) the sender's connect attempt times
 * out ({@code onReliableSendFailed} after the connect timeout); if the host is there but no process
 * listens (a {@linkplain Simulation#kill killed} process) the host refuses the connection
 * ({@code onConnectionRefused} after one round trip, the SYN and its RST). Datagrams to either
 * vanish: the ICMP port-unreachable a real host may send back is not modelled. A node that
 * {@linkplain Simulation#leave left} counts as a host gone, as it always did here, so the figures
 * of leave scenarios do not move.
 */
final class SimNetwork {

    /** A stream message in flight: where it goes and which process of the sender sent it. */
    private record InFlight(Address to, int senderGeneration) {}

    /** A message that reached a paused node, from the node at {@code from}. */
    private record Backlogged(Address from, Message message, int bytes) {}

    /** A stream failure (timed out or refused) that reached a paused node. */
    private record BackloggedFailure(Address to, Message message, boolean refused) {}

    private final SimNode[] nodes;
    private final Map<Address, Integer> indexByAddress;
    private final SimScheduler scheduler;
    private final SimObserver observer;
    private final NetworkConditions conditions;
    private final PacketSizer sizer;
    private final int datagramHeaderBytes;
    private final int streamHeaderBytes;
    private final long connectTimeoutNanos;
    private @Nullable SimProcesses processes;

    SimNetwork(
            SimNode[] nodes,
            Map<Address, Integer> indexByAddress,
            SimScheduler scheduler,
            SimObserver observer,
            NetworkConditions conditions,
            PacketSizer sizer,
            int datagramHeaderBytes,
            int streamHeaderBytes,
            long connectTimeoutNanos) {
        this.nodes = nodes;
        this.indexByAddress = indexByAddress;
        this.scheduler = scheduler;
        this.observer = observer;
        this.conditions = conditions;
        this.sizer = sizer;
        this.datagramHeaderBytes = datagramHeaderBytes;
        this.streamHeaderBytes = streamHeaderBytes;
        this.connectTimeoutNanos = connectTimeoutNanos;
    }

    /** The processes that handle what arrives; set once, right after both exist. */
    void attach(SimProcesses p) {
        this.processes = p;
    }

    NetworkConditions conditions() {
        return conditions;
    }

    // ------------------------------------------------------------------ sending

    /** {@code from}'s process hands a message to the network: count it, then lose, delay or route it. */
    void send(SimNode from, Address to, Message message, boolean reliable) {
        if (!from.isProcessing()) {
            return;
        }
        int bytes = sizeOf(message) + (reliable ? streamHeaderBytes : datagramHeaderBytes);
        from.packetsSent++;
        from.bytesSent += bytes;
        observer.sent(message, bytes);
        Integer target = indexByAddress.get(to);
        if (target == null
                || conditions.isCut(from.index, target)
                || (!reliable && conditions.drops(from.index, target, from.networkRandom))) {
            from.packetsDropped++;
            if (reliable) {
                connectTimedOut(from.index, from.generation, message, to);
            }
            return;
        }
        if (reliable) {
            SimNode receiver = nodes[target];
            if (!receiver.isUp()) {
                from.packetsDropped++;
                if (receiver.state == SimNode.KILLED) {
                    refused(from.index, from.generation, message, to, target);
                } else {
                    connectTimedOut(from.index, from.generation, message, to);
                }
                return;
            }
            // A stream costs a handshake round trip before the data's one-way trip, and on a lossy
            // link TCP's resends of the packets lost on the way.
            int r = target;
            long delay = conditions.latencyNanos(from.index, r, from.networkRandom)
                    + conditions.latencyNanos(r, from.index, from.networkRandom)
                    + conditions.latencyNanos(from.index, r, from.networkRandom)
                    + TcpRetransmission.delayNanos(
                            () -> conditions.drops(from.index, r, from.networkRandom),
                            () -> conditions.drops(r, from.index, from.networkRandom));
            scheduler.pushIn(
                    delay,
                    SimScheduler.DELIVER_RELIABLE,
                    r,
                    from.index,
                    bytes,
                    message,
                    new InFlight(to, from.generation));
        } else {
            scheduler.pushIn(
                    conditions.latencyNanos(from.index, target, from.networkRandom),
                    SimScheduler.DELIVER,
                    target,
                    from.index,
                    bytes,
                    message,
                    null);
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

    /** Nothing answered the SYN: the sender's connect attempt gives up after the connect timeout. */
    private void connectTimedOut(int sender, int generation, Message message, Address to) {
        scheduler.pushIn(connectTimeoutNanos, SimScheduler.RELIABLE_FAILED, sender, generation, 0, message, to);
    }

    /** The receiver's host answers the SYN with a reset: the sender learns it one round trip later. */
    private void refused(int sender, int generation, Message message, Address to, int host) {
        SimNode from = nodes[sender];
        long roundTrip = conditions.latencyNanos(sender, host, from.networkRandom)
                + conditions.latencyNanos(host, sender, from.networkRandom);
        scheduler.pushIn(roundTrip, SimScheduler.REFUSED, sender, generation, 0, message, to);
    }

    // ------------------------------------------------------------------ arriving

    /**
     * A {@link SimScheduler#DELIVER}, {@link SimScheduler#DELIVER_RELIABLE} or, after a slow
     * receiver's delay, {@link SimScheduler#PROCESS}/{@link SimScheduler#PROCESS_RELIABLE} event.
     */
    void arrive(int kind, int slot) {
        EventQueue q = scheduler.queue();
        SimNode node = nodes[q.node(slot)];
        boolean reliable = kind == SimScheduler.DELIVER_RELIABLE || kind == SimScheduler.PROCESS_RELIABLE;
        boolean firstArrival = kind == SimScheduler.DELIVER || kind == SimScheduler.DELIVER_RELIABLE;
        Message message = (Message) Objects.requireNonNull(q.payload(slot));
        int sender = q.aux(slot);
        int bytes = q.aux2(slot);
        if (!node.isUp()) {
            lost(node, sender, reliable, message, q.payload2(slot));
        } else if (node.slowNanos > 0 && firstArrival) {
            scheduler.pushIn(
                    node.slowNanos,
                    reliable ? SimScheduler.PROCESS_RELIABLE : SimScheduler.PROCESS,
                    node.index,
                    sender,
                    bytes,
                    message,
                    q.payload2(slot));
        } else if (node.state == SimNode.PAUSED) {
            node.backlog.add(new Backlogged(nodes[sender].address, message, bytes));
        } else {
            receive(node, nodes[sender].address, message, bytes);
        }
    }

    /**
     * The one place where a message reaches a node's protocol, with the address it came from (the
     * datagram's or the stream's source).
     */
    private void receive(SimNode node, Address from, Message message, int bytes) {
        node.packetsReceived++;
        node.bytesReceived += bytes;
        SimulatedProtocol protocol = processes().protocolOf(node);
        processes().apply(node, protocol.onMessage(from, message, node.localTime(scheduler.now())));
    }

    /**
     * A message reached a host whose process is gone: datagrams vanish; a stream's sender learns
     * of it, by a refusal if the host is there (killed process), by its connect timeout if not.
     */
    private void lost(SimNode receiver, int sender, boolean reliable, Message message, @Nullable Object inFlight) {
        if (sender >= 0) {
            nodes[sender].packetsDropped++;
        }
        if (reliable && inFlight instanceof InFlight f) {
            if (receiver.state == SimNode.KILLED) {
                refused(sender, f.senderGeneration(), message, f.to(), receiver.index);
            } else {
                connectTimedOut(sender, f.senderGeneration(), message, f.to());
            }
        }
    }

    /** A {@link SimScheduler#RELIABLE_FAILED} or {@link SimScheduler#REFUSED} event reaches the stream's sender. */
    void failed(int kind, int slot) {
        EventQueue q = scheduler.queue();
        SimNode node = nodes[q.node(slot)];
        if (q.aux(slot) != node.generation || !node.isUp()) {
            return; // the process that sent it is gone
        }
        Address to = (Address) Objects.requireNonNull(q.payload2(slot));
        Message message = (Message) Objects.requireNonNull(q.payload(slot));
        boolean refused = kind == SimScheduler.REFUSED;
        if (node.state == SimNode.PAUSED) {
            node.backlog.add(new BackloggedFailure(to, message, refused));
        } else {
            reportFailure(node, to, message, refused);
        }
    }

    private void reportFailure(SimNode node, Address to, Message message, boolean refused) {
        SimulatedProtocol protocol = processes().protocolOf(node);
        long now = node.localTime(scheduler.now());
        processes()
                .apply(
                        node,
                        refused
                                ? protocol.onConnectionRefused(to, message, now)
                                : protocol.onReliableSendFailed(to, message, now));
    }

    /** The node's pause ended: hand it what arrived meanwhile, in arrival order, while it keeps processing. */
    void deliverBacklog(SimNode node) {
        while (!node.backlog.isEmpty() && node.isProcessing()) {
            Object item = node.backlog.poll();
            if (item instanceof Backlogged b) {
                receive(node, b.from(), b.message(), b.bytes());
            } else if (item instanceof BackloggedFailure f) {
                reportFailure(node, f.to(), f.message(), f.refused());
            }
        }
    }

    private SimProcesses processes() {
        return Objects.requireNonNull(processes, "network not attached to the processes");
    }
}
