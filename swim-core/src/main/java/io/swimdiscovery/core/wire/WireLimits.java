package io.swimdiscovery.core.wire;

/**
 * Hard limits of wire format version 1 (docs/wire-format.md section 5). The decoder checks every
 * length and count against these before it allocates anything, and the encoder refuses to write
 * what a peer's decoder would reject.
 */
final class WireLimits {

    /** Longest member name, host, cluster name, gossip origin or metadata key, in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = 255;

    /** Most members in a role group's base (RoleSettings.MAX_GROUP_SIZE). */
    public static final int MAX_ROLE_BASE = 1024;

    /** Most metadata entries one member may publish. */
    public static final int MAX_METADATA_ENTRIES = 256;

    /**
     * Largest encoded metadata map (entry count plus every key and value, with their length
     * prefixes). At least half of the largest datagram, because {@code SwimSettings} allows
     * {@code maxMetadataBytes} up to half of {@code maxPacketSize}.
     */
    public static final int MAX_METADATA_BYTES = 32_768;

    /** Most gossip items one message other than a Sync may carry. */
    public static final int MAX_GOSSIP_PER_MESSAGE = 1_024;

    /** Most members one Sync (full state) may carry: a 10,000+ member cluster with headroom. */
    public static final int MAX_SYNC_MEMBERS = 65_536;

    /**
     * Most gossip items in one packet, all its messages together: a compound of Syncs cannot
     * multiply {@link #MAX_SYNC_MEMBERS}.
     */
    public static final int MAX_GOSSIP_PER_PACKET = MAX_SYNC_MEMBERS;

    /**
     * Most metadata entries in one packet, all gossip items together (10,000 members with 13
     * entries each), so a 16 MiB frame of tiny entries cannot make the decoder build millions of
     * map entries.
     */
    public static final int MAX_METADATA_ENTRIES_PER_PACKET = 131_072;

    /** Most buckets in a bucketed SyncDigest or a partial Sync's mask (Message.SyncDigest.MAX_BUCKETS). */
    public static final int MAX_SYNC_BUCKETS = 1024;

    /** Most messages in one compound packet. */
    public static final int MAX_COMPOUND_MESSAGES = 64;

    /** Largest datagram accepted: the largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM_BYTES = 65_507;

    /** Largest stream (TCP) frame body: a Sync of 10,000 members with 512-byte metadata is ~6 MiB. */
    public static final int MAX_STREAM_FRAME_BYTES = 16 * 1024 * 1024;

    /** Smallest encoded gossip item: 1-byte name and host, port, uid, status, incarnation, no metadata. */
    static final int MIN_GOSSIP_BYTES = 17;

    /** Smallest encoded metadata entry: two empty strings. */
    static final int MIN_METADATA_ENTRY_BYTES = 2;

    /** Smallest encoded message: an ack (type, a 1-byte sequence, an empty gossip list). */
    static final int MIN_MESSAGE_BYTES = 3;

    private WireLimits() {}
}
