package io.swimdiscovery.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.security.Keyring;

/**
 * Coverage-guided fuzzing of the decoder (Jazzer). In a normal build only the inputs under
 * {@code src/test/resources/io/swimdiscovery/core/wire/PacketCodecFuzzTestsInputs/} run
 * (regression mode); {@code JAZZER_FUZZ=1} fuzzes for real, see docs/wire-format.md section 10.
 *
 * <p>Oracle: decoding returns a result and never throws; the result is never a
 * {@link RejectReason#CODEC_BUG}; whatever decodes re-encodes and decodes to the same messages.
 */
class PacketCodecFuzzTests {

    /** All-zero 16-byte key: the seed corpus holds packets sealed with it, so fuzzing gets past the tag. */
    private static final byte[] KEY = new byte[16];

    private static final PacketCodec NONE =
            new PacketCodec(WireFixtures.CLUSTER, Keyring.empty(), EncryptionMode.NONE, 1400);
    private static final PacketCodec ROLLOUT =
            new PacketCodec(WireFixtures.CLUSTER, Keyring.of(KEY), EncryptionMode.ROLLOUT, 1400);

    /** Raw bytes, as a stranger on the network would send them, in both kinds of mode. */
    @FuzzTest(maxDuration = "30s")
    void decodeDatagram(byte[] data) {
        check(NONE, NONE.decode(data, 0, data.length));
        check(ROLLOUT, ROLLOUT.decode(data, 0, data.length));
    }

    /**
     * The input is a plaintext packet without its CRC, which is appended here: random bytes
     * almost never carry a matching CRC32C, so without this the fuzzer would never get past the
     * checksum into the message decoder.
     */
    @FuzzTest(maxDuration = "30s")
    void decodeWithValidCrc(byte[] data) {
        byte[] packet = WireFixtures.withCrc(data);
        check(NONE, NONE.decode(packet, 0, packet.length));
        check(NONE, NONE.decodeStream(packet, 0, packet.length));
    }

    private static void check(PacketCodec codec, DecodeResult result) {
        if (result instanceof DecodeResult.Rejected r) {
            assertThat(r.reason()).as(r.detail()).isNotEqualTo(RejectReason.CODEC_BUG);
            return;
        }
        DecodeResult.Decoded decoded = (DecodeResult.Decoded) result;
        byte[] again = codec.encode(decoded.messages());
        assertThat(codec.decodeStream(again, 0, again.length)).isEqualTo(decoded);
    }
}
