package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.SwimInstance;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The members as readers see them: an immutable snapshot the event loop publishes by one volatile
 * swap, so {@code SwimNode.members()} and {@code routableMembers()} never wait for the loop and
 * never copy the table per call.
 *
 * <p>The loop rebuilds it at most once per batch of inputs (one packet, one tick, one API call),
 * and only when that batch published a membership event, when an API call asked for it, or when
 * the last build is older than {@code maxAgeNanos} (one protocol period): changes no event
 * announces, such as a bare incarnation bump or a tombstone expiring, show within that age. The
 * rebuild runs before the batch's events go to listeners, so a listener always reads a view at
 * least as new as the event it was given.
 *
 * <p>A rebuild copies the whole table, so in a large cluster rebuilds for events are spaced at
 * least {@link #EVENT_REBUILD_GAP_NANOS_PER_MEMBER} per member apart (10 ms at 10,000 members,
 * none below 1,000; at most a tenth of {@code maxAgeNanos}): a join of thousands, one event per
 * packet, costs about a hundred rebuilds a second instead of one per event. The runner holds the
 * events of the gap and hands them to listeners after the rebuild that shows them.
 */
final class MembershipView {

    /** One published state; every list and map immutable. */
    record View(List<Member> members, List<Member> routable, Member local, Map<MemberStatus, Integer> byStatus) {}

    private final long maxAgeNanos;
    private volatile @Nullable View view;
    // Loop-owned.
    private boolean dirty = true;
    private long builtAtNanos;
    private int builtSize;

    /** Spacing of event-driven rebuilds per member of the last one (1 µs: 10 ms at 10,000). */
    static final long EVENT_REBUILD_GAP_NANOS_PER_MEMBER = 1_000;

    /** Below this many members every batch with events rebuilds at once. */
    static final int EVENT_REBUILD_GAP_FROM = 1_000;

    MembershipView(long maxAgeNanos) {
        this.maxAgeNanos = maxAgeNanos;
    }

    /** The last published view, or null before the node first started. */
    @Nullable
    View current() {
        return view;
    }

    /** On the loop: the next {@link #refresh} rebuilds whatever the batch did. */
    void markDirty() {
        dirty = true;
    }

    /** On the loop, at the end of a batch: rebuilds if the batch changed anything readers see. */
    void refresh(SwimInstance engine, boolean eventsPublished, long now) {
        if (dirty || eventsPublished || now - builtAtNanos >= maxAgeNanos) {
            rebuild(engine, now);
        }
    }

    /** On the loop: whether a rebuild for new events may run now, or should wait for {@link #eventRebuildAt}. */
    boolean eventRebuildDue(long now) {
        return dirty || now - builtAtNanos >= eventRebuildGapNanos();
    }

    /** On the loop: when the next rebuild for events may run. */
    long eventRebuildAt() {
        return builtAtNanos + eventRebuildGapNanos();
    }

    private long eventRebuildGapNanos() {
        if (builtSize < EVENT_REBUILD_GAP_FROM) {
            return 0;
        }
        return Math.min(maxAgeNanos / 10, builtSize * EVENT_REBUILD_GAP_NANOS_PER_MEMBER);
    }

    /** On the loop: rebuilds now (start, stop). */
    void rebuild(SwimInstance engine, long now) {
        List<Member> members = engine.members();
        List<Member> routable = new ArrayList<>(members.size());
        Map<MemberStatus, Integer> byStatus = new EnumMap<>(MemberStatus.class);
        for (Member m : members) {
            byStatus.merge(m.status(), 1, Integer::sum);
            if (m.status().isReachable()) {
                routable.add(m);
            }
        }
        view = new View(List.copyOf(members), List.copyOf(routable), engine.localMember(), Map.copyOf(byStatus));
        dirty = false;
        builtAtNanos = now;
        builtSize = members.size();
    }
}
