package io.swimdiscovery.core.transport;

import io.swimdiscovery.core.protocol.Address;
import java.util.concurrent.CompletableFuture;

/**
 * Moves opaque packets between members: best-effort datagrams for probes and gossip, and
 * length-prefixed frames over a reliable stream for full-state syncs and packets too large for
 * one datagram. Knows bytes and addresses, never protocol messages, so the codec stays a seam the
 * node owns and tests can put a fault-injecting decorator in between.
 *
 * <p>Inbound packets go to the {@link InboundHandler} given when the transport was bound, on a
 * transport thread; the handler must hand them off quickly (the node queues them on its loop).
 */
public interface Transport extends AutoCloseable {

    /** Where this transport listens: the bound IP and the actual port (never 0 once bound). */
    Address localAddress();

    /**
     * Sends {@code packet} as one datagram. Best effort: loss, an unreachable peer or a full socket
     * buffer are silent, as they would be on the network anyway.
     */
    void sendDatagram(Address to, byte[] packet);

    /**
     * Sends {@code packet} as one frame on a stream connection. Completes when the frame was
     * written; completes exceptionally if the peer could not be reached within the connect timeout,
     * the write failed or the frame is larger than the frame limit.
     */
    CompletableFuture<Void> sendStream(Address to, byte[] packet);

    /** Releases the sockets; idempotent, bounded in time. Nothing is delivered afterwards. */
    @Override
    void close();

    /** Receives what arrives, on a transport thread. Must not block. */
    interface InboundHandler {

        /** One datagram from {@code from} (the sender's socket address). */
        void onDatagram(Address from, byte[] packet);

        /** One stream frame, without its length prefix; {@code from} is the connecting socket. */
        void onStream(Address from, byte[] packet);

        /**
         * The transport closed an inbound connection or dropped what it sent, for {@code reason}
         * (one of {@link TransportDrops#ALL}). Called on a transport thread; must not block.
         */
        default void onDropped(String reason) {}
    }
}
