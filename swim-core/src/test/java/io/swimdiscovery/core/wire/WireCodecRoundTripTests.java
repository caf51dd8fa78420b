package io.swimdiscovery.core.wire;

import static io.swimdiscovery.core.wire.WireFixtures.ALICE;
import static io.swimdiscovery.core.wire.WireFixtures.BOB;
import static io.swimdiscovery.core.wire.WireFixtures.CLUSTER;
import static io.swimdiscovery.core.wire.WireFixtures.ZOE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.Message;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireCodecRoundTripTests {

    private final WireCodec codec = new WireCodec(CLUSTER);

    static List<Message> oneOfEach() {
        return WireFixtures.oneOfEach();
    }

    @ParameterizedTest
    @MethodSource("oneOfEach")
    void everyMessageType_decodesToAnEqualMessage(Message message) {
        assertThat(roundTrip(message)).containsExactly(message);
    }

    @Test
    void ipv6HostsUnicodeNamesAndExtremeNumbers_surviveTheRoundTrip() {
        MemberId v6 = new MemberId("ノード-1", new Address("2001:db8:0:0:0:0:0:1", 0), Long.MIN_VALUE);
        Gossip dead = new Gossip(
                v6, MemberStatus.DEAD, Long.MAX_VALUE, Map.of("zone", "eu-west-1a", "ключ", "значение 🚀"), "ノード-2");
        Message ping = new Message.Ping(v6.address(), Long.MIN_VALUE, v6.uid(), List.of(dead));

        assertThat(roundTrip(ping)).containsExactly(ping);
    }

    @Test
    void everyStatus_withAndWithoutOrigin_surviveTheRoundTrip() {
        for (MemberStatus status : MemberStatus.values()) {
            Message push = new Message.GossipPush(
                    ALICE,
                    List.of(
                            new Gossip(BOB, status, 5, Map.of(), null),
                            new Gossip(BOB, status, 6, Map.of(), ""),
                            new Gossip(BOB, status, 7, Map.of(), "carol")));
            assertThat(roundTrip(push)).containsExactly(push);
        }
    }

    @Test
    void newsWithAMetadataDigest_surviveTheRoundTrip_andIsSizedExactly() {
        Gossip full = new Gossip(BOB, MemberStatus.SUSPECT, 3, Map.of("zone", "eu-1a", "port", "8080"), "carol");
        Message push = new Message.GossipPush(ALICE, List.of(full.withoutMetadata(), full));
        List<Message> back = roundTrip(push);
        assertThat(back).containsExactly(push);
        Gossip digest = back.get(0).gossip().get(0);
        assertThat(digest.metadataOmitted()).isTrue();
        assertThat(digest.metadataDigest()).isEqualTo(Gossip.digestOf(full.metadata()));
        assertThat(WireSizes.gossip(digest))
                .isEqualTo(WireSizes.gossip(new Gossip(BOB, MemberStatus.SUSPECT, 3, Map.of(), "carol")) - 1 + 8);
    }

    @Test
    void messageWithNoGossip_surviveTheRoundTrip() {
        Message ack = new Message.Ack(9, List.of());
        assertThat(roundTrip(ack)).containsExactly(ack);
    }

    @Test
    void messageWithTheMostGossipAllowed_surviveTheRoundTrip() {
        Message push = new Message.GossipPush(ALICE, WireFixtures.manyGossip(WireLimits.MAX_GOSSIP_PER_MESSAGE));
        assertThat(roundTrip(push)).containsExactly(push);
    }

    @Test
    void metadataAtItsLimits_surviveTheRoundTrip() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < WireLimits.MAX_METADATA_ENTRIES; i++) {
            many.put("k" + i, "v");
        }
        Map<String, String> big = Map.of("blob", "x".repeat(WireLimits.MAX_METADATA_BYTES - 3 - 5 - 1));
        assertThat(WirePacketSizer.metadataSize(big)).isEqualTo(WireLimits.MAX_METADATA_BYTES);
        Message push = new Message.GossipPush(
                ALICE,
                List.of(
                        new Gossip(BOB, MemberStatus.ALIVE, 1, many, null),
                        new Gossip(ZOE, MemberStatus.ALIVE, 1, big, null)));

        assertThat(roundTrip(push)).containsExactly(push);
    }

    @Test
    void compoundPacket_decodesToAllItsMessagesInOrder() {
        List<Message> all = WireFixtures.oneOfEach();
        byte[] packet = codec.encode(all);

        assertThat(packet[3] & WireFormat.FLAG_COMPOUND).isNotZero();
        assertThat(decoded(codec.decode(packet, 0, packet.length))).containsExactlyElementsOf(all);
    }

    @Test
    void compoundOfOne_isAnOrdinarySingleMessagePacket() {
        Message ping = WireFixtures.oneOfEach().get(0);
        assertThat(codec.encode(List.of(ping))).isEqualTo(codec.encode(ping));
    }

    @Test
    void packetAtAnOffsetInsideALargerBuffer_decodes() {
        Message nack = new Message.Nack(77, List.of());
        byte[] packet = codec.encode(nack);
        byte[] buffer = new byte[packet.length + 20];
        System.arraycopy(packet, 0, buffer, 7, packet.length);

        assertThat(decoded(codec.decode(buffer, 7, packet.length))).containsExactly(nack);
    }

    @Test
    void encoding_refusesWhatAPeerWouldReject() {
        Map<String, String> tooBig = Map.of("blob", "x".repeat(WireLimits.MAX_METADATA_BYTES));
        Message tooMuchMetadata =
                new Message.GossipPush(ALICE, List.of(new Gossip(BOB, MemberStatus.ALIVE, 1, tooBig, null)));
        MemberId longHost = new MemberId("a", new Address("h".repeat(256), 1), 1);
        Message tooManyGossip =
                new Message.GossipPush(ALICE, WireFixtures.manyGossip(WireLimits.MAX_GOSSIP_PER_MESSAGE + 1));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> codec.encode(tooMuchMetadata))
                .withMessageContaining("at most");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> codec.encode(new Message.GossipPush(longHost, List.of())))
                .withMessageContaining("member host");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> codec.encode(tooManyGossip))
                .withMessageContaining("1025");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> codec.encode(List.of()))
                .withMessageContaining("at least one");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new WireCodec("c".repeat(256)))
                .withMessageContaining("cluster name");
    }

    private List<Message> roundTrip(Message message) {
        byte[] packet = codec.encode(message);
        assertThat(packet).hasSize(codec.encodedSize(List.of(message)));
        return decoded(codec.decode(packet, 0, packet.length));
    }

    static List<Message> decoded(DecodeResult result) {
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) result).messages();
    }
}
