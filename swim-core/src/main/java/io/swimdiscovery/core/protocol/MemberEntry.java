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
    /**
     * The snapshot {@link #viewSnapshot} last made, reused while it still shows this entry. The
     * published view is rebuilt after every batch with membership events; without reuse a join
     * of n members made n new snapshots per rebuild on each member (a third of all allocation
     * of a 300-node formation).
     */
    private @Nullable Member lastSnapshot;

    MemberEntry(MemberId id, MemberStatus status, long incarnation, Map<String, String> metadata, long now) {
        this.id = id;
        this.status = status;
        this.incarnation = incarnation;
        this.metadata = metadata;
        this.statusChangedAtNanos = now;
    }

    /** This entry as a {@link Member}: the kept snapshot if it still shows it, else a new one. */
    Member snapshot() {
        Member kept = lastSnapshot;
        return kept != null && shows(kept) ? kept : newSnapshot();
    }

    /**
     * As {@link #snapshot}, and keeps a new one for reuse. Only the member list of the published
     * view calls this (it holds every snapshot anyway), so an engine nobody reads, such as each
     * node of a large simulation, keeps none.
     */
    Member viewSnapshot() {
        Member kept = lastSnapshot;
        if (kept == null || !shows(kept)) {
            kept = newSnapshot();
            lastSnapshot = kept;
        }
        return kept;
    }

    private Member newSnapshot() {
        return new Member(id, status, incarnation, metadata, statusChangedAtNanos);
    }

    /**
     * Whether {@code s} shows this entry as it is. Identity, not equality: every field is
     * replaced, never mutated, on a change, and metadata maps are immutable ({@code Map.copyOf}
     * in {@code Member} returns them as they are), so this is five reference or value compares.
     * A false "changed" only costs a new snapshot.
     */
    @SuppressWarnings("ReferenceEquality") // identity on purpose: see above
    private boolean shows(Member s) {
        return s.id() == id
                && s.status() == status
                && s.incarnation() == incarnation
                && s.statusChangedAtNanos() == statusChangedAtNanos
                && s.metadata() == metadata;
    }

    Gossip toGossip(@Nullable String origin) {
        return new Gossip(id, status, incarnation, metadata, status == MemberStatus.SUSPECT ? origin : null);
    }
}
