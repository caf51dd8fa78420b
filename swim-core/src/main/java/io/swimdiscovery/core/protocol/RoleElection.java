package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.protocol.Message.RoleEcho;
import io.swimdiscovery.core.protocol.Message.RoleHeartbeat;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Primary and secondaries of this node's role group, from the membership itself (docs/roles.md).
 *
 * <p>Every member endorses at most one claimant at a time ({@link RoleEndorsement}); a claim
 * ({@link RoleClaim}) is valid while a quorum of the group's base ({@link RoleBase}) endorsed one
 * of its recent rounds; an endorser waits out the old claim, stretched for clock drift, before it
 * endorses another. So two members never hold a valid claim at the same instant, whatever the
 * network does, as long as clocks drift within {@link RoleSettings#maxClockDrift()}.
 * This class decides when this node claims and whom it endorses; carrying out its own claim
 * (rounds, grant, lease, release) is {@link RoleClaimant}'s.
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
    private final long heartbeatNanos;
    private long nextCheckAt = Long.MIN_VALUE;
    private final RoleSuccession succession;
    private final RoleOutput output;
    private final RoleClaimant claimant;
    private boolean done;
    private RoleState state = RoleState.NONE;

    RoleElection(RoleSettings settings, LocalMember local, BooleanSupplier inCluster, long now) {
        this.settings = settings;
        this.local = local;
        this.inCluster = inCluster;
        this.view = new RoleGroupView(settings.group(), now);
        this.endorsement = new RoleEndorsement(settings.endorsementHoldNanos(), now);
        this.heartbeatNanos = Math.max(1, settings.heartbeatIntervalNanos());
        this.succession = new RoleSuccession(settings, local, inCluster, view, base, endorsement);
        this.output = new RoleOutput(local, settings.group(), base);
        this.claimant = new RoleClaimant(settings, local, view, base, endorsement, succession, output, heartbeatNanos);
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
        // The old uid is dead everywhere: its claim must end here too.
        claimant.lostIdentity(d.previous(), d.rejoined() ? "declared-dead" : "stopped", out);
        if (!d.rejoined()) {
            done = true;
        }
        succession.restart();
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
        claimant.heardOf(h.token());
        if (h.forming() && !base.isEmpty() && !isSameBase(h.baseEpoch(), h.baseSeq(), h.base())) {
            echo(h, false, true, out); // the group exists: the claimant learns its base instead
            return;
        }
        adoptBase(h.baseEpoch(), h.baseSeq(), h.base(), now, out);
        long uid = h.sender().uid();
        RoleClaim mine = claimant.current();
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
        claimant.heardOf(e.maxToken());
        RoleClaim c = claimant.current();
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
        c = claimant.current();
        if (c == null || e.token() != c.token) {
            return;
        }
        String seat = Objects.requireNonNull(view.seatOf(e.sender().uid()));
        base.confirmedBy(seat, e.baseEpoch(), e.baseSeq());
        if (e.endorsed()) {
            if (base.contains(seat)) {
                c.endorsed(seat, e.round(), claimant.neededFromOthers());
            }
            if (claimant.checkGrant(c, now, out)) {
                publishState(now);
            }
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
            RoleClaim c = claimant.current();
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
        if (claimant.checkLease(now, out)) {
            publishState(now);
        }
    }

    void tick(long now, List<Directive> out) {
        if (!enabled() || local.isDone()) {
            return;
        }
        checkLease(now, out);
        RoleClaim c = claimant.current();
        if (c == null && now >= nextCheckAt) {
            nextCheckAt = Timers.plus(now, heartbeatNanos);
            if (succession.mayClaimNow(now)) {
                claimant.start(now);
            } else {
                nextCheckAt = Math.min(nextCheckAt, succession.nextChangeAt(now));
            }
        } else if (c != null && !c.isValidAt(now) && now - c.lastValidOrStart() > 2 * settings.endorsementHoldNanos()) {
            abandon(now, out); // no quorum in time: let the next in line try
            return;
        }
        claimant.heartbeatIfDue(now, out);
        publishState(now);
    }

    long nextDueAt() {
        if (!enabled()) {
            return Long.MAX_VALUE;
        }
        return claimant.nextDueAt(nextCheckAt);
    }

    // ------------------------------------------------------------------------------------------
    // Claiming

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
        if (claimant.giveUp(reason, out)) {
            nextCheckAt = Timers.plus(now, heartbeatNanos);
            publishState(now);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Leave

    /** A graceful leave: the role is given up first, and endorsers are freed at once. */
    void leave(long now, List<Directive> out) {
        if (!enabled()) {
            return;
        }
        claimant.leave(out);
        done = true;
        publishState(now);
    }

    private void publishState(long now) {
        if (!settings.enabled()) {
            return;
        }
        RoleClaim c = claimant.current();
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
        RoleClaim c = claimant.current();
        return "roles[self=" + self() + " base=" + base.members() + "@" + base.epoch() + "." + base.seq()
                + " live=" + view.live().stream().map(Member::name).toList()
                + " bound=" + endorsement.currentPrimary(Long.MIN_VALUE) + "/" + endorsement.token()
                + " last=" + endorsement.lastPrimary() + " max=" + endorsement.maxToken() + " known="
                + claimant.knownMaxToken()
                + " claim="
                + (c == null ? "none" : c.token + (c.granted ? " granted" : " pending") + " until " + c.leaseUntil())
                + " done=" + done + " joined=" + inCluster.getAsBoolean() + " liveQuorum=" + succession.liveQuorum()
                + "]";
    }
}
