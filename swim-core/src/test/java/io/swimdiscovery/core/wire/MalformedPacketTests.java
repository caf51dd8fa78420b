package io.swimdiscovery.core.wire;

import static io.swimdiscovery.core.wire.WireFixtures.ALICE;
import static io.swimdiscovery.core.wire.WireFixtures.CLUSTER;
import static io.swimdiscovery.core.wire.WireFixtures.bytes;
import static io.swimdiscovery.core.wire.WireFixtures.plaintextPacket;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.security.Keyring;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per way a packet can be wrong; each must come back as its own counted reason. */
class MalformedPacketTests {

    private static final byte[] KEY = new byte[16];
    private static final int PING = WireFormat.TYPE_PING;
    private static final int NACK = WireFormat.TYPE_NACK;
    private static final int PUSH = WireFormat.TYPE_GOSSIP_PUSH;
    private static final int SYNC = WireFormat.TYPE_SYNC;
    private static final int DIGEST_BUCKETS = WireFormat.TYPE_SYNC_DIGEST_BUCKETS;

    /** A received packet, the mode of the receiver, and the reason it must be dropped for. */
    record Case(String name, byte[] packet, EncryptionMode mode, RejectReason expected, boolean receiverHasKey) {
        Case(String name, byte[] packet, EncryptionMode mode, RejectReason expected) {
            this(name, packet, mode, expected, true);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Case plain(String name, byte[] packet, RejectReason expected) {
        return new Case(name, packet, EncryptionMode.NONE, expected);
    }

    private static Case body(String name, WireFixtures.Bytes body, RejectReason expected) {
        return plain(name, plaintextPacket(0, body.toArray()), expected);
    }

    /** A gossip push from sender "a" carrying one gossip item that starts with {@code item}. */
    private static WireFixtures.Bytes pushWith(WireFixtures.Bytes item) {
        return bytes().u8(PUSH).memberId().varint(1).raw(item.toArray());
    }

    static Stream<Case> cases() {
        byte[] valid = new WireCodec(CLUSTER).encode(new Message.Nack(5, List.of()));
        byte[] flipped = valid.clone();
        flipped[10] ^= 0x01;
        byte[] sealed = new PacketCodec(CLUSTER, Keyring.of(KEY), EncryptionMode.REQUIRED, 1400)
                .encode(new Message.Nack(5, List.of()));
        byte[] otherKey = new PacketCodec(CLUSTER, Keyring.of(new byte[32]), EncryptionMode.REQUIRED, 1400)
                .encode(new Message.Nack(5, List.of()));
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 0x01;
        byte[] nineBytes = {
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF
        };

        return Stream.of(
                plain("shorter than the header", new byte[] {0x53, 0x57, 1}, RejectReason.TRUNCATED),
                body("message cut short", bytes().u8(PING).string("h").u8(0, 1), RejectReason.TRUNCATED),
                plain("header but no label or CRC", new byte[] {0x53, 0x57, 1, 0, 0}, RejectReason.TRUNCATED),
                new Case(
                        "sealed packet shorter than nonce and tag",
                        Arrays.copyOf(sealed, 20),
                        EncryptionMode.REQUIRED,
                        RejectReason.TRUNCATED),
                plain(
                        "datagram over 65,507 bytes",
                        new byte[WireLimits.MAX_DATAGRAM_BYTES + 1],
                        RejectReason.TOO_LARGE),
                plain(
                        "not a SWIM packet",
                        "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII),
                        RejectReason.BAD_MAGIC),
                plain("version 2", new byte[] {0x53, 0x57, 2, 0, 0, 0, 0, 0, 0}, RejectReason.UNKNOWN_VERSION),
                plain("reserved flag bit", new byte[] {0x53, 0x57, 1, 0x04, 0, 0, 0, 0, 0}, RejectReason.UNKNOWN_FLAGS),
                body("message type 12", bytes().u8(12), RejectReason.UNKNOWN_TYPE),
                body("message type 0", bytes().u8(0), RejectReason.UNKNOWN_TYPE),
                plain("one bit flipped", flipped, RejectReason.BAD_CRC),
                plain(
                        "another cluster's label",
                        new WireCodec("orders-staging").encode(new Message.Nack(5, List.of())),
                        RejectReason.CLUSTER_MISMATCH),
                new Case(
                        "plaintext to a node that requires encryption",
                        valid,
                        EncryptionMode.REQUIRED,
                        RejectReason.PLAINTEXT_REFUSED),
                new Case(
                        "sealed packet to a node without keys",
                        sealed,
                        EncryptionMode.NONE,
                        RejectReason.SEALED_REFUSED,
                        false),
                new Case(
                        "sealed with a key we do not have",
                        otherKey,
                        EncryptionMode.REQUIRED,
                        RejectReason.DECRYPT_FAILED),
                new Case(
                        "sealed packet with a flipped tag bit",
                        tampered,
                        EncryptionMode.ROLLOUT,
                        RejectReason.DECRYPT_FAILED),
                body(
                        "varint longer than 10 bytes",
                        bytes().u8(NACK).raw(nineBytes).u8(0xFF, 0x01),
                        RejectReason.BAD_VARINT),
                body("varint over 64 bits", bytes().u8(NACK).raw(nineBytes).u8(0x02), RejectReason.BAD_VARINT),
                body("varint not minimal", bytes().u8(NACK).u8(0x85, 0x00).varint(0), RejectReason.BAD_VARINT),
                body("malformed UTF-8 in a name", bytes().u8(PUSH).u8(2, 0xC3, 0x28), RejectReason.BAD_STRING),
                body(
                        "UTF-8 encoded surrogate in a name",
                        bytes().u8(PUSH).u8(3, 0xED, 0xA0, 0x80),
                        RejectReason.BAD_STRING),
                body("name of 256 bytes", bytes().u8(PUSH).string("n".repeat(256)), RejectReason.LIMIT_EXCEEDED),
                body("1,025 gossip items", bytes().u8(PUSH).memberId().varint(1025), RejectReason.LIMIT_EXCEEDED),
                body(
                        "65,537 sync members",
                        bytes().u8(SYNC).memberId().u8(0).varint(65_537),
                        RejectReason.LIMIT_EXCEEDED),
                body(
                        "gossip count the bytes left cannot hold",
                        bytes().u8(PUSH).memberId().varint(100).raw(new byte[100]),
                        RejectReason.LIMIT_EXCEEDED),
                body(
                        "257 metadata entries",
                        pushWith(bytes().memberId().u8(0).varint(1).varint(257).raw(new byte[600])),
                        RejectReason.LIMIT_EXCEEDED),
                body(
                        "metadata over 32,768 bytes",
                        pushWith(bytes().memberId()
                                .u8(0)
                                .varint(1)
                                .varint(2)
                                .string("a")
                                .string("x".repeat(30_000))
                                .string("b")
                                .string("y".repeat(3_000))),
                        RejectReason.LIMIT_EXCEEDED),
                plain(
                        "compound of 65 messages",
                        plaintextPacket(
                                WireFormat.FLAG_COMPOUND,
                                bytes().varint(65).raw(new byte[65 * 16]).toArray()),
                        RejectReason.LIMIT_EXCEEDED),
                body("empty member name", bytes().u8(PUSH).string("").string("h"), RejectReason.INVALID_FIELD),
                body("empty host", bytes().u8(PUSH).string("a").string(""), RejectReason.INVALID_FIELD),
                body(
                        "host in brackets",
                        bytes().u8(PUSH)
                                .string("a")
                                .string("[]")
                                .u8(0, 1)
                                .u64(1)
                                .varint(0),
                        RejectReason.INVALID_FIELD),
                body(
                        "status code 5",
                        pushWith(bytes().memberId().u8(5).varint(1).varint(0)),
                        RejectReason.INVALID_FIELD),
                body(
                        "reserved status bit",
                        pushWith(bytes().memberId().u8(0x20).varint(1).varint(0)),
                        RejectReason.INVALID_FIELD),
                body(
                        "metadata digest 0",
                        pushWith(bytes().memberId().u8(0x10).varint(1).u64(0)),
                        RejectReason.INVALID_FIELD),
                body(
                        "metadata digest cut short",
                        pushWith(bytes().memberId().u8(0x10).varint(1).u8(7)),
                        RejectReason.TRUNCATED),
                body(
                        "incarnation above 2^63-1",
                        pushWith(bytes().memberId().u8(0).varint(-1L).varint(0)),
                        RejectReason.INVALID_FIELD),
                body(
                        "duplicate metadata key",
                        pushWith(bytes().memberId()
                                .u8(0)
                                .varint(1)
                                .varint(2)
                                .string("k")
                                .string("1")
                                .string("k")
                                .string("2")),
                        RejectReason.INVALID_FIELD),
                body(
                        "duplicate key among 9 metadata entries",
                        pushWith(bytes().memberId()
                                .u8(0)
                                .varint(1)
                                .varint(9)
                                .string("a")
                                .string("")
                                .string("b")
                                .string("")
                                .string("c")
                                .string("")
                                .string("d")
                                .string("")
                                .string("e")
                                .string("")
                                .string("f")
                                .string("")
                                .string("g")
                                .string("")
                                .string("h")
                                .string("")
                                .string("c")
                                .string("")),
                        RejectReason.INVALID_FIELD),
                body("reserved sync flag", bytes().u8(SYNC).memberId().u8(0x08).varint(0), RejectReason.INVALID_FIELD),
                body(
                        "partial sync of 6 buckets (not a power of two)",
                        bytes().u8(SYNC)
                                .memberId()
                                .u8(0x04)
                                .varint(6)
                                .varint(1)
                                .u8(1)
                                .varint(0),
                        RejectReason.INVALID_FIELD),
                body(
                        "partial sync of 1 bucket",
                        bytes().u8(SYNC)
                                .memberId()
                                .u8(0x04)
                                .varint(1)
                                .varint(1)
                                .u8(1)
                                .varint(0),
                        RejectReason.INVALID_FIELD),
                body(
                        "partial sync of 2,048 buckets",
                        bytes().u8(SYNC)
                                .memberId()
                                .u8(0x04)
                                .varint(2048)
                                .varint(256)
                                .raw(new byte[256]),
                        RejectReason.LIMIT_EXCEEDED),
                body(
                        "partial sync mask longer than its 8 buckets",
                        bytes().u8(SYNC)
                                .memberId()
                                .u8(0x04)
                                .varint(8)
                                .varint(2)
                                .u8(1, 0)
                                .varint(0),
                        RejectReason.INVALID_FIELD),
                body(
                        "partial sync mask of a huge length",
                        bytes().u8(SYNC)
                                .memberId()
                                .u8(0x04)
                                .varint(8)
                                .varint(1L << 40)
                                .u8(1),
                        RejectReason.INVALID_FIELD),
                body(
                        "partial sync mask naming bucket 4 of 4",
                        bytes().u8(SYNC)
                                .memberId()
                                .u8(0x04)
                                .varint(4)
                                .varint(1)
                                .u8(0x10)
                                .varint(0),
                        RejectReason.INVALID_FIELD),
                body(
                        "partial sync with an empty mask",
                        bytes().u8(SYNC)
                                .memberId()
                                .u8(0x04)
                                .varint(16)
                                .varint(2)
                                .u8(0, 0)
                                .varint(0),
                        RejectReason.INVALID_FIELD),
                body(
                        "bucketed digest of 3 buckets",
                        bytes().u8(DIGEST_BUCKETS).memberId().u64(1).varint(3).raw(new byte[12]),
                        RejectReason.INVALID_FIELD),
                body(
                        "bucketed digest of 0 buckets",
                        bytes().u8(DIGEST_BUCKETS).memberId().u64(1).varint(0),
                        RejectReason.INVALID_FIELD),
                body(
                        "bucketed digest of 4,096 buckets",
                        bytes().u8(DIGEST_BUCKETS)
                                .memberId()
                                .u64(1)
                                .varint(4096)
                                .raw(new byte[64]),
                        RejectReason.LIMIT_EXCEEDED),
                body(
                        "bucketed digest of 1,024 buckets with 40 bytes of sums",
                        bytes().u8(DIGEST_BUCKETS)
                                .memberId()
                                .u64(1)
                                .varint(1024)
                                .raw(new byte[40]),
                        RejectReason.TRUNCATED),
                plain(
                        "compound of 0 messages",
                        plaintextPacket(
                                WireFormat.FLAG_COMPOUND,
                                bytes().varint(0).raw(new byte[20]).toArray()),
                        RejectReason.INVALID_FIELD),
                body(
                        "a byte after the message",
                        bytes().u8(NACK).varint(5).varint(0).u8(0),
                        RejectReason.TRAILING_BYTES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedPacket_isRejectedWithItsReason(Case c) {
        PacketCodec codec =
                new PacketCodec(CLUSTER, c.receiverHasKey() ? Keyring.of(KEY) : Keyring.empty(), c.mode(), 1400);

        DecodeResult result = codec.decode(c.packet(), 0, c.packet().length);

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Rejected.class, r -> {
            assertThat(r.reason()).as(r.detail()).isEqualTo(c.expected());
            assertThat(r.detail()).isNotBlank();
        });
    }

    @Test
    void everyReasonButCodecBug_isReachedByACase() {
        Set<RejectReason> reached =
                cases().map(Case::expected).collect(Collectors.toCollection(() -> EnumSet.noneOf(RejectReason.class)));
        reached.add(RejectReason.CODEC_BUG);

        assertThat(reached).containsExactlyInAnyOrder(RejectReason.values());
    }

    @Test
    void streamFrameOver16MiB_isTooLarge() {
        PacketCodec codec = new PacketCodec(CLUSTER, Keyring.empty(), EncryptionMode.NONE, 1400);
        // The length alone decides; the bytes are never read.
        byte[] small = new byte[8];

        DecodeResult result = codec.decodeStream(small, 0, WireLimits.MAX_STREAM_FRAME_BYTES + 1);

        assertThat(result).isInstanceOfSatisfying(DecodeResult.Rejected.class, r -> assertThat(r.reason())
                .isEqualTo(RejectReason.TOO_LARGE));
    }

    @Test
    void compoundOfSyncsOverThePacketWideGossipCap_isRejectedAndNeverEncoded() {
        int perSync = WireLimits.MAX_GOSSIP_PER_PACKET / 2 + 1;
        WireFixtures.Bytes body = bytes().varint(2);
        for (int m = 0; m < 2; m++) {
            body.u8(SYNC).memberId().u8(0).varint(perSync);
            for (int i = 0; i < perSync; i++) {
                body.memberId().u8(0, 0, 0);
            }
        }
        byte[] frame = plaintextPacket(WireFormat.FLAG_COMPOUND, body.toArray());
        PacketCodec codec = new PacketCodec(CLUSTER, Keyring.empty(), EncryptionMode.NONE, 1400);
        Message sync = new Message.Sync(ALICE, false, false, WireFixtures.manyGossip(perSync));

        assertThat(codec.decodeStream(frame, 0, frame.length))
                .isInstanceOfSatisfying(DecodeResult.Rejected.class, r -> assertThat(r.reason())
                        .isEqualTo(RejectReason.LIMIT_EXCEEDED));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> codec.encode(List.of(sync, sync)))
                .withMessageContaining("in one packet");
    }

    @Test
    void rangeOutsideTheBuffer_isTheCallersBugAndThrows() {
        PacketCodec codec = new PacketCodec(CLUSTER, Keyring.empty(), EncryptionMode.NONE, 1400);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.decode(new byte[10], 5, 6))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void reasonLabels_areKebabCase() {
        assertThat(RejectReason.BAD_CRC.label()).isEqualTo("bad-crc");
        for (RejectReason reason : RejectReason.values()) {
            assertThat(reason.label())
                    .matches("[a-z]+(-[a-z]+)*")
                    .isEqualTo(reason.name().toLowerCase().replace('_', '-'));
        }
    }
}
