package io.swimdiscovery.core.wire;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes elements into an array the caller sized exactly with {@link WireSizes}. Refuses (with
 * {@link IllegalArgumentException}) anything over a {@link WireLimits} bound, so this node never
 * sends what a peer would reject.
 */
final class WireWriter {

    private final byte[] buf;
    private int pos;
    private int gossipWritten;
    private int metadataEntriesWritten;

    WireWriter(byte[] buf, int pos) {
        this.buf = buf;
        this.pos = pos;
    }

    int position() {
        return pos;
    }

    void u8(int v) {
        buf[pos++] = (byte) v;
    }

    void u16(int v) {
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    void u64(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (v >>> shift);
        }
    }

    void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    void string(String s, int maxBytes, String what) {
        int len = WireSizes.utf8(s);
        if (len > maxBytes) {
            throw new IllegalArgumentException(
                    what + " is " + len + " UTF-8 bytes; the wire format allows at most " + maxBytes);
        }
        varint(len);
        int start = pos;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                // Rare non-ASCII text: let the JDK encode it, from the start of the string.
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(bytes, 0, buf, start, bytes.length);
                pos = start + bytes.length;
                return;
            }
            buf[pos++] = (byte) c;
        }
    }

    void memberId(MemberId id) {
        string(id.name(), WireLimits.MAX_STRING_BYTES, "member name");
        address(id.address());
        u64(id.uid());
    }

    void address(Address a) {
        string(a.host(), WireLimits.MAX_STRING_BYTES, "member host");
        u16(a.port());
    }

    void metadata(Map<String, String> metadata) {
        if (metadata.size() > WireLimits.MAX_METADATA_ENTRIES) {
            throw new IllegalArgumentException("metadata has " + metadata.size() + " entries; at most "
                    + WireLimits.MAX_METADATA_ENTRIES + " allowed");
        }
        metadataEntriesWritten += metadata.size();
        if (metadataEntriesWritten > WireLimits.MAX_METADATA_ENTRIES_PER_PACKET) {
            throw new IllegalArgumentException(
                    "more than " + WireLimits.MAX_METADATA_ENTRIES_PER_PACKET + " metadata entries in one packet");
        }
        int start = pos;
        varint(metadata.size());
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            string(e.getKey(), WireLimits.MAX_STRING_BYTES, "metadata key");
            string(e.getValue(), WireLimits.MAX_METADATA_BYTES, "metadata value");
        }
        if (pos - start > WireLimits.MAX_METADATA_BYTES) {
            throw new IllegalArgumentException("metadata encodes to " + (pos - start) + " bytes; at most "
                    + WireLimits.MAX_METADATA_BYTES + " allowed");
        }
    }

    void gossip(Gossip g) {
        memberId(g.member());
        @Nullable String origin = g.origin();
        u8(g.status().ordinal()
                | (origin == null ? 0 : WireFormat.STATUS_HAS_ORIGIN)
                | (g.metadataOmitted() ? WireFormat.STATUS_METADATA_DIGEST : 0));
        varint(g.incarnation());
        if (g.metadataOmitted()) {
            u64(g.metadataDigest());
        } else {
            metadata(g.metadata());
        }
        if (origin != null) {
            string(origin, WireLimits.MAX_STRING_BYTES, "gossip origin");
        }
    }

    void message(Message m) {
        if (m instanceof Message.Ping p) {
            u8(p.reliable() ? WireFormat.TYPE_PING_RELIABLE : WireFormat.TYPE_PING);
            address(p.replyTo());
            varint(p.sequence());
            u64(p.targetUid());
        } else if (m instanceof Message.PingReq r) {
            u8(WireFormat.TYPE_PING_REQ);
            memberId(r.sender());
            varint(r.sequence());
            memberId(r.target());
        } else if (m instanceof Message.Ack a) {
            u8(WireFormat.TYPE_ACK);
            varint(a.sequence());
        } else if (m instanceof Message.Nack n) {
            u8(WireFormat.TYPE_NACK);
            varint(n.sequence());
        } else if (m instanceof Message.GossipPush g) {
            u8(WireFormat.TYPE_GOSSIP_PUSH);
            memberId(g.sender());
        } else if (m instanceof Message.Sync s) {
            u8(WireFormat.TYPE_SYNC);
            memberId(s.sender());
            u8((s.reply() ? WireFormat.SYNC_REPLY : 0)
                    | (s.join() ? WireFormat.SYNC_JOIN : 0)
                    | (s.partial() ? WireFormat.SYNC_PARTIAL : 0));
            if (s.partial()) {
                WireBuckets.writeMask(this, s.bucketCount(), s.buckets());
            }
        } else if (m instanceof Message.SyncDigest d) {
            boolean bucketed = !d.bucketSums().isEmpty();
            u8(bucketed ? WireFormat.TYPE_SYNC_DIGEST_BUCKETS : WireFormat.TYPE_SYNC_DIGEST);
            memberId(d.sender());
            u64(d.digest());
            if (bucketed) {
                WireBuckets.writeSums(this, d.bucketSums());
            }
        } else if (m instanceof Message.RoleHeartbeat h) {
            u8(WireFormat.TYPE_ROLE_HEARTBEAT);
            memberId(h.sender());
            string(h.group(), WireLimits.MAX_STRING_BYTES, "role group");
            varint(h.token());
            varint(h.round());
            varint(h.baseEpoch());
            varint(h.baseSeq());
            u8((h.release() ? WireFormat.ROLE_RELEASE : 0) | (h.forming() ? WireFormat.ROLE_FORMING : 0));
            roleBase(h.base());
        } else if (m instanceof Message.RoleEcho e) {
            u8(WireFormat.TYPE_ROLE_ECHO);
            memberId(e.sender());
            string(e.group(), WireLimits.MAX_STRING_BYTES, "role group");
            varint(e.token());
            varint(e.round());
            u8(e.endorsed() ? WireFormat.ROLE_ENDORSED : 0);
            varint(e.maxToken());
            varint(e.baseEpoch());
            varint(e.baseSeq());
            roleBase(e.base());
        } else {
            throw new IllegalArgumentException(
                    "unknown message type " + m.getClass().getName());
        }
        if (!WireSizes.hasGossipList(m)) {
            return;
        }
        List<Gossip> gossip = m.gossip();
        int max = WireSizes.maxGossip(m);
        if (gossip.size() > max) {
            throw new IllegalArgumentException(m.getClass().getSimpleName() + " carries " + gossip.size()
                    + " gossip items; at most " + max + " allowed");
        }
        gossipWritten += gossip.size();
        if (gossipWritten > WireLimits.MAX_GOSSIP_PER_PACKET) {
            throw new IllegalArgumentException(
                    "more than " + WireLimits.MAX_GOSSIP_PER_PACKET + " gossip items in one packet");
        }
        varint(gossip.size());
        for (int i = 0, n = gossip.size(); i < n; i++) {
            gossip(gossip.get(i));
        }
    }

    private void roleBase(List<String> base) {
        if (base.size() > WireLimits.MAX_ROLE_BASE) {
            throw new IllegalArgumentException(
                    "role base of " + base.size() + " members; at most " + WireLimits.MAX_ROLE_BASE + " allowed");
        }
        varint(base.size());
        for (int i = 0, n = base.size(); i < n; i++) {
            string(base.get(i), WireLimits.MAX_STRING_BYTES, "role base member");
        }
    }

    void body(List<Message> messages) {
        if (messages.size() == 1) {
            message(messages.get(0));
            return;
        }
        varint(messages.size());
        for (int i = 0, n = messages.size(); i < n; i++) {
            message(messages.get(i));
        }
    }
}
