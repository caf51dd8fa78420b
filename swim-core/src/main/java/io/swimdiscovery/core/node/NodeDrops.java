package io.swimdiscovery.core.node;

import java.util.List;

/**
 * Every reason a node counts under {@link NodeStatistics#dropped()}: work a node bound refused,
 * as opposed to packets ({@link PacketRejections}) and news ({@code ProtocolCounters}). A key is
 * {@code <thing>.<reason>}; metrics show it as {@code swim.<thing>.dropped} tagged {@code
 * reason=<reason>}, and register every key at start.
 */
public final class NodeDrops {

    /**
     * A full-state sync not sent, or a sync digest not answered, because {@link
     * SwimNode.Builder#maxConcurrentSyncs(int)} full states were already being sent.
     */
    public static final String SYNC_CONCURRENCY_LIMIT = "sync.concurrency-limit";

    /**
     * A membership event not delivered because the listener backlog was full and a later event
     * about the same member replaced it (listeners see each member's latest change).
     */
    public static final String LISTENER_EVENTS_COALESCED = "listener.events.coalesced";

    /** A membership event not delivered: the listener backlog was full, with nothing pending about its member. */
    public static final String LISTENER_EVENTS_BACKLOG_FULL = "listener.events.backlog-full";

    private static final List<String> ALL =
            List.of(SYNC_CONCURRENCY_LIMIT, LISTENER_EVENTS_COALESCED, LISTENER_EVENTS_BACKLOG_FULL);

    private NodeDrops() {}

    /** All keys, in a stable order. */
    public static List<String> knownKeys() {
        return ALL;
    }
}
