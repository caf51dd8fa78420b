package io.swimdiscovery.core.wire;

import io.swimdiscovery.core.protocol.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The plaintext codec: messages to packets (header, cluster label, body, CRC32C) and back, as
 * docs/wire-format.md specifies. Pure JDK, stateless, thread-safe.
 *
 * <p>Encoding sizes the output exactly first, so each packet costs one array and no copies.
 * Decoding is strictly bounded and never throws: every outcome is a {@link DecodeResult}. Nodes
 * use {@link PacketCodec}, which adds sealing and the encryption mode on top of this.
 */
public final class WireCodec {

    private final String clusterName;
    private final byte[] clusterUtf8;
    private final int labelSize;

    /**
     * @param clusterName written as the label of every plaintext packet; packets with another
     *     label are rejected with {@link RejectReason#CLUSTER_MISMATCH}. At most 255 UTF-8 bytes.
     */
    public WireCodec(String clusterName) {
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        this.clusterUtf8 = clusterName.getBytes(StandardCharsets.UTF_8);
        if (clusterUtf8.length > WireLimits.MAX_STRING_BYTES) {
            throw new IllegalArgumentException("cluster name is " + clusterUtf8.length + " UTF-8 bytes; at most "
                    + WireLimits.MAX_STRING_BYTES + " allowed");
        }
        this.labelSize = WireSizes.varint(clusterUtf8.length) + clusterUtf8.length;
    }

    public String clusterName() {
        return clusterName;
    }

    /**
     * Encodes one message as a plaintext packet.
     *
     * @throws IllegalArgumentException if the message exceeds a {@link WireLimits} bound
     */
    public byte[] encode(Message message) {
        return encode(List.of(message), 0);
    }

    /**
     * Encodes several messages as one compound packet (a single message if the list holds one).
     *
     * @throws IllegalArgumentException if the list is empty, longer than
     *     {@link WireLimits#MAX_COMPOUND_MESSAGES}, or a message exceeds a bound
     */
    public byte[] encode(List<Message> messages) {
        return encode(messages, 0);
    }

    /**
     * Decodes a plaintext datagram. A sealed packet is refused: this codec holds no keys.
     *
     * @return the messages, or the reason the packet was dropped; never throws for any content
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie within {@code buf}
     */
    public DecodeResult decode(byte[] buf, int off, int len) {
        return decode(buf, off, len, WireLimits.MAX_DATAGRAM_BYTES);
    }

    /** As {@link #decode(byte[], int, int)}, with a packet size limit of {@code maxBytes}. */
    public DecodeResult decode(byte[] buf, int off, int len, int maxBytes) {
        if (len > maxBytes) {
            return new DecodeResult.Rejected(RejectReason.TOO_LARGE, len + " bytes, limit " + maxBytes);
        }
        // The range is the caller's contract, not the packet's: a wrong one is a bug to surface.
        Objects.checkFromIndexSize(off, len, buf.length);
        try {
            int flags = WireFormat.readHeader(buf, off, len, maxBytes);
            if ((flags & WireFormat.FLAG_SEALED) != 0) {
                return new DecodeResult.Rejected(RejectReason.SEALED_REFUSED, "sealed packet, no keys configured");
            }
            return new DecodeResult.Decoded(decodeAfterHeader(buf, off, len, flags));
        } catch (MalformedPacketException e) {
            return e.toResult();
        } catch (RuntimeException e) {
            return codecBug(e);
        }
    }

    static DecodeResult.Rejected codecBug(RuntimeException e) {
        return new DecodeResult.Rejected(RejectReason.CODEC_BUG, String.valueOf(e));
    }

    /** Plaintext packet size for these messages: header, label, body, CRC. */
    int encodedSize(List<Message> messages) {
        return WireSizes.plaintextOverhead(labelSize) + WireSizes.body(messages);
    }

    int labelSize() {
        return labelSize;
    }

    byte[] clusterUtf8() {
        return clusterUtf8.clone();
    }

    /** Encodes a plaintext packet at {@code prefix}; the bytes before it are left for the caller. */
    byte[] encode(List<Message> messages, int prefix) {
        checkCount(messages);
        int bodySize = WireSizes.body(messages);
        int packetSize = WireSizes.plaintextOverhead(labelSize) + bodySize;
        byte[] out = new byte[prefix + packetSize];
        WireFormat.writeHeader(out, prefix, messages.size() > 1 ? WireFormat.FLAG_COMPOUND : 0);
        WireWriter w = new WireWriter(out, prefix + WireFormat.HEADER_BYTES);
        w.varint(clusterUtf8.length);
        System.arraycopy(clusterUtf8, 0, out, w.position(), clusterUtf8.length);
        w = new WireWriter(out, prefix + WireFormat.HEADER_BYTES + labelSize);
        w.body(messages);
        int crcAt = prefix + packetSize - WireFormat.CRC_BYTES;
        if (w.position() != crcAt) {
            throw new IllegalStateException(
                    "size and encoding disagree: wrote " + (w.position() - prefix) + " of " + packetSize + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(out, prefix, packetSize - WireFormat.CRC_BYTES);
        writeInt(out, crcAt, (int) crc.getValue());
        return out;
    }

    static void checkCount(List<Message> messages) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a packet needs at least one message");
        }
        if (messages.size() > WireLimits.MAX_COMPOUND_MESSAGES) {
            throw new IllegalArgumentException(messages.size() + " messages in one packet; at most "
                    + WireLimits.MAX_COMPOUND_MESSAGES + " allowed");
        }
    }

    /** Checks CRC and label of a plaintext packet whose header is valid, then decodes its body. */
    List<Message> decodeAfterHeader(byte[] buf, int off, int len, int flags) {
        int minimum = WireFormat.HEADER_BYTES + 1 + WireFormat.CRC_BYTES;
        if (len < minimum) {
            throw new MalformedPacketException(
                    RejectReason.TRUNCATED, len + " bytes, a plaintext packet needs " + minimum + " or more");
        }
        int crcAt = off + len - WireFormat.CRC_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(buf, off, len - WireFormat.CRC_BYTES);
        int expected = readInt(buf, crcAt);
        if ((int) crc.getValue() != expected) {
            throw new MalformedPacketException(
                    RejectReason.BAD_CRC,
                    String.format("crc32c 0x%08x, packet says 0x%08x", (int) crc.getValue(), expected));
        }
        WireReader r = new WireReader(buf, off + WireFormat.HEADER_BYTES, crcAt);
        @Nullable String other = r.mismatchedLabel(clusterUtf8);
        if (other != null) {
            throw new MalformedPacketException(
                    RejectReason.CLUSTER_MISMATCH, "packet of cluster '" + other + "', this is '" + clusterName + "'");
        }
        return r.body((flags & WireFormat.FLAG_COMPOUND) != 0);
    }

    static void writeInt(byte[] buf, int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    static int readInt(byte[] buf, int at) {
        return ((buf[at] & 0xFF) << 24)
                | ((buf[at + 1] & 0xFF) << 16)
                | ((buf[at + 2] & 0xFF) << 8)
                | (buf[at + 3] & 0xFF);
    }
}
