package io.swimdiscovery.core.wire;

import static io.swimdiscovery.core.wire.WireFixtures.bytes;
import static io.swimdiscovery.core.wire.WireFixtures.plaintextPacket;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The decoder's memory stays proportional to the packet: hostile packets packed with the smallest
 * items the format allows (each turning into several objects) allocate a bounded multiple of
 * their own size, and claims of huge counts allocate nothing.
 */
class DecoderAllocationTests {

    /** Measured worst case: about 23 bytes of heap per packet byte (tiny metadata entries). */
    private static final int MAX_BYTES_ALLOCATED_PER_PACKET_BYTE = 32;

    private final WireCodec codec = new WireCodec(WireFixtures.CLUSTER);

    @Test
    void datagramFullOfSmallestGossipItems_allocatesABoundedMultipleOfItsSize() {
        int items = 3_800;
        WireFixtures.Bytes body =
                bytes().u8(WireFormat.TYPE_SYNC).memberId().u8(0).varint(items);
        for (int i = 0; i < items; i++) {
            body.u8(1, 'a' + i % 26, 1, 'h', 0, 1).u64(i).u8(0, 0, 0);
        }
        assertDecodesWithinBound(plaintextPacket(0, body.toArray()));
    }

    @Test
    void datagramFullOfSmallestMetadataEntries_allocatesABoundedMultipleOfItsSize() {
        WireFixtures.Bytes body =
                bytes().u8(WireFormat.TYPE_GOSSIP_PUSH).memberId().varint(250);
        for (int g = 0; g < 250; g++) {
            body.memberId().u8(0).varint(1).varint(64);
            for (int e = 0; e < 64; e++) {
                body.u8(1, 0x30 + e, 0);
            }
        }
        assertDecodesWithinBound(plaintextPacket(0, body.toArray()));
    }

    @Test
    void claimOfHugeCounts_isRejectedWithoutAllocatingForThem() {
        byte[] packet = plaintextPacket(
                0,
                bytes().u8(WireFormat.TYPE_SYNC).memberId().u8(0).varint(65_536).toArray());
        codec.decode(packet, 0, packet.length); // warm up class loading and string concatenation
        long before = allocated();

        DecodeResult result = codec.decode(packet, 0, packet.length);

        assertThat(allocated() - before).isLessThan(4_096);
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
    }

    private void assertDecodesWithinBound(byte[] packet) {
        codec.decode(packet, 0, packet.length); // warm up class loading
        long before = allocated();
        DecodeResult result = codec.decode(packet, 0, packet.length);
        long used = allocated() - before;

        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        assertThat(used)
                .as("%d bytes allocated for a %d-byte packet", used, packet.length)
                .isLessThan((long) packet.length * MAX_BYTES_ALLOCATED_PER_PACKET_BYTE);
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
