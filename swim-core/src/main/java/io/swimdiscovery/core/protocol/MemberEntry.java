package io.swimdiscovery.core.protocol;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** This node's mutable record of one member; the engine hands out {@link Member} snapshots. */
final class MemberEntry {

    MemberId id;
    MemberStatus status;
    long incarnation;
    Map<String, String> metadata;
    long statusChangedAtNanos;
    /** Set while suspect: the Lifeguard timer. */
    @Nullable
    Suspicion suspicion;
    /** Position in {@link MemberTable}'s live array, or -1. Kept here, not in a map: a table has n entries on each of n members. */
    int liveSlot = -1;
    /** Whether the entry is in {@link ProbeSchedule}'s order. */
    boolean scheduled;
    /** Moves on with every status change: a timer set in one episode is void in the next. */
    long episode;
    /** The uid this entry's process replaced under the same name (0 if none): news about it is stale. */
    long retiredUid;
    /** This entry's share of {@link MemberTable#digest()}, 0 while it is not counted. */
    long digestShare;

    MemberEntry(MemberId id, MemberStatus status, long incarnation, Map<String, String> metadata, long now) {
        this.id = id;
        this.status = status;
        this.incarnation = incarnation;
        this.metadata = metadata;
        this.statusChangedAtNanos = now;
    }

    Member snapshot() {
        return new Member(id, status, incarnation, metadata, statusChangedAtNanos);
    }

    Gossip toGossip(@Nullable String origin) {
        return new Gossip(id, status, incarnation, metadata, status == MemberStatus.SUSPECT ? origin : null);
    }
}
