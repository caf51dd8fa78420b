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
 * asked for it ({@link #markDirty}); when a batch published membership events, but at most once
 * per {@code minIntervalNanos} (events of the batches in between wait and go out together after
 * the next rebuild, see {@code DirectiveRunner}); and when the table changed without an event (a
 * bare incarnation bump, a tombstone expiring) and the last build is older than
 * {@code maxAgeNanos} (one protocol period). An idle cluster therefore costs no rebuild at all,
 * and a join storm of n members costs a bounded number of rebuilds per second instead of n. The
 * rebuild always runs before the events it covers go to listeners, so a listener reads a view at
 * least as new as the event it was given.
 */
final class MembershipView {

    /** One published state; every list and map immutable. */
    record View(List<Member> members, List<Member> routable, Member local, Map<MemberStatus, Integer> byStatus) {}

    /** With no change at all, still rebuild this often (in protocol periods): a safety net, cheap. */
    private static final int IDLE_REBUILD_PERIODS = 30;

    private static final MemberStatus[] STATUSES = MemberStatus.values();

    private final long maxAgeNanos;
    private final long minIntervalNanos;
    private volatile @Nullable View view;
    // Loop-owned.
    private boolean dirty = true;
    private long builtAtNanos;
    private long builtVersion = Long.MIN_VALUE;

    MembershipView(long maxAgeNanos) {
        this.maxAgeNanos = maxAgeNanos;
        this.minIntervalNanos = Math.min(maxAgeNanos / 10, 50_000_000L);
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

    /**
     * On the loop, at the end of a batch: rebuilds if readers must see what happened now.
     *
     * @return whether events waiting for a rebuild must keep waiting (the last one is too recent);
     *     then call {@link #rebuild} by {@link #nextRebuildAt()}
     */
    boolean refresh(SwimInstance engine, boolean eventsWaiting, long now) {
        long age = now - builtAtNanos;
        boolean changed = engine.membershipVersion() != builtVersion;
        if (dirty
                || (eventsWaiting && age >= minIntervalNanos)
                || (!eventsWaiting && changed && age >= maxAgeNanos)
                || age >= IDLE_REBUILD_PERIODS * maxAgeNanos) {
            rebuild(engine, now);
            return false;
        }
        return eventsWaiting;
    }

    /** When a rebuild deferred by {@link #refresh} is due. */
    long nextRebuildAt() {
        return builtAtNanos + minIntervalNanos;
    }

    /** On the loop: rebuilds now (start, stop, a deferred rebuild, a join completing). */
    void rebuild(SwimInstance engine, long now) {
        long version = engine.membershipVersion();
        List<Member> members = engine.members();
        List<Member> routable = new ArrayList<>(members.size());
        int[] counts = new int[STATUSES.length];
        for (Member m : members) {
            counts[m.status().ordinal()]++;
            if (m.status().isReachable()) {
                routable.add(m);
            }
        }
        Map<MemberStatus, Integer> byStatus = new EnumMap<>(MemberStatus.class);
        for (MemberStatus s : STATUSES) {
            if (counts[s.ordinal()] > 0) {
                byStatus.put(s, counts[s.ordinal()]);
            }
        }
        // engine.members() is a fresh list nobody else holds: wrap it, do not copy it again.
        view = new View(
                Collections.unmodifiableList(members),
                Collections.unmodifiableList(routable),
                engine.localMember(),
                Map.copyOf(byStatus));
        dirty = false;
        builtAtNanos = now;
        builtVersion = version;
    }
}
