package io.swimdiscovery.core.wire;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.Message;
import java.util.List;
import java.util.Map;

/**
 * Exact encoded sizes of every element, computed without allocating. The encoder sizes its output
 * array with these, and {@link WirePacketSizer} hands them to the engine, so the two can never
 * disagree.
 */
final class WireSizes {

    /** Header, nonce and GCM tag of a sealed packet. */
    static final int SEALED_OVERHEAD = WireFormat.HEADER_BYTES + 12 + 16;

    private WireSizes() {}

    static int varint(long value) {
        if (value < 0) {
            return 10;
        }
        return (64 - Long.numberOfLeadingZeros(value | 1) + 6) / 7;
    }

    /**
     * UTF-8 length as {@link String#getBytes} produces it: an unpaired surrogate becomes one
     * {@code '?'} byte.
     */
    static int utf8(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // two chars, four bytes
                i++;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            }
        }
        return bytes;
    }

    static int string(String s) {
        int len = utf8(s);
        return varint(len) + len;
    }

    static int address(Address a) {
        return string(a.host()) + 2;
    }

    static int memberId(MemberId id) {
        return string(id.name()) + address(id.address()) + 8;
    }

    static int metadata(Map<String, String> metadata) {
        int size = varint(metadata.size());
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            size += string(e.getKey()) + string(e.getValue());
        }
        return size;
    }

    static int gossip(Gossip g) {
        String origin = g.origin();
        return memberId(g.member())
                + 1
                + varint(g.incarnation())
                + (g.metadataOmitted() ? 8 : metadata(g.metadata()))
                + (origin == null ? 0 : string(origin));
    }

    /** Type byte and every field before the gossip list. */
    static int fixedFields(Message m) {
        if (m instanceof Message.Ping p) {
            return 1 + address(p.replyTo()) + varint(p.sequence()) + 8;
        } else if (m instanceof Message.PingReq r) {
            return 1 + memberId(r.sender()) + varint(r.sequence()) + memberId(r.target());
        } else if (m instanceof Message.Ack a) {
            return 1 + varint(a.sequence());
        } else if (m instanceof Message.Nack n) {
            return 1 + varint(n.sequence());
        } else if (m instanceof Message.GossipPush g) {
            return 1 + memberId(g.sender());
        } else if (m instanceof Message.Sync s) {
            return 1 + memberId(s.sender()) + 1 + (s.partial() ? WireBuckets.maskSize(s.bucketCount()) : 0);
        } else if (m instanceof Message.SyncDigest d) {
            int sums = d.bucketSums().size();
            return 1 + memberId(d.sender()) + 8 + (sums == 0 ? 0 : WireBuckets.sumsSize(sums));
        } else if (m instanceof Message.RoleHeartbeat h) {
            return 1
                    + memberId(h.sender())
                    + string(h.group())
                    + varint(h.token())
                    + varint(h.round())
                    + varint(h.baseEpoch())
                    + varint(h.baseSeq())
                    + 1
                    + roleBase(h.base());
        } else if (m instanceof Message.RoleEcho e) {
            return 1
                    + memberId(e.sender())
                    + string(e.group())
                    + varint(e.token())
                    + varint(e.round())
                    + 1
                    + varint(e.maxToken())
                    + varint(e.baseEpoch())
                    + varint(e.baseSeq())
                    + roleBase(e.base());
        }
        throw new IllegalArgumentException(
                "unknown message type " + m.getClass().getName());
    }

    static int gossipList(List<Gossip> gossip) {
        int size = varint(gossip.size());
        for (int i = 0, n = gossip.size(); i < n; i++) {
            size += gossip(gossip.get(i));
        }
        return size;
    }

    static int message(Message m) {
        return hasGossipList(m) ? fixedFields(m) + gossipList(m.gossip()) : fixedFields(m);
    }

    private static int roleBase(List<String> base) {
        int size = varint(base.size());
        for (int i = 0, n = base.size(); i < n; i++) {
            size += string(base.get(i));
        }
        return size;
    }

    /** Whether {@code m}'s type ends with a gossip list: every type but the digest and the role messages. */
    static boolean hasGossipList(Message m) {
        return !(m instanceof Message.SyncDigest
                || m instanceof Message.RoleHeartbeat
                || m instanceof Message.RoleEcho);
    }

    /** The body of a packet holding {@code messages}: one message, or a compound. */
    static int body(List<Message> messages) {
        if (messages.size() == 1) {
            return message(messages.get(0));
        }
        int size = varint(messages.size());
        for (int i = 0, n = messages.size(); i < n; i++) {
            size += message(messages.get(i));
        }
        return size;
    }

    static int plaintextOverhead(int clusterLabelSize) {
        return WireFormat.HEADER_BYTES + clusterLabelSize + WireFormat.CRC_BYTES;
    }

    /** Most gossip items {@code m}'s type may carry. */
    static int maxGossip(Message m) {
        return m instanceof Message.Sync ? WireLimits.MAX_SYNC_MEMBERS : WireLimits.MAX_GOSSIP_PER_MESSAGE;
    }
}
