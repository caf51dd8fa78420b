package io.swimdiscovery.core.protocol;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * This node's own claim to be primary, at most one at a time (docs/roles.md): taking a token
 * above every one heard of, sending the claim's heartbeat rounds, its grant once a quorum
 * endorsed a round, the lease running out, and giving it up so its endorsers are free at once.
 *
 * <p>Apart from {@link RoleElection}, which decides when this node claims and what it makes of
 * other members' claims; this class only carries out a claim. It never publishes the role state
 * itself: each method that changes what the state would show says so in its result, and the
 * election publishes (a heartbeat round is always followed by the election's own publish).
 */
final class RoleClaimant {

    private final RoleSettings settings;
    private final LocalMember local;
    private final RoleGroupView view;
    private final RoleBase base;
    private final RoleEndorsement endorsement;
    private final RoleSuccession succession;
    private final RoleOutput output;
    private final long stepDownNanos;
    private final long heartbeatNanos;
    private @Nullable RoleClaim claim;
    // The highest token heard of from anyone: the next claim takes a higher one.
    private long knownMaxToken;
    private long nextHeartbeatAt = Long.MAX_VALUE;

    RoleClaimant(
            RoleSettings settings,
            LocalMember local,
            RoleGroupView view,
            RoleBase base,
            RoleEndorsement endorsement,
            RoleSuccession succession,
            RoleOutput output,
            long heartbeatNanos) {
        this.settings = settings;
        this.local = local;
        this.view = view;
        this.base = base;
        this.endorsement = endorsement;
        this.succession = succession;
        this.output = output;
        this.stepDownNanos = settings.stepDownAfter().toNanos();
        this.heartbeatNanos = heartbeatNanos;
    }

    /** The claim under way, granted or not; null when this node claims nothing. */
    @Nullable
    RoleClaim current() {
        return claim;
    }

    /** Takes note of a token another member used or saw (already checked to be in range). */
    void heardOf(long token) {
        knownMaxToken = Math.max(knownMaxToken, token);
    }

    long knownMaxToken() {
        return knownMaxToken;
    }

    private long self() {
        return local.id().uid();
    }

    /** This member's base seat: its name, which a rejoin keeps. */
    private String seat() {
        return RoleGroupView.seatOf(local.entry().snapshot());
    }

    /** Starts a claim, unless no token is left or this node may not endorse itself yet. */
    void start(long now) {
        long self = self();
        // Every claim takes a new token, even this node's own after it gave one up: a delayed
        // release of the old claim then cannot free an endorser of the new one.
        long token = Math.max(knownMaxToken, endorsement.maxToken()) + 1;
        if (token > SwimInstance.MAX_INCARNATION || !endorsement.tryEndorse(self, token, now)) {
            return;
        }
        knownMaxToken = token;
        boolean formedNow = base.isEmpty();
        if (formedNow) {
            base.set(token, 0, succession.formingSeats());
        }
        claim = new RoleClaim(token, stepDownNanos, now);
        claim.forming = formedNow;
        nextHeartbeatAt = now;
    }

    /**
     * Revokes a granted claim whose lease ran out; the claim itself goes on, to win a quorum again.
     *
     * @return whether it was revoked
     */
    boolean checkLease(long now, List<Directive> out) {
        RoleClaim c = claim;
        if (c != null && c.granted && !c.isValidAt(now)) {
            c.granted = false;
            output.revoked(local.entry().snapshot(), c.token, "step-down", out);
            return true;
        }
        return false;
    }

    /** When due, sends the claim's next heartbeat round, changing the base first if it may. */
    void heartbeatIfDue(long now, List<Directive> out) {
        RoleClaim c = claim;
        if (c != null && now >= nextHeartbeatAt) {
            if (c.granted && base.isCommitted(seat(), settings.quorumSize())) {
                changeBase(c, now);
            }
            endorsement.tryEndorse(self(), c.token, now);
            sendRound(c, now, out);
            nextHeartbeatAt = Timers.plus(now, heartbeatNanos);
        }
    }

    /** When the claim needs this node next, or {@code whenNoClaim} if it claims nothing. */
    long nextDueAt(long whenNoClaim) {
        RoleClaim c = claim;
        if (c == null) {
            return whenNoClaim;
        }
        return c.granted ? Math.min(nextHeartbeatAt, c.leaseUntil()) : nextHeartbeatAt;
    }

    /**
     * Gives the claim up: its endorsers are told, so they are free at once.
     *
     * @return false if there was no claim to give up
     */
    boolean giveUp(String reason, List<Directive> out) {
        RoleClaim c = claim;
        if (c == null) {
            return false;
        }
        if (c.granted) {
            output.revoked(local.entry().snapshot(), c.token, reason, out);
        }
        c.end();
        claim = null;
        endorsement.releaseSelf(self());
        sendRelease(c.token, out);
        if (c.forming && !c.everGranted && base.epoch() == c.token && base.seq() == 0) {
            base.clear(); // the proposal never became a group's base: it is no one's to keep
        }
        succession.restart();
        nextHeartbeatAt = Long.MAX_VALUE;
        return true;
    }

    /**
     * Ends the claim of a uid declared dead, as {@code old}. No release is sent: the endorsement
     * this process gave stays in force (same process, same promise), so a new uid cannot vote twice.
     */
    void lostIdentity(Member old, String reason, List<Directive> out) {
        RoleClaim c = claim;
        if (c != null) {
            if (c.granted) {
                output.revoked(old, c.token, reason, out);
            }
            c.end();
            claim = null;
            endorsement.releaseSelf(old.id().uid());
        }
        nextHeartbeatAt = Long.MAX_VALUE;
    }

    /** Ends the claim for a graceful leave: revoked if granted, and its endorsers freed at once. */
    void leave(List<Directive> out) {
        RoleClaim c = claim;
        if (c != null) {
            if (c.granted) {
                output.revoked(local.entry().snapshot(), c.token, "leave", out);
            }
            c.end();
            claim = null;
            sendRelease(c.token, out);
        }
    }

    /** Endorsements the claim needs from other members of the base for a quorum. */
    int neededFromOthers() {
        int quorum = base.quorum(settings.quorumSize());
        return base.contains(seat()) ? quorum - 1 : quorum;
    }

    /**
     * Grants the claim once it is valid: a quorum endorsed one of its recent rounds.
     *
     * @return whether it was granted now
     */
    boolean checkGrant(RoleClaim c, long now, List<Directive> out) {
        if (!c.granted && c.isValidAt(now)) {
            c.everGranted = true;
            c.granted = true;
            if (base.epoch() < c.token) {
                base.restamp(c.token); // commit the inherited base under this token before changing it
            }
            output.granted(c.token, out);
            return true;
        }
        return false;
    }

    private void sendRound(RoleClaim c, long now, List<Directive> out) {
        long round = c.newRound(now);
        if (neededFromOthers() <= 0) {
            c.selfSufficient(round);
            checkGrant(c, now, out); // a grant shows in the state the election publishes after the round
        }
        output.heartbeats(c, round, view.live(), out);
    }

    private void sendRelease(long token, List<Directive> out) {
        output.releases(token, view.live(), out);
    }

    /** One committed change of the base: drop a member known gone, else admit a new one. */
    private void changeBase(RoleClaim c, long now) {
        if (base.epoch() != c.token || !c.isBackedByCurrentBase()) {
            // Not before a quorum of the current base confirmed this claim: a claim still backed by
            // the base of two changes ago could share no seat with a claim under the next one.
            return;
        }
        if (base.followGroup(seat(), view, c.startedAt, settings.endorsementHoldNanos(), settings.quorumSize(), now)) {
            c.baseChanged();
        }
    }
}
