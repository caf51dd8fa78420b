package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.protocol.Message.RoleEcho;
import io.swimdiscovery.core.protocol.Message.RoleHeartbeat;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Primary and secondaries of this node's role group, from the membership itself (docs/roles.md).
 *
 * <p>Every member endorses at most one claimant at a time ({@link RoleEndorsement}); a claim
 * ({@link RoleClaim}) is valid while a quorum of the group's base ({@link RoleBase}) endorsed one
 * of its recent rounds; an endorser waits out the old claim, stretched for clock drift, before it
 * endorses another. So two members never hold a valid claim at the same instant, whatever the
 * network does, as long as clocks drift within {@link RoleSettings#maxClockDrift()}.
 *
 * <p>Who claims: the oldest live member of the base (the one admitted first), once the primary it
 * followed is dead or left, or released the role; the next ones in base order try one
 * {@code stepDownAfter} later each, in case the first cannot reach a quorum. A new member never
 * takes the role from a healthy primary: its endorsers stay with the primary they renew.
 */
final class RoleElection {

    private final RoleSettings settings;
    private final LocalMember local;
    // Whether this node completed a sync with another member, or is the first node (no seeds):
    // a fresh process that reached no one must not form a group of its own.
    private final BooleanSupplier inCluster;
    private final RoleGroupView view;
    private final RoleBase base = new RoleBase();
    private final RoleEndorsement endorsement;
    private final long stepDownNanos;
    private final long heartbeatNanos;
    private @Nullable RoleClaim claim;
    private long knownMaxToken;
    private long nextHeartbeatAt = Long.MAX_VALUE;
    private long nextCheckAt = Long.MIN_VALUE;
    private final RoleSuccession succession;
    private final RoleOutput output;
    private boolean done;
    private RoleState state = RoleState.NONE;

    RoleElection(RoleSettings settings, LocalMember local, BooleanSupplier inCluster, long now) {
        this.settings = settings;
        this.local = local;
        this.inCluster = inCluster;
        this.view = new RoleGroupView(settings.group(), now);
        this.endorsement = new RoleEndorsement(settings.endorsementHoldNanos(), now);
        this.stepDownNanos = settings.stepDownAfter().toNanos();
        this.heartbeatNanos = Math.max(1, settings.heartbeatIntervalNanos());
        this.succession = new RoleSuccession(settings, local, inCluster, view, base, endorsement);
        this.output = new RoleOutput(local, settings.group(), base);
        if (settings.enabled()) {
            state = new RoleState(settings.group(), null, 0, Long.MIN_VALUE);
        }
    }

    boolean enabled() {
        return settings.enabled() && !done;
    }

    RoleState state() {
        return state;
    }

    private long self() {
        return local.id().uid();
    }

    /** This member's base seat: its name, which a rejoin keeps. */
    private String seat() {
        return RoleGroupView.seatOf(local.entry().snapshot());
    }

    // ------------------------------------------------------------------------------------------
    // Membership

    /** Takes the membership events among {@code out} into the group view. */
    void observe(List<Directive> out, long now) {
        if (!settings.enabled()) {
            return;
        }
        for (int i = 0, n = out.size(); i < n; i++) {
            if (out.get(i) instanceof Directive.Publish p) {
                if (p.event() instanceof MembershipEvent.LocalMemberDeclaredDead d) {
                    lostIdentity(d, now, out);
                } else if (!isRoleEvent(p.event())) {
                    long changed = view.changedAt();
                    view.observe(p.event(), self(), now);
                    if (p.event() instanceof MembershipEvent.MemberJoined j) {
                        base.forgetHolder(RoleGroupView.seatOf(j.member()));
                    }
                    if (view.changedAt() != changed || view.isGone(endorsement.lastPrimary())) {
                        nextCheckAt = Math.min(nextCheckAt, now); // the line may have moved
                    }
                }
            }
        }
    }

    private static boolean isRoleEvent(MembershipEvent e) {
        return e instanceof MembershipEvent.PrimaryGranted
                || e instanceof MembershipEvent.PrimaryRevoked
                || e instanceof MembershipEvent.PrimaryChanged;
    }

    /** Rebuilds the group view from a table loaded silently. */
    void preloaded(Collection<MemberEntry> entries, long now) {
        if (settings.enabled()) {
            view.rebuild(entries, self(), now);
        }
    }

    private void lostIdentity(MembershipEvent.LocalMemberDeclaredDead d, long now, List<Directive> out) {
        // The old uid is dead everywhere: its claim must end here too. The endorsement this
        // process gave stays in force (same process, same promise), so a new uid cannot vote twice.
        Member old = d.previous();
        RoleClaim c = claim;
        if (c != null) {
            if (c.granted) {
                output.revoked(old, c.token, d.rejoined() ? "declared-dead" : "stopped", out);
            }
            c.end();
            claim = null;
            endorsement.releaseSelf(old.id().uid());
        }
        if (!d.rejoined()) {
            done = true;
        }
        succession.restart();
        nextHeartbeatAt = Long.MAX_VALUE;
        publishState(now);
    }

    // ------------------------------------------------------------------------------------------
    // Messages

    void onHeartbeat(Address from, RoleHeartbeat h, long now, List<Directive> out) {
        if (!enabled() || !h.group().equals(settings.group()) || local.isDone()) {
            return;
        }
        if (h.release() && from.host().equals(h.sender().address().host())) {
            // Taken even from a member already seen leaving: its leave may overtake the release.
            endorsement.released(h.sender().uid(), h.token());
            succession.released(h.sender().uid());
            nextCheckAt = Math.min(nextCheckAt, now);
            publishState(now);
            return;
        }
        if (!view.isMember(h.sender())) {
            return;
        }
        succession.heardFrom(h.sender().uid());
        if (h.token() > SwimInstance.MAX_INCARNATION
                || !from.host().equals(h.sender().address().host())) {
            return;
        }
        knownMaxToken = Math.max(knownMaxToken, h.token());
        if (h.forming() && !base.isEmpty() && !isSameBase(h.baseEpoch(), h.baseSeq(), h.base())) {
            echo(h, false, true, out); // the group exists: the claimant learns its base instead
            return;
        }
        adoptBase(h.baseEpoch(), h.baseSeq(), h.base(), now, out);
        long uid = h.sender().uid();
        RoleClaim mine = claim;
        if (mine != null) {
            if (mine.isValidAt(now) || h.token() <= mine.token) {
                echo(h, false, false, out);
                return;
            }
            // A claimant with a higher token while this one is not valid: step back for it.
            abandon(now, out);
        }
        long before = endorsement.currentPrimary(now);
        long beforeToken = endorsement.token();
        boolean endorse = base.compareVersion(h.baseEpoch(), h.baseSeq()) >= 0
                && (base.isEmpty() || base.contains(Objects.requireNonNull(view.seatOf(uid))))
                && endorsement.tryEndorse(uid, h.token(), now);
        echo(h, endorse, false, out);
        if (endorse && (before != uid || beforeToken != h.token())) {
            Member primary = view.get(uid);
            if (primary != null) {
                output.changed(primary, h.token(), out);
            }
        }
        publishState(now);
    }

    private void echo(RoleHeartbeat h, boolean endorsed, boolean withBase, List<Directive> out) {
        output.echo(h, endorsed, withBase, endorsement.maxToken(), out);
    }

    void onEcho(Address from, RoleEcho e, long now, List<Directive> out) {
        if (!enabled() || !e.group().equals(settings.group()) || !view.isMember(e.sender())) {
            return;
        }
        if (e.maxToken() > SwimInstance.MAX_INCARNATION
                || !from.host().equals(e.sender().address().host())) {
            return;
        }
        knownMaxToken = Math.max(knownMaxToken, e.maxToken());
        RoleClaim c = claim;
        if (c != null
                && c.forming
                && !c.granted
                && !e.base().isEmpty()
                && !isSameBase(e.baseEpoch(), e.baseSeq(), e.base())) {
            // A group already exists: drop the proposal and take its base, whatever its version.
            abandon(now, out);
            base.set(e.baseEpoch(), e.baseSeq(), e.base());
            return;
        }
        adoptBase(e.baseEpoch(), e.baseSeq(), e.base(), now, out);
        c = claim;
        if (c == null || e.token() != c.token) {
            return;
        }
        String seat = Objects.requireNonNull(view.seatOf(e.sender().uid()));
        base.confirmedBy(seat, e.baseEpoch(), e.baseSeq());
        if (e.endorsed()) {
            if (base.contains(seat)) {
                c.endorsed(seat, e.round(), neededFromOthers());
            }
            checkGrant(c, now, out);
        } else if (e.maxToken() > c.token && !c.isValidAt(now)) {
            abandon(now, out); // someone else holds a newer claim
        }
    }

    /** Whether a base heard of is this node's own: the same version and the same seats (two forming proposals can share a version). */
    private boolean isSameBase(long epoch, long seq, List<String> members) {
        return base.compareVersion(epoch, seq) == 0 && base.members().equals(members);
    }

    private void adoptBase(long epoch, long seq, List<String> members, long now, List<Directive> out) {
        if (base.adopt(epoch, seq, members)) {
            RoleClaim c = claim;
            if (c != null) {
                c.baseChanged();
                if (epoch > c.token) {
                    abandon(now, out); // a newer primary made this base: this claim is stale
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Time

    /** Ends a claim whose lease ran out, before anything else is acted on (a pause ends here). */
    void checkLease(long now, List<Directive> out) {
        RoleClaim c = claim;
        if (c != null && c.granted && !c.isValidAt(now)) {
            c.granted = false;
            output.revoked(local.entry().snapshot(), c.token, "step-down", out);
            publishState(now);
        }
    }

    void tick(long now, List<Directive> out) {
        if (!enabled() || local.isDone()) {
            return;
        }
        checkLease(now, out);
        RoleClaim c = claim;
        if (c == null && now >= nextCheckAt) {
            nextCheckAt = Timers.plus(now, heartbeatNanos);
            if (succession.mayClaimNow(now)) {
                startClaim(now);
                c = claim;
            } else {
                nextCheckAt = Math.min(nextCheckAt, succession.nextChangeAt(now));
            }
        } else if (c != null && !c.isValidAt(now) && now - c.lastValidOrStart() > 2 * settings.endorsementHoldNanos()) {
            abandon(now, out); // no quorum in time: let the next in line try
            return;
        }
        if (c != null && now >= nextHeartbeatAt) {
            if (c.granted && base.isCommitted(seat(), settings.quorumSize())) {
                changeBase(c, now);
            }
            endorsement.tryEndorse(self(), c.token, now);
            sendRound(c, now, out);
            nextHeartbeatAt = Timers.plus(now, heartbeatNanos);
        }
        publishState(now);
    }

    long nextDueAt() {
        if (!enabled()) {
            return Long.MAX_VALUE;
        }
        RoleClaim c = claim;
        if (c == null) {
            return nextCheckAt;
        }
        return c.granted ? Math.min(nextHeartbeatAt, c.leaseUntil()) : nextHeartbeatAt;
    }

    // ------------------------------------------------------------------------------------------
    // Claiming

    private void startClaim(long now) {
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

    /** Gives the role up on request and claims nothing for {@code holdOffNanos}. */
    void yieldRole(long holdOffNanos, long now, List<Directive> out) {
        if (!enabled()) {
            return;
        }
        succession.holdOff(Timers.plus(now, holdOffNanos));
        abandon(now, out, "yield");
    }

    private void abandon(long now, List<Directive> out) {
        abandon(now, out, "step-down");
    }

    /** Gives a claim up: its endorsers are told, so they are free at once. */
    private void abandon(long now, List<Directive> out, String reason) {
        RoleClaim c = claim;
        if (c == null) {
            return;
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
        nextCheckAt = Timers.plus(now, heartbeatNanos);
        publishState(now);
    }

    private int neededFromOthers() {
        int quorum = base.quorum(settings.quorumSize());
        return base.contains(seat()) ? quorum - 1 : quorum;
    }

    private void checkGrant(RoleClaim c, long now, List<Directive> out) {
        if (!c.granted && c.isValidAt(now)) {
            c.everGranted = true;
            c.granted = true;
            if (base.epoch() < c.token) {
                base.restamp(c.token); // commit the inherited base under this token before changing it
            }
            output.granted(c.token, out);
            publishState(now);
        }
    }

    private void sendRound(RoleClaim c, long now, List<Directive> out) {
        long round = c.newRound(now);
        if (neededFromOthers() <= 0) {
            c.selfSufficient(round);
            checkGrant(c, now, out);
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

    // ------------------------------------------------------------------------------------------
    // Leave

    /** A graceful leave: the role is given up first, and endorsers are freed at once. */
    void leave(long now, List<Directive> out) {
        if (!enabled()) {
            return;
        }
        RoleClaim c = claim;
        if (c != null) {
            if (c.granted) {
                output.revoked(local.entry().snapshot(), c.token, "leave", out);
            }
            c.end();
            claim = null;
            sendRelease(c.token, out);
        }
        done = true;
        publishState(now);
    }

    private void publishState(long now) {
        if (!settings.enabled()) {
            return;
        }
        RoleClaim c = claim;
        RoleState next;
        if (c != null && c.granted) {
            next = new RoleState(settings.group(), local.entry().snapshot(), c.token, c.leaseUntil());
        } else {
            long followed = endorsement.currentPrimary(now);
            Member primary = followed == 0 ? null : view.get(followed);
            next = new RoleState(settings.group(), primary, primary == null ? 0 : endorsement.token(), Long.MIN_VALUE);
        }
        if (!next.equals(state)) {
            state = next;
        }
    }

    @Override
    public String toString() {
        RoleClaim c = claim;
        return "roles[self=" + self() + " base=" + base.members() + "@" + base.epoch() + "." + base.seq()
                + " live=" + view.live().stream().map(Member::name).toList()
                + " bound=" + endorsement.currentPrimary(Long.MIN_VALUE) + "/" + endorsement.token()
                + " last=" + endorsement.lastPrimary() + " max=" + endorsement.maxToken() + " known=" + knownMaxToken
                + " claim="
                + (c == null ? "none" : c.token + (c.granted ? " granted" : " pending") + " until " + c.leaseUntil())
                + " done=" + done + " joined=" + inCluster.getAsBoolean() + " liveQuorum=" + succession.liveQuorum()
                + "]";
    }
}
