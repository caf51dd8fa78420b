package io.swimdiscovery.core.protocol;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    private final Set<Long> gone = new LinkedHashSet<>();
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
        if (e instanceof MembershipEvent.MemberLeft || e instanceof MembershipEvent.MemberFailed) {
            markGone(uid, now);
        } else {
            update(m, now); // suspect and unreachable are not dead: such a member may still hold a claim
        }
    }

    /** Rebuilds from a table loaded without events (a preloaded start). */
    void rebuild(Collection<MemberEntry> entries, long selfUid, long now) {
        live.clear();
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
            if (live.put(uid, m) == null) {
                changedAt = now;
            }
        } else if (live.remove(uid) != null) {
            changedAt = now;
        }
    }

    void markGone(long uid, long now) {
        if (live.remove(uid) != null) {
            changedAt = now;
        }
        gone.add(uid);
        if (gone.size() > MAX_GONE) {
            Iterator<Long> oldest = gone.iterator();
            oldest.next();
            oldest.remove();
        }
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
