package io.swimdiscovery.core.transport;

import java.util.List;

/**
 * Why a {@link NettyTransport} closed an inbound stream connection or dropped what it sent. The
 * transport reports each to {@link Transport.InboundHandler#onDropped}; the node counts them with
 * the packets it rejects (metric {@code swim.packets.rejected}, tag {@code reason}).
 */
public final class TransportDrops {

    /** More inbound connections were open than {@link TransportConfig#maxInboundConnections()}. */
    public static final String CONNECTION_LIMIT = "stream-connection-limit";
    /** A frame did not complete within {@link TransportConfig#frameReadTimeout()}. */
    public static final String READ_TIMEOUT = "stream-read-timeout";
    /** A frame announced more than {@link TransportConfig#maxFrameSize()} bytes (or a negative length). */
    public static final String FRAME_TOO_LARGE = "stream-frame-too-large";
    /** A frame announced a length of 0: no sender does that. */
    public static final String EMPTY_FRAME = "stream-empty-frame";
    /** Partial frames of all connections together held more than {@link TransportConfig#maxInboundStreamBytes()}. */
    public static final String STREAM_MEMORY = "stream-memory-budget";

    /** Every reason above, for registering meters before the first drop. */
    public static final List<String> ALL =
            List.of(CONNECTION_LIMIT, READ_TIMEOUT, FRAME_TOO_LARGE, EMPTY_FRAME, STREAM_MEMORY);

    private TransportDrops() {}
}
