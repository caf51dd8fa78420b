package io.swimdiscovery.core.wire;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.Message;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Sample members, messages and hand-built packets for the codec tests. */
final class WireFixtures {

    static final String CLUSTER = "orders-prod";

    static final MemberId ALICE = new MemberId("alice", new Address("10.0.0.1", 7946), 0x1122334455667788L);
    static final MemberId BOB = new MemberId("bob", new Address("fe80::1:2:3", 7946), -42L);
    static final MemberId ZOE = new MemberId("zoë-🚀-服务", new Address("host.example.internal", 65_535), 0L);

    private WireFixtures() {}

    static Gossip alive(MemberId id, long incarnation) {
        return new Gossip(id, MemberStatus.ALIVE, incarnation, Map.of("service", "orders", "port", "8080"), null);
    }

    static Gossip suspect(MemberId id, long incarnation, String origin) {
        return new Gossip(id, MemberStatus.SUSPECT, incarnation, Map.of(), origin);
    }

    static List<Gossip> manyGossip(int count) {
        List<Gossip> gossip = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            MemberId id = new MemberId("m" + i, new Address("10.1." + (i / 250) + "." + (i % 250), 7946), i);
            gossip.add(new Gossip(id, MemberStatus.values()[i % 5], i, Map.of(), null));
        }
        return gossip;
    }

    /** One message of each type, each with some gossip. */
    static List<Message> oneOfEach() {
        List<Gossip> g = List.of(alive(BOB, 3), suspect(ZOE, 7, "alice"));
        return List.of(
                new Message.Ping(ALICE.address(), 1, BOB.uid(), g),
                new Message.PingReq(BOB, Long.MAX_VALUE, ZOE, List.of()),
                new Message.Ack(-1, g),
                new Message.Nack(0, g),
                new Message.GossipPush(BOB, g),
                new Message.Sync(ZOE, true, false, g),
                new Message.SyncDigest(ALICE, 0x8000_0000_0000_0001L),
                new Message.SyncDigest(BOB, -7, List.of(0, -1, Integer.MIN_VALUE, 0x7FFF_FFFF, 1, 2, 3, 4)),
                new Message.Sync(ZOE, false, false, g, 64, List.of(0, 7, 8, 63)),
                new Message.Sync(BOB, true, false, List.of(), 2, List.of(1)),
                new Message.Ping(ZOE.address(), 300, ALICE.uid(), List.of(), true),
                new Message.RoleHeartbeat(BOB, "orders", 7, 12, 7, 3, List.of("alice", "zoë-🚀-服务"), false, false),
                new Message.RoleHeartbeat(ALICE, "orders", 1, 0, 1, 0, List.of("alice"), false, true),
                new Message.RoleHeartbeat(ALICE, "g", Long.MAX_VALUE, 0, 0, 0, List.of(), true, false),
                new Message.RoleEcho(ZOE, "orders", 7, 12, true, 7, 7, 3, List.of()),
                new Message.RoleEcho(BOB, "orders", 2, 1, false, 9, 9, 4, List.of("bob", "alice")));
    }

    // --- hand-built packets, for the malformed-input tests ---

    /** Builds raw bytes: ints are written as single bytes. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int... values) {
            for (int v : values) {
                out.write(v);
            }
            return this;
        }

        Bytes varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
            return this;
        }

        Bytes string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            out.write(b, 0, b.length);
            return this;
        }

        Bytes raw(byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        Bytes u64(long v) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (v >>> shift) & 0xFF);
            }
            return this;
        }

        /** name "a", host "h", port 1, uid 1. */
        Bytes memberId() {
            return string("a").string("h").u8(0, 1).u64(1);
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }

    static Bytes bytes() {
        return new Bytes();
    }

    /** A plaintext packet around {@code body}, with a correct label and CRC. */
    static byte[] plaintextPacket(int flags, byte[] body) {
        return withCrc(
                bytes().u8(0x53, 0x57, 1, flags).string(CLUSTER).raw(body).toArray());
    }

    /** Appends the CRC32C of {@code packet}, so tests reach the check they aim at. */
    static byte[] withCrc(byte[] packet) {
        CRC32C crc = new CRC32C();
        crc.update(packet);
        int v = (int) crc.getValue();
        return bytes().raw(packet)
                .u8(v >>> 24 & 0xFF, v >>> 16 & 0xFF, v >>> 8 & 0xFF, v & 0xFF)
                .toArray();
    }

    // --- jqwik generators ---

    static Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.strings()
                        .alpha()
                        .numeric()
                        .withChars('-', '.')
                        .ofMinLength(1)
                        .ofMaxLength(40),
                Arbitraries.strings()
                        .ofMinLength(1)
                        .ofMaxLength(20)
                        .filter(s -> WireSizes.utf8(s) <= 255 && s.equals(roundTripUtf8(s))));
    }

    static String roundTripUtf8(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    static Arbitrary<Address> addresses() {
        Arbitrary<String> v4 = Arbitraries.integers()
                .between(0, 255)
                .list()
                .ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
        Arbitrary<String> v6 = Arbitraries.integers()
                .between(0, 0xFFFF)
                .list()
                .ofSize(8)
                .map(l -> String.join(":", l.stream().map(Integer::toHexString).toList()));
        Arbitrary<String> dns =
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(30).map(s -> s + ".svc.local");
        return Combinators.combine(
                        Arbitraries.oneOf(v4, v6, dns), Arbitraries.integers().between(0, 65_535))
                .as(Address::new);
    }

    static Arbitrary<MemberId> memberIds() {
        return Combinators.combine(names(), addresses(), Arbitraries.longs()).as(MemberId::new);
    }

    static Arbitrary<Map<String, String>> metadata() {
        return Arbitraries.maps(
                        Arbitraries.strings().ofMaxLength(12).filter(s -> s.equals(roundTripUtf8(s))),
                        Arbitraries.strings().ofMaxLength(40).filter(s -> s.equals(roundTripUtf8(s))))
                .ofMaxSize(6);
    }

    static Arbitrary<Gossip> gossip() {
        return Combinators.combine(
                        memberIds(),
                        Arbitraries.of(MemberStatus.class),
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        metadata(),
                        names().injectNull(0.5))
                .as(Gossip::new);
    }

    static Arbitrary<List<Gossip>> gossipLists() {
        return gossip().list().ofMaxSize(12);
    }

    /** Sums of a power-of-two count of buckets, 2 to 1,024. */
    static Arbitrary<List<Integer>> bucketSums() {
        return Arbitraries.integers()
                .between(1, 10)
                .flatMap(bits -> Arbitraries.integers().list().ofSize(1 << bits));
    }

    /** A bucket count, then the buckets of a partial state: distinct, ascending, at least one. */
    static Arbitrary<List<Integer>> bucketMasks() {
        return Arbitraries.integers().between(1, 10).flatMap(bits -> Arbitraries.integers()
                .between(0, (1 << bits) - 1)
                .set()
                .ofMinSize(1)
                .ofMaxSize(40)
                .map(set -> {
                    List<Integer> out = new ArrayList<>();
                    out.add(1 << bits);
                    set.stream().sorted().forEach(out::add);
                    return out;
                }));
    }

    static Arbitrary<Message> messages() {
        Arbitrary<MemberId> id = memberIds();
        Arbitrary<Long> seq = Arbitraries.longs();
        Arbitrary<List<Gossip>> g = gossipLists();
        return Arbitraries.oneOf(
                Combinators.combine(addresses(), seq, Arbitraries.longs(), g, Arbitraries.of(true, false))
                        .as(Message.Ping::new),
                Combinators.combine(id, seq, id, g).as(Message.PingReq::new),
                Combinators.combine(seq, g).as(Message.Ack::new),
                Combinators.combine(seq, g).as(Message.Nack::new),
                Combinators.combine(id, Arbitraries.longs()).as(Message.SyncDigest::new),
                Combinators.combine(id, Arbitraries.longs(), bucketSums()).as(Message.SyncDigest::new),
                Combinators.combine(id, Arbitraries.of(true, false), g, bucketMasks())
                        .as((sender, reply, gossip, mask) -> new Message.Sync(
                                sender, reply, false, gossip, mask.get(0), mask.subList(1, mask.size()))),
                Combinators.combine(id, g).as(Message.GossipPush::new),
                Combinators.combine(id, Arbitraries.of(true, false), Arbitraries.of(true, false), g)
                        .as(Message.Sync::new));
    }
}
