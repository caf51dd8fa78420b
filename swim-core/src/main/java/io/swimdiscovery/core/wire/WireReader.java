package io.swimdiscovery.core.wire;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.Message;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Bounded reader over {@code buf[pos, limit)}. Every length and count is checked against its
 * {@link WireLimits} bound and against the bytes left before anything is allocated; any violation
 * throws {@link MalformedPacketException}, which the codec's entry point turns into a rejection.
 */
final class WireReader {

    private static final MemberStatus[] STATUSES = MemberStatus.values();
    private static final String[] ASCII = new String[128];

    static {
        for (char c = 0; c < ASCII.length; c++) {
            ASCII[c] = String.valueOf(c).intern();
        }
    }

    private final byte[] buf;
    private int pos;
    private final int limit;
    /** Packet-wide allowances, so limits per item cannot be multiplied by many items. */
    private int gossipLeft = WireLimits.MAX_GOSSIP_PER_PACKET;

    private int metadataEntriesLeft = WireLimits.MAX_METADATA_ENTRIES_PER_PACKET;

    WireReader(byte[] buf, int pos, int limit) {
        this.buf = buf;
        this.pos = pos;
        this.limit = limit;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return limit - pos;
    }

    private void need(int n, String what) {
        if (limit - pos < n) {
            throw new MalformedPacketException(
                    RejectReason.TRUNCATED, what + " needs " + n + " bytes, " + (limit - pos) + " left");
        }
    }

    int u8(String what) {
        need(1, what);
        return buf[pos++] & 0xFF;
    }

    int u16(String what) {
        need(2, what);
        int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u64(String what) {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    /** Unsigned LEB128, at most 10 bytes, minimal. */
    long varint(String what) {
        long result = 0;
        for (int i = 0; i < 10; i++) {
            int b = u8(what);
            if (i == 9 && b > 1) {
                throw new MalformedPacketException(RejectReason.BAD_VARINT, what + " exceeds 64 bits");
            }
            result |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new MalformedPacketException(RejectReason.BAD_VARINT, what + " is not minimally encoded");
                }
                return result;
            }
        }
        throw new MalformedPacketException(RejectReason.BAD_VARINT, what + " is longer than 10 bytes");
    }

    /**
     * A count checked against its hard limit and against what the remaining bytes can hold at
     * {@code minItemBytes} each, so the caller may allocate {@code count} slots.
     */
    int count(int max, int minItemBytes, String what) {
        long count = varint(what);
        if (count < 0 || count > max) {
            throw new MalformedPacketException(
                    RejectReason.LIMIT_EXCEEDED,
                    what + " " + Long.toUnsignedString(count) + " over the limit of " + max);
        }
        if (count * minItemBytes > remaining()) {
            throw new MalformedPacketException(
                    RejectReason.LIMIT_EXCEEDED,
                    what + " " + count + " cannot fit in the " + remaining() + " bytes left");
        }
        return (int) count;
    }

    String string(int maxBytes, boolean allowEmpty, String what) {
        long len = varint(what);
        if (len < 0 || len > maxBytes) {
            throw new MalformedPacketException(
                    RejectReason.LIMIT_EXCEEDED,
                    what + " of " + Long.toUnsignedString(len) + " bytes over the limit of " + maxBytes);
        }
        if (len == 0 && !allowEmpty) {
            throw new MalformedPacketException(RejectReason.INVALID_FIELD, what + " is empty");
        }
        int n = (int) len;
        need(n, what);
        int start = pos;
        pos += n;
        if (n <= 1) {
            // Shared instances: a hostile packet of empty and one-letter strings must not turn
            // each of its bytes into a fresh object.
            if (n == 0) {
                return "";
            }
            if (buf[start] >= 0) {
                return ASCII[buf[start]];
            }
        }
        for (int i = start; i < start + n; i++) {
            if (buf[i] < 0) {
                return utf8(start, n, what);
            }
        }
        // All ASCII: Latin-1 decoding is a straight copy into a compact string.
        return new String(buf, start, n, StandardCharsets.ISO_8859_1);
    }

