package io.swimdiscovery.core.node;

import io.swimdiscovery.core.transport.TransportDrops;
import io.swimdiscovery.core.wire.RejectReason;
import java.util.ArrayList;
import java.util.List;

/**
 * Every reason a node counts under {@link NodeStatistics#rejectedPackets()}: the codec's
 * ({@link RejectReason}), the transport's ({@link TransportDrops}) and the node's own. Metrics
 * register a series for each at start, so a dashboard shows zeros rather than no series at all.
 */
public final class PacketRejections {

    /** The protocol thread's queue of inbound datagrams (or stream frames) was full. */
    public static final String INBOUND_QUEUE_FULL = "inbound-queue-full";
    /** A message peers send only over a stream arrived in a datagram. */
    public static final String STREAM_ONLY_IN_DATAGRAM = "stream-only-in-datagram";
    /** The engine threw on a message (a bug, logged at a bounded rate). */
    public static final String ENGINE_ERROR = "engine-error";

    private static final List<String> ALL = all();

    private PacketRejections() {}

    /** All known reason labels, in a stable order. */
    public static List<String> knownReasons() {
        return ALL;
    }

    private static List<String> all() {
        List<String> out = new ArrayList<>();
        for (RejectReason r : RejectReason.values()) {
            out.add(r.label());
        }
        out.addAll(TransportDrops.ALL);
        out.add(INBOUND_QUEUE_FULL);
        out.add(STREAM_ONLY_IN_DATAGRAM);
        out.add(ENGINE_ERROR);
        return List.copyOf(out);
    }
}
