package io.swimdiscovery.core.protocol;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One piece of membership news: what {@code origin} believes of {@code member}. Rides on probes
 * and acks and makes up the full state exchanged in a sync.
 *
 * @param member the member the news is about
 * @param status its status
 * @param incarnation the incarnation the news refers to; only the member itself raises it
 * @param metadata the member's metadata at that incarnation (carried with every status so a
 *     member first learnt of while suspect is still discoverable)
 * @param origin name of the member that raised a suspicion, used by Lifeguard to count
 *     independent confirmations; {@code null} for other statuses
 */
public record Gossip(
        MemberId member, MemberStatus status, long incarnation, Map<String, String> metadata, @Nullable String origin) {

    public Gossip {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(status, "status");
        metadata = Map.copyOf(metadata);
        if (incarnation < 0) {
            throw new IllegalArgumentException("incarnation must be >= 0");
        }
    }

    /** Whether this news should replace {@code other}, news about the same uid (never true across uids). */
    public boolean supersedes(Gossip other) {
        return Precedence.compare(this, other) > 0;
    }
}
