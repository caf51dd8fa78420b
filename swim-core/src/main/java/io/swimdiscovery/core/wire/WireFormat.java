package io.swimdiscovery.core.wire;

/** Constants of the packet layout (docs/wire-format.md sections 1 and 4). */
final class WireFormat {

    static final byte MAGIC_0 = 0x53; // 'S'
    static final byte MAGIC_1 = 0x57; // 'W'
    static final int VERSION = 1;

    static final int FLAG_SEALED = 0x01;
    static final int FLAG_COMPOUND = 0x02;
    static final int KNOWN_FLAGS = FLAG_SEALED | FLAG_COMPOUND;

    static final int HEADER_BYTES = 4;
    static final int CRC_BYTES = 4;
    static final int FRAME_PREFIX_BYTES = 4;

    static final int TYPE_PING = 1;
    static final int TYPE_PING_REQ = 2;
    static final int TYPE_ACK = 3;
    static final int TYPE_NACK = 4;
    static final int TYPE_GOSSIP_PUSH = 5;
    static final int TYPE_SYNC = 6;
    static final int TYPE_SYNC_DIGEST = 7;
    /** A {@code Ping} sent over a stream, to be answered over a stream: the layout of type 1. */
    static final int TYPE_PING_RELIABLE = 8;

    /** Roles (docs/roles.md): a claim's heartbeat, and a member's answer to one. */
    static final int TYPE_ROLE_HEARTBEAT = 9;

    static final int TYPE_ROLE_ECHO = 10;

    /** A {@code SyncDigest} carrying bucket sums (delta anti-entropy): type 7's fields, then the sums. */
    static final int TYPE_SYNC_DIGEST_BUCKETS = 11;

    static final int ROLE_RELEASE = 0x01;
    static final int ROLE_FORMING = 0x02;
    static final int ROLE_ENDORSED = 0x01;

    static final int SYNC_REPLY = 0x01;
    static final int SYNC_JOIN = 0x02;
    /** A partial state: the bucket count and mask follow the flags. */
    static final int SYNC_PARTIAL = 0x04;

    static final int STATUS_MASK = 0x07;
    static final int STATUS_HAS_ORIGIN = 0x08;
    /** The item carries a 64-bit digest of the member's metadata instead of the map. */
    static final int STATUS_METADATA_DIGEST = 0x10;

    private WireFormat() {}

    static void writeHeader(byte[] buf, int off, int flags) {
        buf[off] = MAGIC_0;
        buf[off + 1] = MAGIC_1;
        buf[off + 2] = (byte) VERSION;
        buf[off + 3] = (byte) flags;
    }

    /**
     * Checks the size bound and the 4 header bytes.
     *
     * @return the flags byte
     * @throws MalformedPacketException naming the first thing wrong
     */
    static int readHeader(byte[] buf, int off, int len, int maxBytes) {
        if (len > maxBytes) {
            throw new MalformedPacketException(RejectReason.TOO_LARGE, len + " bytes, limit " + maxBytes);
        }
        if (len < HEADER_BYTES) {
            throw new MalformedPacketException(RejectReason.TRUNCATED, len + " bytes, no room for the header");
        }
        if (buf[off] != MAGIC_0 || buf[off + 1] != MAGIC_1) {
            throw new MalformedPacketException(
                    RejectReason.BAD_MAGIC, String.format("0x%02x%02x", buf[off] & 0xFF, buf[off + 1] & 0xFF));
        }
        int version = buf[off + 2] & 0xFF;
        if (version != VERSION) {
            throw new MalformedPacketException(RejectReason.UNKNOWN_VERSION, "version " + version);
        }
        int flags = buf[off + 3] & 0xFF;
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new MalformedPacketException(RejectReason.UNKNOWN_FLAGS, String.format("flags 0x%02x", flags));
        }
        return flags;
    }
}
