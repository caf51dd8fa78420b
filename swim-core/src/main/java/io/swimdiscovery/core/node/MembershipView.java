package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.SwimInstance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The members as readers see them: an immutable snapshot the event loop publishes by one volatile
 * swap, so {@code SwimNode.members()} and {@code routableMembers()} never wait for the loop and
 * never copy the table per call.
 *
 * <p>A rebuild is O(n), so the loop does not rebuild per packet. It rebuilds when an API call
 * asked for it ({@link #markDirty}); when a batch published membership events, but in a large
 * cluster at most once per event-rebuild gap (below); and when the table changed without an event
 * (a bare incarnation bump, a tombstone expiring; seen by {@code SwimInstance.membershipVersion()})
 * and the last build is older than {@code maxAgeNanos} (one protocol period). An unchanged table
 * costs no rebuild, except a cheap safety net every 30 periods.
 *
 * <p>Rebuilds for events are spaced at least {@link #EVENT_REBUILD_GAP_NANOS_PER_MEMBER} per member
 * of the last build apart (10 ms at 10,000 members, none below 1,000; at most a tenth of
 * {@code maxAgeNanos}): a join of thousands, one event per packet, costs about a hundred rebuilds a
 * second instead of one per event. The events of the gap wait in {@code DirectiveRunner}, in
 * order, and go to listeners after the rebuild that shows them, so a listener always reads a view
 * at least as new as the event it was given.
 */
final class MembershipView {

    /** One published state; every list and map immutable. */
    record View(List<Member> members, List<Member> routable, Member local, Map<MemberStatus, Integer> byStatus) {}

    /** With no change at all, still rebuild this often (in protocol periods): a safety net, cheap. */
    private static final int IDLE_REBUILD_PERIODS = 30;

    private static final MemberStatus[] STATUSES = MemberStatus.values();

    private final long maxAgeNanos;
    private volatile @Nullable View view;
    // Loop-owned.
    private boolean dirty = true;
    private long builtAtNanos;
    private int builtSize;
    private long builtVersion = Long.MIN_VALUE;

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

    /** What {@code SwimNode.members()} returns: the last view's members, or none before the first start. */
    List<Member> members() {
        View v = view;
        return v == null ? List.of() : v.members();
    }

    /** What {@code SwimNode.routableMembers()} returns: the last view's routable members, or none. */
    List<Member> routable() {
        View v = view;
        return v == null ? List.of() : v.routable();
    }

    /**
     * What {@code SwimNode.localMember()} returns: this node in the last view.
     *
     * @throws IllegalStateException before the node first started
     */
    Member local() {
        View v = view;
        if (v == null) {
            throw new IllegalStateException("node is not started");
        }
        return v.local();
    }

    /** On the loop: the next {@link #refresh} rebuilds whatever the batch did. */
    void markDirty() {
        dirty = true;
    }

    /**
     * On the loop, at the end of a batch: rebuilds if readers must see what happened now.
     *
     * @return whether events waiting for a rebuild must keep waiting (the last one is too recent);
     *     then call {@link #rebuild} by {@link #eventRebuildAt()}
     */
    boolean refresh(SwimInstance engine, boolean eventsWaiting, long now) {
        long age = now - builtAtNanos;
        boolean changed = engine.membershipVersion() != builtVersion;
        if (dirty
                || (eventsWaiting && eventRebuildDue(now))
                || (!eventsWaiting && changed && age >= maxAgeNanos)
                || age >= IDLE_REBUILD_PERIODS * maxAgeNanos) {
            rebuild(engine, now);
            return false;
        }
        return eventsWaiting;
    }

    /** On the loop: whether a rebuild for new events may run now, or should wait for {@link #eventRebuildAt}. */
    boolean eventRebuildDue(long now) {
        return dirty || now - builtAtNanos >= eventRebuildGapNanos();
    }

    /** On the loop: when the next rebuild for events may run (a rebuild deferred by {@link #refresh} is due). */
    long eventRebuildAt() {
        return builtAtNanos + eventRebuildGapNanos();
    }

    private long eventRebuildGapNanos() {
        if (builtSize < EVENT_REBUILD_GAP_FROM) {
            return 0;
        }
        return Math.min(maxAgeNanos / 10, builtSize * EVENT_REBUILD_GAP_NANOS_PER_MEMBER);
    }

    /** On the loop: rebuilds now (start, stop, a deferred rebuild, a join completing). */
    void rebuild(SwimInstance engine, long now) {
        long version = engine.membershipVersion();
        // The engine reuses the snapshot of every member unchanged since the last call: a rebuild
        // allocates two lists of references, not n members.
        List<Member> members = Collections.unmodifiableList(engine.members());
        int[] counts = new int[STATUSES.length];
        int reachable = 0;
        for (Member m : members) {
            counts[m.status().ordinal()]++;
            if (m.status().isReachable()) {
                reachable++;
            }
        }
        List<Member> routable = reachable == members.size() ? members : routableOf(members, reachable);
        Map<MemberStatus, Integer> byStatus = new EnumMap<>(MemberStatus.class);
        for (MemberStatus s : STATUSES) {
            if (counts[s.ordinal()] > 0) {
                byStatus.put(s, counts[s.ordinal()]);
            }
        }
        // engine.members() is a fresh list nobody else holds: wrapped above, not copied again.
        view = new View(members, routable, engine.localMember(), Map.copyOf(byStatus));
        dirty = false;
        builtAtNanos = now;
        builtSize = members.size();
        builtVersion = version;
    }

    private static List<Member> routableOf(List<Member> members, int reachable) {
        List<Member> routable = new ArrayList<>(reachable);
        for (Member m : members) {
            if (m.status().isReachable()) {
                routable.add(m);
            }
        }
        return Collections.unmodifiableList(routable);
    }
}
