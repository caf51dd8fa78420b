package io.swimdiscovery.core.protocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The other members of this node's role group as the membership view has them, kept up to date
 * from the engine's own membership events so no role decision scans the member table: the live
 * ones (alive or suspect, in the order they joined) and the uids known gone (dead or left).
 */
final class RoleGroupView {

    /** Uids remembered as gone; the oldest are forgotten first (a base never holds more than 1,024). */
    private static final int MAX_GONE = 4096;

    private final String group;
    private final Map<Long, Member> live = new LinkedHashMap<>();
    private final Map<String, Member> liveByName = new LinkedHashMap<>();
    private final Set<Long> gone = new LinkedHashSet<>();
    // When each seat (name) last lost its live member; bounded like the gone uids.
    private final Map<String, Long> seatLostAt = new LinkedHashMap<>();
    private long changedAt;

    RoleGroupView(String group, long now) {
        this.group = group;
        this.changedAt = now;
    }

    /** Applies one membership event; {@code selfUid} is never listed. */
    void observe(MembershipEvent e, long selfUid, long now) {
        Member m = e.member();
        long uid = m.id().uid();
        if (uid == selfUid || e instanceof MembershipEvent.LocalMemberDeclaredDead) {
            return;
        }
        if (e instanceof MembershipEvent.MemberLeft) {
            markGone(uid, now);
            seatLostAt.remove(seatOf(m)); // left on purpose: the seat is given up, not lost
        } else if (e instanceof MembershipEvent.MemberFailed) {
            markGone(uid, now);
        } else {
            update(m, now); // suspect and unreachable are not dead: such a member may still hold a claim
        }
    }

    /** Rebuilds from a table loaded without events (a preloaded start). */
    void rebuild(Collection<MemberEntry> entries, long selfUid, long now) {
        live.clear();
        liveByName.clear();
        for (MemberEntry e : entries) {
            if (e.id.uid() != selfUid && e.status.isReachable()) {
                update(e.snapshot(), now);
            }
        }
        changedAt = now;
    }

    private void update(Member m, long now) {
        long uid = m.id().uid();
        boolean inGroup = group.equals(m.metadata().get(RoleSettings.GROUP_KEY));
        if (inGroup) {
            Member before = live.put(uid, m);
            liveByName.put(seatOf(m), m);
            seatLostAt.remove(seatOf(m));
            if (before == null) {
                changedAt = now;
            }
        } else if (live.remove(uid) != null) {
            dropName(seatOf(m), uid, now);
            changedAt = now;
        }
    }

    void markGone(long uid, long now) {
        Member m = live.remove(uid);
        if (m != null) {
            dropName(seatOf(m), uid, now);
            changedAt = now;
        }
        gone.add(uid);
        if (gone.size() > MAX_GONE) {
            Iterator<Long> oldest = gone.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private void dropName(String name, long uid, long changedAtCandidate) {
        Member holder = liveByName.get(name);
        if (holder != null && holder.id().uid() == uid) {
            liveByName.remove(name);
            seatLostAt.put(name, changedAtCandidate);
            if (seatLostAt.size() > MAX_GONE) {
                Iterator<String> oldest = seatLostAt.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
    }

    /**
     * When seat {@code name} last lost its live member, or {@code otherwise} if this node never
     * saw it held (a seat inherited with the base).
     */
    long seatLostAt(String name, long otherwise) {
        return seatLostAt.getOrDefault(name, otherwise);
    }

    /**
     * Every seat this node knows of in the group, held or lost (a member that failed, not one
     * that left): what a group forming for the first time counts a quorum over, so a process that
     * lost contact with the others cannot form a group of its own.
     */
    List<String> knownSeats() {
        List<String> seats = new ArrayList<>(liveByName.keySet());
        for (String lost : seatLostAt.keySet()) {
            if (!liveByName.containsKey(lost)) {
                seats.add(lost);
            }
        }
        return seats;
    }

    /** The uid of the live member in seat {@code name}, or 0. */
    long uidOfSeat(String name) {
        Member m = liveByName.get(name);
        return m == null ? 0 : m.id().uid();
    }

    /** Whether a live member of the group holds base seat {@code name} (whatever its uid). */
    boolean isSeatLive(String name) {
        return liveByName.containsKey(name);
    }

    /** A member's base seat: its name, which a rejoin under a new uid and a restart keep. */
    static String seatOf(Member m) {
        return m.name();
    }

    /** The seat of live member {@code uid}, or null if it is not a live group member. */
    @Nullable
    String seatOf(long uid) {
        Member m = live.get(uid);
        return m == null ? null : seatOf(m);
    }

    @Nullable
    Member get(long uid) {
        return live.get(uid);
    }

    boolean isLive(long uid) {
        return live.containsKey(uid);
    }

    boolean isGone(long uid) {
        return gone.contains(uid);
    }

    /** Whether {@code id} is the live group member of that uid, at that address. */
    boolean isMember(MemberId id) {
        Member m = live.get(id.uid());
        return m != null && Objects.equals(m.id(), id);
    }

    Collection<Member> live() {
        return live.values();
    }

    int liveCount() {
        return live.size();
    }

    /** When a member last joined or left the group's live set. */
    long changedAt() {
        return changedAt;
    }
}
