package io.swimdiscovery.core.protocol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The base of a role group: the seats a quorum is counted over, oldest first, with its version
 * (docs/roles.md). A seat is a member name, so a member that rejoins under a new uid (or a
 * process restarted under its name) keeps its seat instead of shrinking the base's live part;
 * a fresh process waits out one hold before it endorses anything (RoleEndorsement), so a seat
 * never votes twice. Only a valid primary changes it, one member at a time, and only once a quorum
 * of the base holds the current version (it is committed): any quorum of the old base and any of
 * the new then share a member, which is what keeps two claims from both being valid while the
 * base changes. The version is (epoch, seq): the epoch is the fencing token of the primary that
 * made it, so a new primary's base always supersedes the old primary's, even an uncommitted one.
 */
final class RoleBase {

    private List<String> members = List.of();
    private Set<String> index = Set.of();
    private long epoch;
    private long seq;
    // Who confirmed holding the current version, for the commit check (this node counts itself).
    private final Set<String> holders = new HashSet<>();

    List<String> members() {
        return members;
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    int size() {
        return members.size();
    }

    boolean contains(String name) {
        return index.contains(name);
    }

    long epoch() {
        return epoch;
    }

    long seq() {
        return seq;
    }

    /** Compares the version (epoch, seq) with this base's: negative if older, 0 if the same. */
    int compareVersion(long otherEpoch, long otherSeq) {
        int c = Long.compare(otherEpoch, epoch);
        return c != 0 ? c : Long.compare(otherSeq, seq);
    }

    /**
     * Endorsements a claim needs: a majority of the base, and at least {@code quorumSize} when one
     * is configured. An empty base (a group that never had a primary) counts {@code forming}, the
     * members the first claimant proposes.
     */
    int quorum(int quorumSize) {
        return Math.max(quorumSize, members.size() / 2 + 1);
    }

    /** Takes a newer base heard from a peer; returns whether it was newer. */
    boolean adopt(long newEpoch, long newSeq, List<String> newMembers) {
        if (newMembers.isEmpty() || compareVersion(newEpoch, newSeq) <= 0) {
            return false;
        }
        set(newEpoch, newSeq, newMembers);
        return true;
    }

    /** A new version, made by this node as primary (or as the first claimant of a forming group). */
    void set(long newEpoch, long newSeq, List<String> newMembers) {
        List<String> copy = List.copyOf(newMembers);
        if (copy.size() > RoleSettings.MAX_GROUP_SIZE) {
            copy = copy.subList(0, RoleSettings.MAX_GROUP_SIZE);
        }
        members = copy;
        index = Set.copyOf(copy);
        epoch = newEpoch;
        seq = newSeq;
        holders.clear();
    }

    /** Forgets a proposal that never became a base. */
    void clear() {
        set(0, 0, List.of());
    }

    /** The same members under a new version: a new primary's first step before any change. */
    void restamp(long newEpoch) {
        set(newEpoch, 0, members);
    }

    /** One member added at the end (the youngest) or removed, as the next version. */
    void change(String name, boolean add) {
        List<String> next = new ArrayList<>(members);
        if (add) {
            next.add(name);
        } else {
            next.remove(name);
        }
        set(epoch, seq + 1, next);
    }

    /**
     * A primary's one step after a commit: drops a seat that has had no live member for
     * {@code lostForNanos} (but never below the quorum size, or the base could never confirm a
     * claim again), else admits the first live member that has no seat. Seats this primary never
     * saw held count as lost since {@code claimStartedAt}.
     *
     * @return whether the base changed
     */
    boolean followGroup(
            String self, RoleGroupView view, long claimStartedAt, long lostForNanos, int quorumSize, long now) {
        if (members.size() > quorumSize) {
            for (String s : members) {
                if (!s.equals(self)
                        && !view.isSeatLive(s)
                        && now - view.seatLostAt(s, claimStartedAt) >= lostForNanos) {
                    change(s, false);
                    return true;
                }
            }
        }
        if (members.size() >= RoleSettings.MAX_GROUP_SIZE) {
            return false;
        }
        for (Member m : view.live()) {
            String s = RoleGroupView.seatOf(m);
            if (!index.contains(s)) {
                change(s, true);
                return true;
            }
        }
        return false;
    }

    /** {@code name} holds version (epoch, seq). */
    void confirmedBy(String name, long hisEpoch, long hisSeq) {
        if (compareVersion(hisEpoch, hisSeq) >= 0 && holders.size() < 2 * RoleSettings.MAX_GROUP_SIZE) {
            holders.add(name);
        }
    }

    /** The process in seat {@code name} changed (a restart, a rejoin): it has to be sent the base again. */
    void forgetHolder(String name) {
        holders.remove(name);
    }

    /** Whether {@code uid} has not yet confirmed holding the current version (so is sent it). */
    boolean isNewTo(String name) {
        return !holders.contains(name);
    }

    /** Whether a quorum of the base, {@code self} included, holds the current version. */
    boolean isCommitted(String self, int quorumSize) {
        int n = index.contains(self) ? 1 : 0;
        for (String name : holders) {
            if (!name.equals(self) && index.contains(name)) {
                n++;
            }
        }
        return n >= quorum(quorumSize);
    }
}
