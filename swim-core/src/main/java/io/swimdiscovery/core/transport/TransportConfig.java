package io.swimdiscovery.core.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a {@link NettyTransport} binds and the bounds it enforces. Every drop a bound causes is
 * reported to the node and counted under a {@link TransportDrops} reason.
 *
 * @param bindHost IP (or name) to bind UDP and TCP to; {@code 0.0.0.0} or {@code ::} for all
 * @param bindPort port for both UDP and TCP; 0 picks one free for both
 * @param maxDatagramSize largest datagram received; larger ones are truncated by the OS and then
 *     rejected by the codec
 * @param maxFrameSize largest stream frame payload sent or accepted, not counting its 4-byte length
 *     prefix (sender and receiver check the same number); a peer announcing more is disconnected
 * @param connectTimeout how long a stream send may wait for the TCP connection
 * @param idleTimeout an inbound stream connection silent this long is closed, so a peer that
 *     connects and sends nothing cannot hold a socket forever; also bounds a stuck write
 * @param maxInboundConnections most inbound stream connections open at once; more are closed at accept
 * @param frameReadTimeout a frame must arrive whole within this time of its connection's accept or
 *     previous frame, so a peer that trickles a byte at a time cannot hold a connection open
 * @param maxInboundStreamBytes most bytes all inbound connections together may buffer for frames not
 *     yet complete; the connection that would exceed it is closed. At least {@code maxFrameSize + 4}
 */
public record TransportConfig(
        String bindHost,
        int bindPort,
        int maxDatagramSize,
        int maxFrameSize,
        Duration connectTimeout,
        Duration idleTimeout,
        int maxInboundConnections,
        Duration frameReadTimeout,
        long maxInboundStreamBytes) {

    /** 16 MiB: a full state of tens of thousands of members fits, a hostile length prefix does not. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 16 * 1024 * 1024;

    /** The largest UDP payload over IPv4. */
    public static final int MAX_UDP_PAYLOAD = 65_507;

    /** 128, as memberlist caps concurrent push-pulls: syncs are rare, so this many means a flood. */
    public static final int DEFAULT_MAX_INBOUND_CONNECTIONS = 128;

    /** 64 MiB: four full 16 MiB frames, or dozens of ordinary syncs, in flight at once. */
    public static final long DEFAULT_MAX_INBOUND_STREAM_BYTES = 64L * 1024 * 1024;

    public TransportConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        if (bindPort < 0 || bindPort > 65_535) {
            throw new IllegalArgumentException("bindPort must be 0..65535, was " + bindPort);
        }
        if (maxDatagramSize < 512 || maxDatagramSize > MAX_UDP_PAYLOAD) {
            throw new IllegalArgumentException(
                    "maxDatagramSize must be 512.." + MAX_UDP_PAYLOAD + ", was " + maxDatagramSize);
        }
        if (maxFrameSize < 512 || maxFrameSize > Integer.MAX_VALUE - 4) {
            throw new IllegalArgumentException(
                    "maxFrameSize must be 512.." + (Integer.MAX_VALUE - 4) + ", was " + maxFrameSize);
        }
        positive(connectTimeout, "connectTimeout");
        positive(idleTimeout, "idleTimeout");
        positive(frameReadTimeout, "frameReadTimeout");
        if (maxInboundConnections < 1) {
            throw new IllegalArgumentException("maxInboundConnections must be positive, was " + maxInboundConnections);
        }
        if (maxInboundStreamBytes < maxFrameSize + 4L) {
            throw new IllegalArgumentException("maxInboundStreamBytes must hold one whole frame (maxFrameSize + 4 = "
                    + (maxFrameSize + 4L) + "), was " + maxInboundStreamBytes);
        }
    }

    private static void positive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /**
     * Defaults: 64 KiB datagrams, 16 MiB frames, 2 s connect timeout, 10 s idle close, 128 inbound
     * connections, 10 s to read a frame, 64 MiB of partial frames.
     */
    public static TransportConfig of(String bindHost, int bindPort) {
        return new TransportConfig(
                bindHost,
                bindPort,
                MAX_UDP_PAYLOAD,
                DEFAULT_MAX_FRAME_SIZE,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                DEFAULT_MAX_INBOUND_CONNECTIONS,
                Duration.ofSeconds(10),
                DEFAULT_MAX_INBOUND_STREAM_BYTES);
    }

    /** Sets the frame limit, and raises the stream memory budget if it could not hold one such frame. */
    public TransportConfig withMaxFrameSize(int v) {
        return new TransportConfig(
                bindHost,
                bindPort,
                maxDatagramSize,
                v,
                connectTimeout,
                idleTimeout,
                maxInboundConnections,
                frameReadTimeout,
                Math.max(maxInboundStreamBytes, v + 4L));
    }

    public TransportConfig withConnectTimeout(Duration v) {
        return new TransportConfig(
                bindHost,
                bindPort,
                maxDatagramSize,
                maxFrameSize,
                v,
                idleTimeout,
                maxInboundConnections,
                frameReadTimeout,
                maxInboundStreamBytes);
    }

    public TransportConfig withIdleTimeout(Duration v) {
        return new TransportConfig(
                bindHost,
                bindPort,
                maxDatagramSize,
                maxFrameSize,
                connectTimeout,
                v,
                maxInboundConnections,
                frameReadTimeout,
                maxInboundStreamBytes);
    }

    public TransportConfig withMaxInboundConnections(int v) {
        return new TransportConfig(
                bindHost,
                bindPort,
                maxDatagramSize,
                maxFrameSize,
                connectTimeout,
                idleTimeout,
                v,
                frameReadTimeout,
                maxInboundStreamBytes);
    }

    public TransportConfig withFrameReadTimeout(Duration v) {
        return new TransportConfig(
                bindHost,
                bindPort,
                maxDatagramSize,
                maxFrameSize,
                connectTimeout,
                idleTimeout,
                maxInboundConnections,
                v,
                maxInboundStreamBytes);
    }

    public TransportConfig withMaxInboundStreamBytes(long v) {
        return new TransportConfig(
                bindHost,
                bindPort,
                maxDatagramSize,
                maxFrameSize,
                connectTimeout,
                idleTimeout,
                maxInboundConnections,
                frameReadTimeout,
                v);
    }
}
