package io.swimdiscovery.core.wire;

import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.security.Keyring;
import java.util.List;
import java.util.Objects;

/**
 * The one seam between the node runtime and the bytes on the network: encodes messages into
 * packets (plaintext or sealed, per the {@link EncryptionMode}) and decodes received packets,
 * enforcing the mode. Datagrams and stream frames share the format and differ only in their size
 * limit.
 *
 * <p>Thread-safe. The mode can be switched while the node runs ({@link #setMode}) and the keyring
 * rotated in place, so encryption can be rolled out or keys rotated without a restart.
 */
public final class PacketCodec {

    private final WireCodec plaintext;
    private final Keyring keyring;
    private final int maxPacketSize;
    private final WirePacketSizer sizer;
    /** Associated data of sealed packets: header bytes then the cluster name, one per flag set. */
    private final byte[] aadSingle;

    private final byte[] aadCompound;
    private volatile EncryptionMode mode;

    /**
     * @param clusterName label of plaintext packets and associated data of sealed ones
     * @param keyring keys to seal and open with; may be empty in {@link EncryptionMode#NONE}
     * @param mode what to send and what to accept
     * @param maxPacketSize the datagram budget ({@code SwimSettings.maxPacketSize()}); larger
     *     packets go over a stream, see {@link #fitsDatagram}
     * @throws IllegalArgumentException if the cluster name is too long, the budget is out of
     *     range, or the mode needs a key the keyring lacks
     */
    public PacketCodec(String clusterName, Keyring keyring, EncryptionMode mode, int maxPacketSize) {
        this.plaintext = new WireCodec(clusterName);
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        if (maxPacketSize < 64 || maxPacketSize > WireLimits.MAX_DATAGRAM_BYTES) {
            throw new IllegalArgumentException(
                    "maxPacketSize must be 64.." + WireLimits.MAX_DATAGRAM_BYTES + ", was " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
        this.sizer = new WirePacketSizer(clusterName);
        this.aadSingle = associatedData(WireFormat.FLAG_SEALED, plaintext.clusterUtf8());
        this.aadCompound = associatedData(WireFormat.FLAG_SEALED | WireFormat.FLAG_COMPOUND, plaintext.clusterUtf8());
        setMode(mode);
    }

    public String clusterName() {
        return plaintext.clusterName();
    }

    public Keyring keyring() {
        return keyring;
    }

    public EncryptionMode mode() {
        return mode;
    }

    /**
     * Switches the mode at runtime; the next packet sent or received follows it.
     *
     * @throws IllegalArgumentException if the mode seals and the keyring has no key
     */
    public void setMode(EncryptionMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (mode != EncryptionMode.NONE && !keyring.canSeal()) {
            throw new IllegalArgumentException("encryption mode " + mode + " needs a key; the keyring is empty");
        }
        this.mode = mode;
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    /** The exact sizer for this cluster name, never under-estimating in any mode. */
    public WirePacketSizer sizer() {
        return sizer;
    }

    /** Whether an encoded packet fits the datagram budget; if not, send it over a stream. */
    public boolean fitsDatagram(byte[] packet) {
        return packet.length <= maxPacketSize;
    }

    /** Encodes one message as a packet for a datagram (or a stream frame body). */
    public byte[] encode(Message message) {
        return encode(List.of(message), 0);
    }

    /** Encodes several messages as one compound packet. */
    public byte[] encode(List<Message> messages) {
        return encode(messages, 0);
    }

    /**
     * Encodes a whole stream frame: the 4-byte big-endian length, then the packet.
     *
     * @throws IllegalArgumentException if the packet exceeds {@link WireLimits#MAX_STREAM_FRAME_BYTES}
     */
    public byte[] encodeStream(Message message) {
        byte[] frame = encode(List.of(message), WireFormat.FRAME_PREFIX_BYTES);
        int body = frame.length - WireFormat.FRAME_PREFIX_BYTES;
        if (body > WireLimits.MAX_STREAM_FRAME_BYTES) {
            throw new IllegalArgumentException(
                    "stream frame of " + body + " bytes over the limit of " + WireLimits.MAX_STREAM_FRAME_BYTES);
        }
        WireCodec.writeInt(frame, 0, body);
        return frame;
    }

    /**
     * Decodes a datagram (at most {@link WireLimits#MAX_DATAGRAM_BYTES}).
     *
     * @return the messages, or the reason the packet was dropped; never throws for any content
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie within {@code buf}
     */
    public DecodeResult decode(byte[] buf, int off, int len) {
        return decode(buf, off, len, WireLimits.MAX_DATAGRAM_BYTES);
    }

    /**
     * Decodes a stream frame body, the bytes after the 4-byte length prefix (at most
     * {@link WireLimits#MAX_STREAM_FRAME_BYTES}).
     *
     * @return the messages, or the reason the frame was dropped; never throws for any content
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie within {@code buf}
     */
    public DecodeResult decodeStream(byte[] buf, int off, int len) {
        return decode(buf, off, len, WireLimits.MAX_STREAM_FRAME_BYTES);
    }

    private byte[] encode(List<Message> messages, int prefix) {
        if (mode == EncryptionMode.NONE) {
            return plaintext.encode(messages, prefix);
        }
        WireCodec.checkCount(messages);
        int bodySize = WireSizes.body(messages);
        int flags = WireFormat.FLAG_SEALED | (messages.size() > 1 ? WireFormat.FLAG_COMPOUND : 0);
        byte[] out = new byte[prefix + WireSizes.SEALED_OVERHEAD + bodySize];
        WireFormat.writeHeader(out, prefix, flags);
        int nonceAt = prefix + WireFormat.HEADER_BYTES;
        WireWriter w = new WireWriter(out, nonceAt + Keyring.NONCE_BYTES);
        w.body(messages);
        keyring.seal((flags & WireFormat.FLAG_COMPOUND) != 0 ? aadCompound : aadSingle, out, nonceAt, bodySize);
        return out;
    }

    private DecodeResult decode(byte[] buf, int off, int len, int maxBytes) {
        if (len > maxBytes) {
            return new DecodeResult.Rejected(RejectReason.TOO_LARGE, len + " bytes, limit " + maxBytes);
        }
        // The range is the caller's contract, not the packet's: a wrong one is a bug to surface.
        Objects.checkFromIndexSize(off, len, buf.length);
        try {
            int flags = WireFormat.readHeader(buf, off, len, maxBytes);
            EncryptionMode current = mode;
            boolean compound = (flags & WireFormat.FLAG_COMPOUND) != 0;
            if ((flags & WireFormat.FLAG_SEALED) == 0) {
                if (current == EncryptionMode.REQUIRED) {
                    return new DecodeResult.Rejected(
                            RejectReason.PLAINTEXT_REFUSED, "plaintext packet, encryption is required");
                }
                return new DecodeResult.Decoded(plaintext.decodeAfterHeader(buf, off, len, flags));
            }
            if (current == EncryptionMode.NONE && !keyring.canSeal()) {
                // With keys installed, NONE still opens sealed packets: the first step of a
                // lossless rollout (install keys everywhere, then switch to ROLLOUT one by one).
                return new DecodeResult.Rejected(RejectReason.SEALED_REFUSED, "sealed packet, no keys installed");
            }
            int sealedLen = len - WireFormat.HEADER_BYTES;
            if (sealedLen < Keyring.OVERHEAD + WireLimits.MIN_MESSAGE_BYTES) {
                return new DecodeResult.Rejected(RejectReason.TRUNCATED, "sealed packet of " + len + " bytes");
            }
            byte[] body =
                    keyring.open(compound ? aadCompound : aadSingle, buf, off + WireFormat.HEADER_BYTES, sealedLen);
            if (body == null) {
                return new DecodeResult.Rejected(
                        RejectReason.DECRYPT_FAILED,
                        "no installed key (" + keyring.size() + ") opens the packet for cluster '" + clusterName()
                                + "'");
            }
            return new DecodeResult.Decoded(new WireReader(body, 0, body.length).body(compound));
        } catch (MalformedPacketException e) {
            return e.toResult();
        } catch (RuntimeException e) {
            return WireCodec.codecBug(e);
        }
    }

    private static byte[] associatedData(int flags, byte[] clusterUtf8) {
        byte[] aad = new byte[WireFormat.HEADER_BYTES + clusterUtf8.length];
        WireFormat.writeHeader(aad, 0, flags);
        System.arraycopy(clusterUtf8, 0, aad, WireFormat.HEADER_BYTES, clusterUtf8.length);
        return aad;
    }

    @Override
    public String toString() {
        return "PacketCodec[cluster=" + clusterName() + ", mode=" + mode + ", " + keyring + ", maxPacketSize="
                + maxPacketSize + "]";
    }
}