    private String utf8(int start, int n, String what) {
        // The JDK's intrinsic decoder replaces malformed input with U+FFFD; only when that
        // character shows up is the strict (slower) decoder needed to tell the two apart.
        String lenient = new String(buf, start, n, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return lenient;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, start, n))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPacketException(RejectReason.BAD_STRING, what + " is not valid UTF-8");
        }
    }

    /**
     * Reads the cluster label of a plaintext packet and compares its bytes with {@code expected}
     * (the UTF-8 cluster name) without building a string.
     *
     * @return {@code null} if it matches, else the label received (for the rejection detail)
     */
    @Nullable
    String mismatchedLabel(byte[] expected) {
        long len = varint("cluster label length");
        if (len < 0 || len > WireLimits.MAX_STRING_BYTES) {
            throw new MalformedPacketException(
                    RejectReason.LIMIT_EXCEEDED,
                    "cluster label of " + Long.toUnsignedString(len) + " bytes over the limit of "
                            + WireLimits.MAX_STRING_BYTES);
        }
        int n = (int) len;
        need(n, "cluster label");
        int start = pos;
        pos += n;
        if (Arrays.equals(buf, start, start + n, expected, 0, expected.length)) {
            return null;
        }
        return printable(new String(buf, start, n, StandardCharsets.UTF_8));
    }

    /** The label goes into a log line: control characters from a stranger's packet must not. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return b.toString();
    }

    MemberId memberId() {
        // Constant labels: the hot path must not build strings for error details it rarely needs.
        String name = string(WireLimits.MAX_STRING_BYTES, false, "member name");
        return new MemberId(name, address(), u64("member uid"));
    }

    Address address() {
        String host = string(WireLimits.MAX_STRING_BYTES, false, "member host");
        if (host.charAt(0) == '[') {
            // Address strips brackets, so the encoder never writes them; "[]" would become an empty host.
            throw new MalformedPacketException(RejectReason.INVALID_FIELD, "member host in brackets");
        }
        return new Address(host, u16("member port"));
    }

    Map<String, String> metadata() {
        int start = pos;
        int n = count(WireLimits.MAX_METADATA_ENTRIES, WireLimits.MIN_METADATA_ENTRY_BYTES, "metadata entries");
        metadataEntriesLeft -= n;
        if (metadataEntriesLeft < 0) {
            throw new MalformedPacketException(
                    RejectReason.LIMIT_EXCEEDED,
                    "more than " + WireLimits.MAX_METADATA_ENTRIES_PER_PACKET + " metadata entries in one packet");
        }
        if (n == 0) {
            return Map.of();
        }
        String[] kv = new String[2 * n];
        for (int i = 0; i < n; i++) {
            kv[2 * i] = string(WireLimits.MAX_STRING_BYTES, true, "metadata key");
            int budget = WireLimits.MAX_METADATA_BYTES - (pos - start);
            kv[2 * i + 1] = string(Math.max(budget, 0), true, "metadata value");
        }
        if (pos - start > WireLimits.MAX_METADATA_BYTES) {
            throw new MalformedPacketException(
                    RejectReason.LIMIT_EXCEEDED,
                    "metadata of " + (pos - start) + " bytes over the limit of " + WireLimits.MAX_METADATA_BYTES);
        }
        return MetadataMaps.immutable(kv, n);
    }

    Gossip gossip() {
        MemberId member = memberId();
        int statusByte = u8("gossip status");
        int code = statusByte & WireFormat.STATUS_MASK;
        int known = WireFormat.STATUS_MASK | WireFormat.STATUS_HAS_ORIGIN | WireFormat.STATUS_METADATA_DIGEST;
        if ((statusByte & ~known) != 0 || code >= STATUSES.length) {
            throw new MalformedPacketException(
                    RejectReason.INVALID_FIELD, String.format("gossip status byte 0x%02x", statusByte));
        }
        long incarnation = varint("incarnation");
        if (incarnation < 0) {
            throw new MalformedPacketException(RejectReason.INVALID_FIELD, "incarnation above 2^63-1");
        }
        long digest = 0;
        Map<String, String> metadata = Map.of();
        if ((statusByte & WireFormat.STATUS_METADATA_DIGEST) != 0) {
            digest = u64("metadata digest");
            if (digest == 0) {
                throw new MalformedPacketException(RejectReason.INVALID_FIELD, "metadata digest 0");
            }
        } else {
            metadata = metadata();
        }
        @Nullable
        String origin = (statusByte & WireFormat.STATUS_HAS_ORIGIN) != 0
                ? string(WireLimits.MAX_STRING_BYTES, true, "gossip origin")
                : null;
        return new Gossip(member, STATUSES[code], incarnation, metadata, origin, digest);
    }

    List<Gossip> gossipList(int max) {
        int n = count(max, WireLimits.MIN_GOSSIP_BYTES, "gossip count");
        gossipLeft -= n;
        if (gossipLeft < 0) {
            throw new MalformedPacketException(
                    RejectReason.LIMIT_EXCEEDED,
                    "more than " + WireLimits.MAX_GOSSIP_PER_PACKET + " gossip items in one packet");
        }
        if (n == 0) {
            return List.of();
        }
        Gossip[] items = new Gossip[n];
        for (int i = 0; i < n; i++) {
            items[i] = gossip();
        }
        return Arrays.asList(items);
    }

    Message message() {
        int type = u8("message type");
        MemberId sender;
        long sequence;
        switch (type) {
            case WireFormat.TYPE_PING:
            case WireFormat.TYPE_PING_RELIABLE:
                Address replyTo = address();
                sequence = varint("sequence");
                return new Message.Ping(
                        replyTo,
                        sequence,
                        u64("target uid"),
                        gossipList(WireLimits.MAX_GOSSIP_PER_MESSAGE),
                        type == WireFormat.TYPE_PING_RELIABLE);
            case WireFormat.TYPE_PING_REQ:
                sender = memberId();
                sequence = varint("sequence");
                return new Message.PingReq(sender, sequence, memberId(), gossipList(WireLimits.MAX_GOSSIP_PER_MESSAGE));
            case WireFormat.TYPE_ACK:
                sequence = varint("sequence");
                return new Message.Ack(sequence, gossipList(WireLimits.MAX_GOSSIP_PER_MESSAGE));
            case WireFormat.TYPE_NACK:
                sequence = varint("sequence");
                return new Message.Nack(sequence, gossipList(WireLimits.MAX_GOSSIP_PER_MESSAGE));
            case WireFormat.TYPE_GOSSIP_PUSH:
                return new Message.GossipPush(memberId(), gossipList(WireLimits.MAX_GOSSIP_PER_MESSAGE));
            case WireFormat.TYPE_SYNC:
                sender = memberId();
                int flags = u8("sync flags");
                if ((flags & ~(WireFormat.SYNC_REPLY | WireFormat.SYNC_JOIN | WireFormat.SYNC_PARTIAL)) != 0) {
                    throw new MalformedPacketException(
                            RejectReason.INVALID_FIELD, String.format("sync flags 0x%02x", flags));
                }
                int buckets = 0;
                List<Integer> mask = List.of();
                if ((flags & WireFormat.SYNC_PARTIAL) != 0) {
                    buckets = WireBuckets.bucketCount(this, "sync bucket count");
                    mask = WireBuckets.readMask(this, buckets);
                }
                return new Message.Sync(
                        sender,
                        (flags & WireFormat.SYNC_REPLY) != 0,
                        (flags & WireFormat.SYNC_JOIN) != 0,
                        gossipList(WireLimits.MAX_SYNC_MEMBERS),
                        buckets,
                        mask);
            case WireFormat.TYPE_SYNC_DIGEST:
                sender = memberId();
                return new Message.SyncDigest(sender, u64("view digest"));
            case WireFormat.TYPE_SYNC_DIGEST_BUCKETS:
                sender = memberId();
                long digest = u64("view digest");
                int count = WireBuckets.bucketCount(this, "digest bucket count");
                return new Message.SyncDigest(sender, digest, WireBuckets.readSums(this, count));
            case WireFormat.TYPE_ROLE_HEARTBEAT:
                return roleHeartbeat();
            case WireFormat.TYPE_ROLE_ECHO:
                return roleEcho();
            default:
                throw new MalformedPacketException(RejectReason.UNKNOWN_TYPE, "message type " + type);
        }
    }

    // The role messages' fields belong to the role protocol: RoleWireReader reads them.
    private Message roleHeartbeat() {
        return RoleWireReader.heartbeat(this);
    }

    private Message roleEcho() {
        return RoleWireReader.echo(this);
    }

    /** The whole body up to the limit: one message, or a compound; nothing may be left over. */
    List<Message> body(boolean compound) {
        List<Message> messages;
        if (compound) {
            int n = count(WireLimits.MAX_COMPOUND_MESSAGES, WireLimits.MIN_MESSAGE_BYTES, "compound count");
            if (n == 0) {
                throw new MalformedPacketException(RejectReason.INVALID_FIELD, "compound of 0 messages");
            }
            Message[] items = new Message[n];
            for (int i = 0; i < n; i++) {
                items[i] = message();
            }
            messages = List.of(items);
        } else {
            messages = List.of(message());
        }
        if (pos != limit) {
            throw new MalformedPacketException(
                    RejectReason.TRAILING_BYTES, (limit - pos) + " bytes after the last message");
        }
        return messages;
    }
}
