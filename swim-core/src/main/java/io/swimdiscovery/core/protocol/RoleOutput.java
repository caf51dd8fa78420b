package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.protocol.Message.RoleEcho;
import io.swimdiscovery.core.protocol.Message.RoleHeartbeat;
import java.util.Collection;
import java.util.List;

/**
 * What {@link RoleElection} emits, built in one place: heartbeats, echoes and releases to the
 * group's members, and the role events for the application. The election decides when; this
 * class only knows how each message and event is shaped (which base to attach, which transport
 * a message takes), so those rules cannot drift apart between the places that send.
 */
final class RoleOutput {

    private final LocalMember local;
    private final String group;
    private final RoleBase base;

    RoleOutput(LocalMember local, String group, RoleBase base) {
        this.local = local;
        this.group = group;
        this.base = base;
    }

    /**
     * Answers heartbeat {@code h}; the base goes along when asked for ({@code withBase}) or when
     * the claimant's base is older than this node's.
     */
    void echo(RoleHeartbeat h, boolean endorsed, boolean withBase, long maxToken, List<Directive> out) {
        boolean newer = withBase || base.compareVersion(h.baseEpoch(), h.baseSeq()) < 0;
        RoleEcho e = new RoleEcho(
                local.id(),
                group,
                h.token(),
                h.round(),
                endorsed,
                maxToken,
                base.epoch(),
                base.seq(),
                newer ? base.members() : List.of());
        out.add(send(h.sender().address(), e, e.base().size()));
    }

    /** Round {@code round} of claim {@code c} to every live member; the base goes to those new to it. */
    void heartbeats(RoleClaim c, long round, Collection<Member> live, List<Directive> out) {
        for (Member m : live) {
            boolean withBase = base.isNewTo(RoleGroupView.seatOf(m));
            RoleHeartbeat h = new RoleHeartbeat(
                    local.id(),
                    group,
                    c.token,
                    round,
                    base.epoch(),
                    base.seq(),
                    withBase || c.forming ? base.members() : List.of(),
                    false,
                    c.forming && !c.granted);
            out.add(send(m.address(), h, h.base().size()));
        }
    }

    /** Tells every live member the claim with {@code token} is given up, so its endorsers are free. */
    void releases(long token, Collection<Member> live, List<Directive> out) {
        for (Member m : live) {
            out.add(new Directive.Send(
                    m.address(),
                    new RoleHeartbeat(local.id(), group, token, 0, base.epoch(), base.seq(), List.of(), true, false)));
        }
    }

    void revoked(Member holder, long token, String reason, List<Directive> out) {
        out.add(new Directive.Publish(new MembershipEvent.PrimaryRevoked(holder, group, token, reason)));
    }

    /** This node holds the role now: granted to it, and it is the primary the group follows. */
    void granted(long token, List<Directive> out) {
        out.add(new Directive.Publish(
                new MembershipEvent.PrimaryGranted(local.entry().snapshot(), group, token)));
        out.add(new Directive.Publish(
                new MembershipEvent.PrimaryChanged(local.entry().snapshot(), group, token)));
    }

    void changed(Member primary, long token, List<Directive> out) {
        out.add(new Directive.Publish(new MembershipEvent.PrimaryChanged(primary, group, token)));
    }

    /** Large bases go over a stream: a datagram holds only a few dozen seat names. */
    private static Directive send(Address to, Message m, int baseSize) {
        return baseSize > 100 ? new Directive.SendReliable(to, m) : new Directive.Send(to, m);
    }
}
