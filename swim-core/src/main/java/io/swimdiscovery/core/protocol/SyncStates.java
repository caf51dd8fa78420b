package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.protocol.Message.Sync;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the states anti-entropy sends: this node's whole view (join, reconnect to a seed, rejoin
 * announcement, an answer to a full state), or only its members of some name buckets (the delta
 * after a bucketed digest, see {@link Message.SyncDigest}), split into frames of bounded size.
 *
 * <p>A partial state is built by one pass over the table, testing each name's bucket: O(n) hashes
 * of a name, the same order of work as the full state it replaces, but only the members of the
 * differing buckets are copied, sized and sent.
 */
final class SyncStates {

    /**
     * Largest state frame, in the sizer's bytes: a bigger state goes out as several Syncs, so no
     * frame comes near the stream frame limit and a receiver holds one chunk at a time, merged as
     * it arrives.
     */
    static final int SYNC_CHUNK_BYTES = 1 << 20;

    /** Most members in one state frame. */
    static final int SYNC_CHUNK_MEMBERS = 8192;

    /** Most metadata entries, all members together, in one state frame (the codec's per-packet cap is 131,072). */
    static final int SYNC_CHUNK_METADATA_ENTRIES = 65_536;

    private final MemberTable table;
    private final FailedMembers failed;
    private final LocalMember local;
    private final PacketSizer sizer;

    SyncStates(MemberTable table, FailedMembers failed, LocalMember local, PacketSizer sizer) {
        this.table = table;
        this.failed = failed;
        this.local = local;
        this.sizer = sizer;
    }

    /**
     * This node's whole view, tombstones included, with every member's metadata in full. If the
     * recipient is a uid this node holds for dead, its death is in the state even after the
     * tombstone went, so it learns it and rejoins.
     */
    List<Sync> full(boolean reply, boolean join, @Nullable MemberId recipient) {
        List<Gossip> state = new ArrayList<>(table.size() + 1);
        for (MemberEntry e : table.all()) {
            state.add(e.toGossip(local.name()));
        }
        addRecipientDeath(state, recipient);
        return chunks(state, reply, join, 0, List.of());
    }

    /**
     * This node's members (tombstones included: a member dead here and alive there is what a
     * differing bucket often means) whose names fall in {@code buckets} of {@code bucketCount}, and
     * the recipient's death as in {@link #full}, whatever its bucket.
     */
    List<Sync> partial(boolean reply, int bucketCount, List<Integer> buckets, @Nullable MemberId recipient) {
        boolean[] wanted = new boolean[bucketCount];
        for (int b : buckets) {
            wanted[b] = true;
        }
        List<Gossip> state = new ArrayList<>();
        for (MemberEntry e : table.all()) {
            if (wanted[ViewDigest.bucketOf(e.id.name(), bucketCount)]) {
                state.add(e.toGossip(local.name()));
            }
        }
        addRecipientDeath(state, recipient);
        return chunks(state, reply, false, bucketCount, buckets);
    }

    private void addRecipientDeath(List<Gossip> state, @Nullable MemberId recipient) {
        if (recipient == null) {
            return;
        }
        MemberEntry e = table.get(recipient.name());
        boolean listedAsIs = e != null && e.id.equals(recipient);
        if (!listedAsIs && (failed.isDead(recipient) || (e != null && e.retiredUid == recipient.uid()))) {
            state.add(new Gossip(recipient, MemberStatus.DEAD, 0, Map.of(), null));
        }
    }

    /**
     * A state larger than one chunk ({@link #SYNC_CHUNK_BYTES}, {@link #SYNC_CHUNK_MEMBERS},
     * {@link #SYNC_CHUNK_METADATA_ENTRIES}) is split into several Syncs, each a frame of its own that
     * the receiver merges as it arrives. Every chunk but the last is marked as an answer, so only
     * the last (carrying this exchange's own flags) makes the receiver send its state back: the
     * receiver needs no reassembly and no new message type, and holds one chunk at a time.
     */
    private List<Sync> chunks(List<Gossip> state, boolean reply, boolean join, int bucketCount, List<Integer> buckets) {
        int base = sizer.baseSizeOf(new Sync(local.id(), reply, join, List.of(), bucketCount, buckets));
        List<Sync> chunks = new ArrayList<>(1);
        int from = 0;
        int bytes = base;
        int entries = 0;
        for (int i = 0; i < state.size(); i++) {
            Gossip g = state.get(i);
            int size = sizer.sizeOf(g);
            int n = g.metadata().size();
            if (i > from
                    && (bytes + size > SYNC_CHUNK_BYTES
                            || i - from >= SYNC_CHUNK_MEMBERS
                            || entries + n > SYNC_CHUNK_METADATA_ENTRIES)) {
                chunks.add(new Sync(local.id(), true, join, state.subList(from, i), bucketCount, buckets));
                from = i;
                bytes = base;
                entries = 0;
            }
            bytes += size;
            entries += n;
        }
        chunks.add(new Sync(local.id(), reply, join, state.subList(from, state.size()), bucketCount, buckets));
        return chunks;
    }
}
