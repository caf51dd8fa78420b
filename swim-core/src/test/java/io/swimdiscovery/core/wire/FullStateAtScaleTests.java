package io.swimdiscovery.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Directive;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.security.Keyring;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A full state of 10,000 members with 512 bytes of metadata each (about 5.7 MB) goes out as several
 * stream frames that the real codec encodes and decodes within its caps, and a receiver merges
 * chunk by chunk.
 */
class FullStateAtScaleTests {

    private static final int MEMBERS = 10_000;
    private final PacketCodec codec = new PacketCodec("scale", Keyring.empty(), EncryptionMode.NONE, 1400);

    /** 20 entries, 512 bytes as {@code SwimSettings.maxMetadataBytes} counts them (2 + key + value each). */
    static Map<String, String> metadata512(int i) {
        Map<String, String> m = new HashMap<>();
        for (int k = 0; k < 20; k++) {
            m.put("key-" + (k < 10 ? "0" : "") + k, String.format("%016d", (long) i * 31 + k));
        }
        m.put("key-pad", "x".repeat(512 - 20 * (2 + 6 + 16) - (2 + 7)));
        return m;
    }

    private static MemberId member(int i) {
        return new MemberId("node-" + i, new Address("10.1." + (i >> 8) + "." + (i & 255), 7946), i + 1L);
    }

    @Test
    void aFullStateOf10000MembersWith512ByteMetadata_roundTripsThroughTheCodecAsSeveralFrames() {
        assertThat(metadata512(7).entrySet().stream()
                        .mapToInt(e -> 2 + e.getKey().length() + e.getValue().length())
                        .sum())
                .isEqualTo(512);
        SwimSettings settings = SwimSettings.lan();
        MemberId self = member(MEMBERS);
        SwimInstance sender =
                new SwimInstance(settings, self, metadata512(MEMBERS), new SplittableRandom(1), codec.sizer(), 0);
        sender.start(0);
        List<Gossip> view = new ArrayList<>(MEMBERS);
        for (int i = 0; i < MEMBERS; i++) {
            view.add(new Gossip(member(i), MemberStatus.ALIVE, 0, metadata512(i), null));
        }
        sender.preload(view, 0);
        MemberId peer = member(0);

        // A peer whose view differs in every bucket (its bucket sums, the answer to our digest) gets
        // every member, the partial state of all buckets.
        List<Integer> allDiffer = java.util.Collections.nCopies(Message.SyncDigest.MAX_BUCKETS, 0);
        List<Directive> out = sender.onMessage(peer.address(), new Message.SyncDigest(peer, 12345, allDiffer), 1);
        List<Message.Sync> chunks = new ArrayList<>();
        for (Directive d : out) {
            if (d instanceof Directive.SendReliable r && r.message() instanceof Message.Sync s) {
                assertThat(r.to()).isEqualTo(peer.address());
                chunks.add(s);
            }
        }
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(c -> assertThat(c.reply()).isTrue());
        assertThat(chunks.get(chunks.size() - 1).reply())
                .as("only the last asks for an answer")
                .isFalse();

        Set<String> names = new HashSet<>();
        long totalBytes = 0;
        int largest = 0;
        for (Message.Sync chunk : chunks) {
            byte[] frame = codec.encodeStream(chunk);
            totalBytes += frame.length;
            largest = Math.max(largest, frame.length);
            DecodeResult result = codec.decodeStream(frame, 4, frame.length - 4);
            assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
            List<Message> decoded = ((DecodeResult.Decoded) result).messages();
            assertThat(decoded).containsExactly(chunk);
            for (Gossip g : decoded.get(0).gossip()) {
                assertThat(g.metadataOmitted()).isFalse();
                assertThat(g.metadata()).hasSize(21);
                names.add(g.member().name());
            }
        }
        assertThat(names).hasSize(MEMBERS + 1);
        assertThat(totalBytes).isBetween(5_000_000L, 6_500_000L);
        assertThat(largest).isLessThanOrEqualTo((1 << 20) + 1024);
    }
}
