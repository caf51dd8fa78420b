package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.Message;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What the simulation records for its caller: the membership events (trace and listeners), every
 * node's view of every other, and the traffic counters by message type; and the convergence check
 * that reads those views. It changes nothing in the cluster.
 */
final class SimObserver {

    private static final String[] MESSAGE_TYPES = {"Ping", "PingReq", "Ack", "Nack", "GossipPush", "Sync"};

    private final SimNode[] nodes;
    private final Map<Address, Integer> indexByAddress;
    private final TraceFilter traceFilter;
    private final List<TraceListener> listeners;
    private final @Nullable ViewMatrix views;
    /** Nodes the builder held back: not started, and not expected to be, until the caller starts them. */
    private final BitSet heldBack;

    private final LongSupplier clock;
    private final ArrayList<TraceEvent> trace = new ArrayList<>();
    private final long[] packetsByType = new long[MESSAGE_TYPES.length];
    private final long[] bytesByType = new long[MESSAGE_TYPES.length];
    private int largestMessageBytes;
    private String largestMessageType = "";

    SimObserver(
            SimNode[] nodes,
            Map<Address, Integer> indexByAddress,
            TraceFilter traceFilter,
            List<TraceListener> listeners,
            boolean trackViews,
            BitSet heldBack,
            LongSupplier clock) {
        this.nodes = nodes;
        this.indexByAddress = indexByAddress;
        this.traceFilter = traceFilter;
        this.listeners = List.copyOf(listeners);
        this.views = trackViews ? new ViewMatrix(nodes.length) : null;
        this.heldBack = (BitSet) heldBack.clone();
        this.clock = clock;
    }

    boolean isHeldBack(int index) {
        return heldBack.get(index);
    }

    // ------------------------------------------------------------------ recording

    /** A node published a membership event: update its view, tell the listeners, keep it if the filter says so. */
    void publish(SimNode observer, MembershipEvent event) {
        long now = clock.getAsLong();
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

    /** A new process started on the node: nobody has published anything about it yet. */
    void processStarted(SimNode node) {
        if (views != null) {
            views.resetProcess(node.index);
        }
    }

    /** The node's process took a new uid (a rejoin): it keeps its own view, nobody knows the new uid yet. */
    void processRenamed(SimNode node) {
        if (views != null) {
            views.forgetSubject(node.index);
        }
    }

    /** The node was handed the whole cluster silently ({@link Simulation.Builder#preformed}). */
    void preloaded(SimNode node, BitSet started) {
        if (views != null) {
            views.recordAllAlive(node.index, started);
        }
    }

    /** Counts a message handed to the network, by type. */
    void sent(Message message, int bytes) {
        int type = typeIndex(message);
        packetsByType[type]++;
        bytesByType[type] += bytes;
        if (bytes > largestMessageBytes) {
            largestMessageBytes = bytes;
            largestMessageType = message.getClass().getSimpleName();
        }
    }

    /** Bytes of the largest message any node sent so far (headers included), 0 if none. */
    int largestMessageBytes() {
        return largestMessageBytes;
    }

    /** Type of that message ({@code Sync}, {@code GossipPush}, ...), empty if none. */
    String largestMessageType() {
        return largestMessageType;
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

    // ------------------------------------------------------------------ reading

    List<TraceEvent> trace() {
        return trace;
    }

    void clearTrace() {
        trace.clear();
        trace.trimToSize();
    }

    NodeTraffic totalTraffic() {
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

    Map<String, Long> packetsSentByType() {
        return byType(packetsByType);
    }

    Map<String, Long> bytesSentByType() {
        return byType(bytesByType);
    }

    private static Map<String, Long> byType(long[] counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < MESSAGE_TYPES.length; i++) {
            m.put(MESSAGE_TYPES[i], counts[i]);
        }
        return m;
    }

    @Nullable
    MemberStatus view(int observer, int subject) {
        byte code = requireViews().get(observer, subject);
        return code == ViewMatrix.UNKNOWN ? null : MemberStatus.values()[code - 1];
    }

    int observersSeeing(int subject, MemberStatus status) {
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
     * Every node has started (but those held back), every up node lists every other up node as
     * alive, and no up node lists a stopped node as alive. O(n · stopped nodes).
     */
    boolean isConverged() {
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

    private ViewMatrix requireViews() {
        if (views == null) {
            throw new IllegalStateException("view tracking is off; enable Builder.trackViews(true)");
        }
        return views;
    }
}
