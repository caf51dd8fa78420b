package io.swimdiscovery.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.security.Keyring;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Round trips of random messages, and a seeded mutation fuzzer over valid encodings (random
 * byte flips, truncations, insertions) that runs in every build next to the Jazzer corpus.
 */
class WireCodecPropertyTests {

    private static final PacketCodec PLAIN =
            new PacketCodec(WireFixtures.CLUSTER, Keyring.empty(), EncryptionMode.NONE, 1400);
    private static final PacketCodec SEALED =
            new PacketCodec(WireFixtures.CLUSTER, Keyring.of(new byte[24]), EncryptionMode.REQUIRED, 1400);

    @Provide
    Arbitrary<Message> messages() {
        return WireFixtures.messages();
    }

    @Property(tries = 300)
    void anyMessage_plaintext_decodesToAnEqualMessage(@ForAll("messages") Message message) {
        byte[] packet = PLAIN.encode(message);
        assertThat(PLAIN.decode(packet, 0, packet.length)).isEqualTo(new DecodeResult.Decoded(List.of(message)));
    }

    @Property(tries = 200)
    void anyMessage_sealed_decodesToAnEqualMessage(@ForAll("messages") Message message) {
        byte[] packet = SEALED.encode(message);
        assertThat(SEALED.decode(packet, 0, packet.length)).isEqualTo(new DecodeResult.Decoded(List.of(message)));
    }

    @Provide
    Arbitrary<List<Message>> compounds() {
        return WireFixtures.messages().list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 100)
    void anyCompound_decodesToTheSameMessagesInOrder(@ForAll("compounds") List<Message> all) {
        byte[] plain = PLAIN.encode(all);
        byte[] sealed = SEALED.encode(all);

        assertThat(PLAIN.decode(plain, 0, plain.length)).isEqualTo(new DecodeResult.Decoded(all));
        assertThat(SEALED.decode(sealed, 0, sealed.length)).isEqualTo(new DecodeResult.Decoded(all));
    }

    @Property(tries = 300)
    void mutatedPacket_isDecodedOrRejected_neverACodecBug(@ForAll("messages") Message message, @ForAll long seed) {
        Random random = new Random(seed);
        byte[] packet = mutate(PLAIN.encode(message), random);
        // Repair the CRC half of the time so the mutation reaches the body decoder.
        if (random.nextBoolean() && packet.length > 4) {
            packet = WireFixtures.withCrc(java.util.Arrays.copyOf(packet, packet.length - 4));
        }

        DecodeResult result = PLAIN.decode(packet, 0, packet.length);

        if (result instanceof DecodeResult.Rejected r) {
            assertThat(r.reason()).as("seed %d: %s", seed, r.detail()).isNotEqualTo(RejectReason.CODEC_BUG);
        }
        if (result instanceof DecodeResult.Decoded d) {
            // Whatever decodes must be encodable again: the decoder accepts nothing the encoder refuses.
            assertThat(PLAIN.encode(d.messages())).isNotEmpty();
        }
    }

    static byte[] mutate(byte[] packet, Random random) {
        byte[] out = packet.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && out.length > 0; i++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(4)) {
                case 0 -> out[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> out[at] = (byte) random.nextInt(256);
                case 2 -> out = java.util.Arrays.copyOf(out, at);
                default -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
            }
        }
        return out;
    }
}
