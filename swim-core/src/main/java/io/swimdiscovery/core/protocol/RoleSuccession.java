package io.swimdiscovery.core.protocol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Who may claim the role, and when (docs/roles.md): the line of succession. A member claims only
 * when it is free of any other claimant's hold, the primary it followed is dead, left or released
 * the role, and it sees a quorum of the base alive; the oldest live member of the base goes first,
 * the next one {@code stepDownAfter} later, and so on. A group that never had a base forms once
 * its view settled, through the member whose name comes first.
 */
final class RoleSuccession {

    private final RoleSettings settings;
    private final LocalMember local;
    // Whether this node completed a sync with another member, or is the first node (no seeds):
    // a fresh process that reached no one must not form a group of its own.
    private final BooleanSupplier inCluster;
    private final RoleGroupView view;
    private final RoleBase base;
    private final RoleEndorsement endorsement;
    private final long stepDownNanos;
    private long eligibleSince = Long.MAX_VALUE;
    private long noClaimUntil = Long.MIN_VALUE;
    // Members that gave the role up (a yield, a failed claim) and have not claimed since: the
    // next in line does not wait for them.
    private final Set<Long> released = new HashSet<>();

    RoleSuccession(
            RoleSettings settings,
            LocalMember local,
            BooleanSupplier inCluster,
            RoleGroupView view,
            RoleBase base,
            RoleEndorsement endorsement) {
        this.settings = settings;
        this.local = local;
        this.inCluster = inCluster;
        this.view = view;
        this.base = base;
        this.endorsement = endorsement;
        this.stepDownNanos = settings.stepDownAfter().toNanos();
    }

    private long self() {
        return local.id().uid();
    }

    private String seat() {
        return RoleGroupView.seatOf(local.entry().snapshot());
    }

    /** {@code uid} gave the role up: no one waits for it in line. */
    void released(long uid) {
        if (released.size() < 2 * RoleSettings.MAX_GROUP_SIZE) {
            released.add(uid);
        }
    }

    /** {@code uid} claims again. */
    void heardFrom(long uid) {
        released.remove(uid);
    }

    /** This node claims nothing before {@code until} (a yield). */
    void holdOff(long until) {
        noClaimUntil = until;
    }

    /** This node's claim ended or its identity changed: its wait in line starts over. */
    void restart() {
        eligibleSince = Long.MAX_VALUE;
    }

    /** Whether this node may start a claim now; remembers since when it could, for its place in line. */
    boolean mayClaimNow(long now) {
        boolean could = canClaim(now);
        if (!could) {
            eligibleSince = Long.MAX_VALUE;
            return false;
        }
        eligibleSince = Math.min(eligibleSince, now);
        return now >= claimDueAt();
    }

    /** When this node may claim, given its place in line (the oldest live member of the base goes first). */
    private long claimDueAt() {
        return Timers.plus(eligibleSince, placeInLine() * stepDownNanos);
    }

    private boolean canClaim(long now) {
        long self = self();
        if (!endorsement.isFree(self, now) || local.isDone() || now < noClaimUntil) {
            return false;
        }
        long followed = endorsement.lastPrimary();
        if (followed != 0 && followed != self && view.isLive(followed)) {
            return false; // the last primary is alive: only its death or release frees the role
        }
        if (base.isEmpty()) {
            List<String> seats = formingSeats();
            int quorum = Math.max(settings.quorumSize(), seats.size() / 2 + 1);
            return inCluster.getAsBoolean()
                    && seats.size() >= settings.quorumSize() // a smaller base could never reach the quorum size
                    && now - view.changedAt() >= settings.formationDelay().toNanos()
                    && view.liveCount() + 1 >= quorum
                    && isFirstName();
        }
        return base.contains(seat()) && liveQuorum();
    }

    /** Whether a quorum of the base's seats is held by live members (this one included). */
    boolean liveQuorum() {
        int live = 0;
        for (String s : base.members()) {
            if (s.equals(seat()) || view.isSeatLive(s)) {
                live++;
            }
        }
        return !base.isEmpty() && live >= base.quorum(settings.quorumSize());
    }

    /** The base a group forming for the first time starts from: this seat first, then every other seat known, held or lost. */
    List<String> formingSeats() {
        List<String> forming = new ArrayList<>();
        forming.add(seat());
        for (String s : view.knownSeats()) {
            if (forming.size() < RoleSettings.MAX_GROUP_SIZE && !s.equals(seat())) {
                forming.add(s);
            }
        }
        forming.subList(1, forming.size()).sort(null);
        return forming;
    }

    /** Whether this member's name comes first among the group's live members (who forms a new group). */
    private boolean isFirstName() {
        for (Member m : view.live()) {
            if (RoleGroupView.seatOf(m).compareTo(seat()) < 0) {
                return false;
            }
        }
        return true;
    }

    /** How many live base members come before this one (the oldest is first in line). */
    private long placeInLine() {
        long place = 0;
        for (String s : base.members()) {
            if (s.equals(seat())) {
                return place;
            }
            if (view.isSeatLive(s) && !released.contains(view.uidOfSeat(s))) {
                place++;
            }
        }
        return place;
    }

    /** The next instant the answer of {@link #mayClaimNow} may change with no input: a hold or a wait running out. */
    long nextChangeAt(long now) {
        long wake = Long.MAX_VALUE;
        long free = endorsement.freeAt();
        if (free > now) {
            wake = free;
        }
        if (noClaimUntil > now) {
            wake = Math.min(wake, noClaimUntil);
        }
        long formed = Timers.plus(view.changedAt(), settings.formationDelay().toNanos());
        if (base.isEmpty() && formed > now) {
            wake = Math.min(wake, formed);
        }
        if (eligibleSince != Long.MAX_VALUE) {
            long due = claimDueAt();
            if (due > now) {
                wake = Math.min(wake, due);
            }
        }
        return wake;
    }
}
