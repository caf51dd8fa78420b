package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.security.Keyring;
import io.swimdiscovery.core.wire.DecodeResult;
import io.swimdiscovery.core.wire.PacketCodec;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The node's one conversion between messages and packet bytes, on {@link PacketCodec}. The
 * transport moves bytes only; here a dropped packet becomes a counted reason instead of an
 * exception.
 */
final class WireNodeCodec {

    private static final System.Logger LOG = System.getLogger(WireNodeCodec.class.getName());

    private final PacketCodec codec;

    private WireNodeCodec(PacketCodec codec) {
        this.codec = codec;
    }

    static WireNodeCodec create(NodeConfig c) {
        Keyring keyring = Keyring.empty();
        for (byte[] key : c.keys()) {
            keyring.install(key);
        }
        return new WireNodeCodec(new PacketCodec(
                c.clusterName(), keyring, c.encryptionMode(), c.settings().maxPacketSize()));
    }

    PacketCodec packetCodec() {
        return codec;
    }

    byte[] encode(Message message) {
        return codec.encode(message);
    }

    /**
     * The messages in a packet, or the reason it was dropped. Never throws.
     *
     * @param stream whether it arrived as a stream frame (which may be larger than a datagram)
     */
    Decoded decode(byte[] packet, boolean stream) {
        DecodeResult r = stream ? codec.decodeStream(packet, 0, packet.length) : codec.decode(packet, 0, packet.length);
        if (r instanceof DecodeResult.Decoded d) {
            return new Decoded(d.messages(), null);
        }
        DecodeResult.Rejected rejected = (DecodeResult.Rejected) r;
        LOG.log(
                System.Logger.Level.DEBUG,
                () -> "dropped packet: " + rejected.reason().label() + " (" + rejected.detail() + ")");
        return new Decoded(List.of(), rejected.reason().label());
    }

    /**
     * What decoding produced.
     *
     * @param messages the messages, empty if rejected
     * @param rejectReason kebab-case reason ("bad-crc", "decrypt-failed", ...) or null if accepted
     */
    record Decoded(List<Message> messages, @Nullable String rejectReason) {}
}
