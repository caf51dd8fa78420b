package io.swimdiscovery.benchmarks.real;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.transport.Transport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what every node hands to the network, as the wire sees it: each datagram costs its
 * payload plus 28 bytes of IPv4 and UDP header (how the memberlist figure we compare with was
 * counted), each stream frame its 4-byte length prefix, payload and one 40-byte IPv4+TCP header
 * (the handshake and teardown segments of its short connection are not counted).
 */
final class TrafficMeter {

    static final int UDP_IP_HEADER = 28;
    static final int TCP_IP_HEADER = 40;
    static final int FRAME_PREFIX = 4;

    final LongAdder packets = new LongAdder();
    final LongAdder bytes = new LongAdder();

    /** Counters now, for a difference over a window. */
    record Reading(long packets, long bytes) {}

    Reading read() {
        return new Reading(packets.sum(), bytes.sum());
    }

    Transport wrap(Transport delegate) {
        return new Transport() {
            @Override
            public Address localAddress() {
                return delegate.localAddress();
            }

            @Override
            public void sendDatagram(Address to, byte[] packet) {
                packets.increment();
                bytes.add(packet.length + UDP_IP_HEADER);
                delegate.sendDatagram(to, packet);
            }

            @Override
            public CompletableFuture<Void> sendStream(Address to, byte[] packet) {
                packets.increment();
                bytes.add(packet.length + FRAME_PREFIX + TCP_IP_HEADER);
                return delegate.sendStream(to, packet);
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }
}
