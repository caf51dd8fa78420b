package io.swimdiscovery.core.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a {@link NettyTransport} binds and the bounds it enforces.
 *
 * @param bindHost IP (or name) to bind UDP and TCP to; {@code 0.0.0.0} or {@code ::} for all
 * @param bindPort port for both UDP and TCP; 0 picks one free for both
 * @param maxDatagramSize largest datagram received; larger ones are truncated by the OS and then
 *     rejected by the codec
 * @param maxFrameSize largest stream frame sent or accepted; a peer announcing more is disconnected
 * @param connectTimeout how long a stream send may wait for the TCP connection
 * @param idleTimeout an inbound stream connection silent this long is closed, so a peer that
 *     connects and sends nothing cannot hold a socket forever; also bounds a stuck write
 */
public record TransportConfig(String bindHost, int bindPort, int maxDatagramSize, int maxFrameSize,
        Duration connectTimeout, Duration idleTimeout) {

    /** 16 MiB: a full state of tens of thousands of members fits, a hostile length prefix does not. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 16 * 1024 * 1024;

    /** The largest UDP payload over IPv4. */
    public static final int MAX_UDP_PAYLOAD = 65_507;

    public TransportConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        if (bindPort < 0 || bindPort > 65_535) {
            throw new IllegalArgumentException("bindPort must be 0..65535, was " + bindPort);
        }
        if (maxDatagramSize < 512 || maxDatagramSize > MAX_UDP_PAYLOAD) {
            throw new IllegalArgumentException("maxDatagramSize must be 512.." + MAX_UDP_PAYLOAD + ", was "
                    + maxDatagramSize);
        }
        if (maxFrameSize < 512) {
            throw new IllegalArgumentException("maxFrameSize must be >= 512, was " + maxFrameSize);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
    }

    /** Defaults: 64 KiB datagrams, 16 MiB frames, 2 s connect timeout, 10 s idle close. */
    public static TransportConfig of(String bindHost, int bindPort) {
        return new TransportConfig(bindHost, bindPort, MAX_UDP_PAYLOAD, DEFAULT_MAX_FRAME_SIZE,
                Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    public TransportConfig withMaxFrameSize(int v) {
        return new TransportConfig(bindHost, bindPort, maxDatagramSize, v, connectTimeout, idleTimeout);
    }

    public TransportConfig withConnectTimeout(Duration v) {
        return new TransportConfig(bindHost, bindPort, maxDatagramSize, maxFrameSize, v, idleTimeout);
    }

    public TransportConfig withIdleTimeout(Duration v) {
        return new TransportConfig(bindHost, bindPort, maxDatagramSize, maxFrameSize, connectTimeout, v);
    }
}
