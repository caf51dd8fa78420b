package io.swimdiscovery.core.wire;

import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.PacketSizer;
import java.util.List;
import java.util.Map;

/**
 * Exact sizes from the codec, for the engine to fill datagrams with gossip. Never
 * under-estimates, in any encryption mode (docs/wire-format.md section 6):
 *
 * <pre>
 * encoded(m) = baseSizeOf(m) + Σ sizeOf(g) - slack
 * slack      = (maxOverhead - actual overhead) + (count reserve - varint size of the gossip count) ≥ 0
 * </pre>
 *
 * <p>{@link #baseSizeOf} counts the worse of the plaintext and sealed overheads (so a runtime
 * mode switch cannot overflow a datagram) and the gossip count at its widest legal varint.
 */
public final class WirePacketSizer implements PacketSizer {

    private final int plaintextOverhead;
    private final int maxOverhead;

    /** @param clusterName the label plaintext packets carry (its size is part of the overhead) */
    public WirePacketSizer(String clusterName) {
        int labelSize = WireSizes.string(clusterName);
        this.plaintextOverhead = WireSizes.plaintextOverhead(labelSize);
        this.maxOverhead = Math.max(plaintextOverhead, WireSizes.SEALED_OVERHEAD);
    }

    /** Exact bytes of {@code gossip} inside a message. */
    @Override
    public int sizeOf(Gossip gossip) {
        return WireSizes.gossip(gossip);
    }

    /**
     * Bytes of {@code message} as a whole packet with its gossip left out (whatever it holds),
     * with the worst-case packet overhead and the widest gossip count.
     */
    @Override
    public int baseSizeOf(Message message) {
        int countReserve = WireSizes.hasGossipList(message) ? WireSizes.varint(WireSizes.maxGossip(message)) : 0;
        return maxOverhead + WireSizes.fixedFields(message) + countReserve;
    }

    /** Header, label or nonce, and CRC or tag: the larger of the plaintext and sealed overheads. */
    public int maxOverhead() {
        return maxOverhead;
    }

    /** Exact length of the packet that would carry {@code message}, gossip included. */
    public int exactSizeOf(Message message, boolean sealed) {
        return exactSizeOf(List.of(message), sealed);
    }

    /** Exact length of the (compound, if more than one) packet that would carry {@code messages}. */
    public int exactSizeOf(List<Message> messages, boolean sealed) {
        return (sealed ? WireSizes.SEALED_OVERHEAD : plaintextOverhead) + WireSizes.body(messages);
    }

    /**
     * Encoded bytes of a metadata map (entry count, keys and values with their length prefixes),
     * the figure {@code SwimSettings.maxMetadataBytes()} bounds.
     */
    public static int metadataSize(Map<String, String> metadata) {
        return WireSizes.metadata(metadata);
    }
}
