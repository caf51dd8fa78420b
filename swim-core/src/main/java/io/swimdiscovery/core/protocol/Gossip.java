package io.swimdiscovery.core.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One piece of membership news: what {@code origin} believes of {@code member}. Rides on probes
 * and acks and makes up the full state exchanged in a sync.
 *
 * <p>News relayed about another member usually leaves its metadata out and names it by a digest
 * instead ({@link #withoutMetadata()}): a member's metadata is fixed by its uid and incarnation
 * (every change raises the incarnation), so a receiver that holds it already completes the news
 * from its own table, and one that does not verifies the news with a ping to the member, whose
 * answer carries the member's own full record (docs/protocol.md, "Join news without metadata").
 *
 * @param member the member the news is about
 * @param status its status
 * @param incarnation the incarnation the news refers to; only the member itself raises it
 * @param metadata the member's metadata at that incarnation; empty when it was left out
 * @param origin name of the member that raised a suspicion, used by Lifeguard to count
 *     independent confirmations; {@code null} for other statuses
 * @param metadataDigest 0 when {@code metadata} is carried in full; otherwise
 *     {@link #digestOf(Map)} of the metadata left out
 */
public record Gossip(
        MemberId member,
        MemberStatus status,
        long incarnation,
        Map<String, String> metadata,
        @Nullable String origin,
        long metadataDigest) {

    public Gossip {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(status, "status");
        metadata = Map.copyOf(metadata);
        if (incarnation < 0) {
            throw new IllegalArgumentException("incarnation must be >= 0");
        }
        if (metadataDigest != 0 && !metadata.isEmpty()) {
            throw new IllegalArgumentException("news carries either its metadata or a digest of it, not both");
        }
    }

    /** News with its metadata in full. */
    public Gossip(
            MemberId member,
            MemberStatus status,
            long incarnation,
            Map<String, String> metadata,
            @Nullable String origin) {
        this(member, status, incarnation, metadata, origin, 0);
    }

    /** Whether this news is about this member's metadata by digest only (the map is empty). */
    public boolean metadataOmitted() {
        return metadataDigest != 0;
    }

    /** This news with its metadata replaced by its digest (this, if it already is). */
    public Gossip withoutMetadata() {
        return metadataOmitted() ? this : new Gossip(member, status, incarnation, Map.of(), origin, digestOf(metadata));
    }

    /** This news with {@code full} as its metadata (the map a receiver holds for the same incarnation). */
    Gossip withMetadata(Map<String, String> full) {
        return new Gossip(member, status, incarnation, full, origin, 0);
    }

    /** Whether {@code full} is the metadata this news carries or names by digest. */
    boolean hasMetadata(Map<String, String> full) {
        return metadataOmitted() ? digestOf(full) == metadataDigest : metadata.equals(full);
    }

    /** Whether this news should replace {@code other}, news about the same uid (never true across uids). */
    public boolean supersedes(Gossip other) {
        return Precedence.compare(this, other) > 0;
    }

    /**
     * A 64-bit fingerprint of a metadata map, the same on every JVM and independent of map order:
     * FNV-1a over the UTF-16 code units of the entries sorted by key, each key and value followed by its
     * length so entry boundaries count, then SplitMix64's finaliser. Never 0.
     */
    public static long digestOf(Map<String, String> metadata) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(metadata.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        long h = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> e : entries) {
            h = fnv(fnv(h, e.getKey()), e.getValue());
        }
        h ^= metadata.size();
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h == 0 ? 1 : h;
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return (h ^ s.length()) * 0x100000001b3L;
    }
}
