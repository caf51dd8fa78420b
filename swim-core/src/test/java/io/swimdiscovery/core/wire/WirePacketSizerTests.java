package io.swimdiscovery.core.wire;

import static io.swimdiscovery.core.wire.WireFixtures.ALICE;
import static io.swimdiscovery.core.wire.WireFixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.PacketSizer;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.security.Keyring;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The engine fills datagrams with these figures, so they must match the codec byte for byte. */
class WirePacketSizerTests {

    private static final Keyring KEYS = Keyring.of(new byte[32]);

    @Provide
    Arbitrary<Message> messages() {
        return WireFixtures.messages();
    }

    @Property(tries = 300)
    void baseSizePlusGossipSizes_equalsTheEncodedLengthPlusTheDocumentedSlack(@ForAll("messages") Message message) {
        for (String cluster : List.of("", WireFixtures.CLUSTER, "a-much-longer-cluster-name-" + "x".repeat(40))) {
            WirePacketSizer sizer = new WirePacketSizer(cluster);
            int n = message.gossip().size();
            int estimate = sizer.baseSizeOf(message)
                    + message.gossip().stream().mapToInt(sizer::sizeOf).sum();
            // A SyncDigest has no gossip list, so nothing is reserved for its count.
            int countSlack = message instanceof Message.SyncDigest
                    ? 0
                    : WireSizes.varint(WireSizes.maxGossip(message)) - WireSizes.varint(n);
            int plaintextOverhead = 4 + WireSizes.string(cluster) + 4;

            for (EncryptionMode mode : EncryptionMode.values()) {
                byte[] packet = new PacketCodec(cluster, KEYS, mode, 1400).encode(message);
                int overhead = mode == EncryptionMode.NONE ? plaintextOverhead : 32;
                int slack = (sizer.maxOverhead() - overhead) + countSlack;

                assertThat(packet.length).as("%s, cluster '%s'", mode, cluster).isEqualTo(estimate - slack);
                assertThat(packet.length).isEqualTo(sizer.exactSizeOf(message, mode != EncryptionMode.NONE));
            }
        }
    }

    @Provide
    Arbitrary<List<Message>> compounds() {
        return WireFixtures.messages().list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 100)
    void exactSizeOfACompound_isItsEncodedLengthInEveryMode(@ForAll("compounds") List<Message> messages) {
        WirePacketSizer sizer = new WirePacketSizer(WireFixtures.CLUSTER);
        for (EncryptionMode mode : EncryptionMode.values()) {
            byte[] packet = new PacketCodec(WireFixtures.CLUSTER, KEYS, mode, 1400).encode(messages);
            assertThat(packet).hasSize(sizer.exactSizeOf(messages, mode != EncryptionMode.NONE));
        }
    }

    @Property(tries = 100)
    void codecSizer_isNeverAboveTheProtocolsSafeEstimate(@ForAll("messages") Message message) {
        WirePacketSizer sizer = new WirePacketSizer(WireFixtures.CLUSTER);
        for (Gossip g : message.gossip()) {
            assertThat(sizer.sizeOf(g)).isLessThanOrEqualTo(PacketSizer.ESTIMATE.sizeOf(g));
        }
    }

    @Test
    void unpairedSurrogate_isSizedAsTheQuestionMarkItIsEncodedAs() {
        Gossip odd = new Gossip(
                BOB,
                io.swimdiscovery.core.protocol.MemberStatus.ALIVE,
                1,
                Map.of("k", "a\uD800b", "emoji", "🚀"),
                "\uDC00");
        Message push = new Message.GossipPush(ALICE, List.of(odd));
        WirePacketSizer sizer = new WirePacketSizer("c");

        byte[] packet = new WireCodec("c").encode(push);

        assertThat(packet).hasSize(sizer.exactSizeOf(push, false));
    }

    @Test
    void defaultBudgetFilledByTheSizer_neverOverflowsInAnyMode() {
        WirePacketSizer sizer = new WirePacketSizer(WireFixtures.CLUSTER);
        Message empty = new Message.Ping(ALICE.address(), 12, BOB.uid(), List.of());
        int budget = 1400 - sizer.baseSizeOf(empty);
        List<Gossip> fill = new java.util.ArrayList<>();
        for (Gossip g : WireFixtures.manyGossip(200)) {
            if (sizer.sizeOf(g) > budget) {
                break;
            }
            budget -= sizer.sizeOf(g);
            fill.add(g);
        }
        Message full = new Message.Ping(ALICE.address(), 12, BOB.uid(), fill);

        for (EncryptionMode mode : EncryptionMode.values()) {
            assertThat(new PacketCodec(WireFixtures.CLUSTER, KEYS, mode, 1400).encode(full).length)
                    .isBetween(1400 - 40, 1400);
        }
    }
}
