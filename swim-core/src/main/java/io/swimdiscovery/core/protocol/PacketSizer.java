package io.swimdiscovery.core.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Encoded sizes, so the engine can fill a datagram with gossip up to the byte budget without
 * depending on the codec. The wire codec supplies the exact sizer; {@link #ESTIMATE} is a safe
 * over-estimate for tests that run without it.
 */
public interface PacketSizer {

    /** Bytes one piece of gossip takes on the wire. */
    int sizeOf(Gossip gossip);

    /** Bytes {@code message} takes on the wire with no gossip attached, headers included. */
    int baseSizeOf(Message message);

    /** Upper bound of the codec's sizes (varints counted at their widest). */
    PacketSizer ESTIMATE = new PacketSizer() {
        @Override
        public int sizeOf(Gossip g) {
            return 2
                    + idSize(g.member())
                    + 10
                    + (g.metadataOmitted() ? 8 : metadataSize(g.metadata()))
                    + (g.origin() == null ? 1 : 2 + utf8(g.origin()));
        }

        @Override
        public int baseSizeOf(Message m) {
            int size = 64;
            MemberId sender = Message.senderOf(m);
            if (sender != null) {
                size += idSize(sender);
            }
            if (m instanceof Message.Ping p) {
                size += 2 + utf8(p.replyTo().host()) + 3 + 8;
            } else if (m instanceof Message.PingReq r) {
                size += idSize(r.target());
            } else if (m instanceof Message.Sync s && s.partial()) {
                size += 4 + s.bucketCount() / 8 + 1;
            } else if (m instanceof Message.SyncDigest d) {
                size += 2 + 4 * d.bucketSums().size();
            }
            return size;
        }

        private int idSize(MemberId id) {
            return 2 + utf8(id.name()) + 2 + utf8(id.address().host()) + 3 + 10;
        }

        private int metadataSize(Map<String, String> metadata) {
            int size = 2;
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                size += 4 + utf8(e.getKey()) + utf8(e.getValue());
            }
            return size;
        }

        private int utf8(String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
    };
}
