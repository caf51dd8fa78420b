package io.swimdiscovery.core.wire;

import static io.swimdiscovery.core.wire.WireFixtures.ALICE;
import static io.swimdiscovery.core.wire.WireFixtures.BOB;
import static io.swimdiscovery.core.wire.WireFixtures.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.security.Keyring;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketCodecTests {

    private static final byte[] OLD = filled(32, 1);
    private static final byte[] NEW = filled(32, 2);
    private static final Message PING =
            new Message.Ping(ALICE.address(), 42, BOB.uid(), List.of(WireFixtures.alive(BOB, 3)));

    /** What a receiver in each mode does with a packet from a sender in each mode (same key). */
    @ParameterizedTest(name = "sender {0}, receiver {1} with key: {2}")
    @CsvSource({
        "NONE,     NONE,     accepted",
        "NONE,     ROLLOUT,  accepted",
        "NONE,     REQUIRED, plaintext-refused",
        "ROLLOUT,  NONE,     accepted",
        "ROLLOUT,  ROLLOUT,  accepted",
        "ROLLOUT,  REQUIRED, accepted",
        "REQUIRED, NONE,     accepted",
        "REQUIRED, ROLLOUT,  accepted",
        "REQUIRED, REQUIRED, accepted",
    })
    void rolloutMatrix(EncryptionMode sender, EncryptionMode receiver, String outcome) {
        byte[] packet = codec(Keyring.of(OLD), sender).encode(PING);

        DecodeResult result = codec(Keyring.of(OLD), receiver).decode(packet, 0, packet.length);

        assertThat(outcome(result)).isEqualTo(outcome);
        if (result instanceof DecodeResult.Decoded d) {
            assertThat(d.messages()).containsExactly(PING);
        }
    }

    @Test
    void sealedPacketToANodeWithoutKeys_isRefused() {
        byte[] packet = codec(Keyring.of(OLD), EncryptionMode.ROLLOUT).encode(PING);

        assertThat(outcome(codec(Keyring.empty(), EncryptionMode.NONE).decode(packet, 0, packet.length)))
                .isEqualTo("sealed-refused");
    }

    @Test
    void packetSealedWithAKeyTheReceiverLacks_failsToDecrypt() {
        byte[] packet = codec(Keyring.of(NEW), EncryptionMode.REQUIRED).encode(PING);

        assertThat(outcome(codec(Keyring.of(OLD), EncryptionMode.ROLLOUT).decode(packet, 0, packet.length)))
                .isEqualTo("decrypt-failed");
    }

    @Test
    void otherClusterWithTheSameKey_failsToDecrypt() {
        byte[] packet = new PacketCodec("billing", Keyring.of(OLD), EncryptionMode.REQUIRED, 1400).encode(PING);

        assertThat(outcome(codec(Keyring.of(OLD), EncryptionMode.REQUIRED).decode(packet, 0, packet.length)))
                .isEqualTo("decrypt-failed");
    }

    @Test
    void sealedPacket_hidesNamesAndAddresses() {
        byte[] packet = codec(Keyring.of(OLD), EncryptionMode.REQUIRED).encode(PING);
        String asText = new String(packet, java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(asText).doesNotContain("alice").doesNotContain("10.0.0.1").doesNotContain(CLUSTER);
    }

    @Test
    void compoundFlagFlippedOnASealedPacket_failsToDecrypt() {
        byte[] packet = codec(Keyring.of(OLD), EncryptionMode.REQUIRED).encode(PING);
        packet[3] |= WireFormat.FLAG_COMPOUND;

        assertThat(outcome(codec(Keyring.of(OLD), EncryptionMode.REQUIRED).decode(packet, 0, packet.length)))
                .isEqualTo("decrypt-failed");
    }

    @Test
    void keyRotationAcrossTwoNodes_keepsEveryPacketReadableAtEveryStep() {
        Keyring a = Keyring.of(OLD);
        Keyring b = Keyring.of(OLD);
        PacketCodec nodeA = codec(a, EncryptionMode.REQUIRED);
        PacketCodec nodeB = codec(b, EncryptionMode.REQUIRED);
        byte[] inFlightWithOld = nodeA.encode(PING);

        a.install(NEW);
        b.install(NEW);
        assertBothWays(nodeA, nodeB);
        a.use(NEW);
        assertBothWays(nodeA, nodeB); // A seals with NEW, B still with OLD: both open both
        b.use(NEW);
        assertThat(outcome(nodeB.decode(inFlightWithOld, 0, inFlightWithOld.length)))
                .isEqualTo("accepted");
        a.remove(OLD);
        b.remove(OLD);
        assertBothWays(nodeA, nodeB);

        assertThat(outcome(nodeB.decode(inFlightWithOld, 0, inFlightWithOld.length)))
                .isEqualTo("decrypt-failed");
    }

    @Test
    void turningEncryptionOnInARunningCluster_losesNoPacketAtAnyStep() {
        Keyring a = Keyring.empty();
        Keyring b = Keyring.empty();
        PacketCodec nodeA = codec(a, EncryptionMode.NONE);
        PacketCodec nodeB = codec(b, EncryptionMode.NONE);

        a.install(OLD);
        assertBothWays(nodeA, nodeB);
        b.install(OLD);
        nodeA.setMode(EncryptionMode.ROLLOUT);
        assertBothWays(nodeA, nodeB);
        nodeB.setMode(EncryptionMode.ROLLOUT);
        assertBothWays(nodeA, nodeB);
        nodeA.setMode(EncryptionMode.REQUIRED);
        assertBothWays(nodeA, nodeB);
        nodeB.setMode(EncryptionMode.REQUIRED);
        assertBothWays(nodeA, nodeB);

        byte[] plaintext = codec(Keyring.empty(), EncryptionMode.NONE).encode(PING);
        assertThat(outcome(nodeA.decode(plaintext, 0, plaintext.length))).isEqualTo("plaintext-refused");
    }

    @Test
    void modeThatSeals_needsAKey() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> codec(Keyring.empty(), EncryptionMode.ROLLOUT))
                .withMessageContaining("needs a key");
        PacketCodec plain = codec(Keyring.empty(), EncryptionMode.NONE);
        assertThatIllegalArgumentException().isThrownBy(() -> plain.setMode(EncryptionMode.REQUIRED));
        assertThat(plain.mode()).isEqualTo(EncryptionMode.NONE);
    }

    @Test
    void streamFrame_isALengthPrefixThenAnOrdinaryPacket() {
        PacketCodec codec = codec(Keyring.of(OLD), EncryptionMode.REQUIRED);
        Message sync = new Message.Sync(ALICE, false, true, WireFixtures.manyGossip(5_000));

        byte[] frame = codec.encodeStream(sync);
        int length = WireCodec.readInt(frame, 0);

        assertThat(length).isEqualTo(frame.length - 4).isGreaterThan(WireLimits.MAX_DATAGRAM_BYTES);
        assertThat(codec.fitsDatagram(frame)).isFalse();
        assertThat(codec.decodeStream(frame, 4, length)).isEqualTo(new DecodeResult.Decoded(List.of(sync)));
        assertThat(outcome(codec.decode(frame, 4, length)))
                .as("too big for a datagram")
                .isEqualTo("too-large");
    }

    @Test
    void badConstructorArguments_areRefusedClearly() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PacketCodec(CLUSTER, Keyring.empty(), EncryptionMode.NONE, 70_000))
                .withMessageContaining("maxPacketSize");
    }

    private static void assertBothWays(PacketCodec a, PacketCodec b) {
        byte[] fromA = a.encode(PING);
        byte[] fromB = b.encode(PING);
        assertThat(b.decode(fromA, 0, fromA.length)).as("A to B").isEqualTo(new DecodeResult.Decoded(List.of(PING)));
        assertThat(a.decode(fromB, 0, fromB.length)).as("B to A").isEqualTo(new DecodeResult.Decoded(List.of(PING)));
    }

    private static PacketCodec codec(Keyring keyring, EncryptionMode mode) {
        return new PacketCodec(CLUSTER, keyring, mode, 1400);
    }

    private static String outcome(DecodeResult result) {
        if (result instanceof DecodeResult.Decoded) {
            return "accepted";
        }
        return ((DecodeResult.Rejected) result).reason().label();
    }

    private static byte[] filled(int length, int value) {
        byte[] key = new byte[length];
        java.util.Arrays.fill(key, (byte) value);
        return key;
    }
}
