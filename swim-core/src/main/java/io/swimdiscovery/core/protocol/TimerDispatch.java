package io.swimdiscovery.core.protocol;

import java.util.List;

/**
 * Fires the engine's due {@link Timers} and hands each token to the component it belongs to: a
 * suspicion that ran out becomes unreachable or dead, a tombstone expires, a relay sends its nack
 * or forgets its ping-req, a claim's verification ping gives up. Apart from {@link SwimInstance}
 * so the façade keeps only the inputs, and the path from "time passed" to each timer's owner is in
 * one place. Each owner checks that its token's episode is still current before it acts.
 */
final class TimerDispatch {

    private final SwimSettings settings;
    private final Timers timers;
    private final Suspicions suspicions;
    private final Membership membership;
    private final ProbeRelay relay;
    private final ClaimVerifier verifier;
    private final AntiEntropy antiEntropy;
    private final EngineCounters counters;

    TimerDispatch(
            SwimSettings settings,
            Timers timers,
            Suspicions suspicions,
            Membership membership,
            ProbeRelay relay,
            ClaimVerifier verifier,
            AntiEntropy antiEntropy,
            EngineCounters counters) {
        this.settings = settings;
        this.timers = timers;
        this.suspicions = suspicions;
        this.membership = membership;
        this.relay = relay;
        this.verifier = verifier;
        this.antiEntropy = antiEntropy;
        this.counters = counters;
    }

    /** Runs every timer due at {@code now}, in the order they fall due. */
    void fireTimers(long now, List<Directive> out) {
        for (Timers.Token t = timers.pollDue(now); t != null; t = timers.pollDue(now)) {
            if (t instanceof Timers.SuspicionExpiry s) {
                if (suspicions.isDue(s, now)) {
                    expireSuspicion(s.entry(), now, out);
                }
            } else if (t instanceof Timers.UnreachableExpiry u) {
                if (suspicions.isDue(u)) {
                    declareDead(u.entry(), now, out);
                }
            } else if (t instanceof Timers.TombstoneExpiry tomb) {
                suspicions.expireTombstone(tomb);
            } else if (t instanceof Timers.RelayNack n) {
                relay.onNackDue(n, out);
            } else if (t instanceof Timers.RelayExpiry r) {
                relay.onExpiry(r);
            } else if (t instanceof Timers.ClaimExpiry c) {
                if (verifier.expire(c, now, out)) {
                    // News this node could not take (a new uid, a new member): dropped here, and
                    // the gossip that carried it may be over by now. A push-pull soon brings it again.
                    antiEntropy.syncSoon(now);
                }
            }
        }
    }

    private void expireSuspicion(MemberEntry e, long now, List<Directive> out) {
        if (settings.unreachableEnabled()) {
            membership.merge(
                    new Gossip(e.id, MemberStatus.UNREACHABLE, e.incarnation, e.metadata, null),
                    NewsSource.LOCAL,
                    true,
                    now,
                    out);
        } else {
            declareDead(e, now, out);
        }
    }

    private void declareDead(MemberEntry e, long now, List<Directive> out) {
        counters.membersDeclaredDead++;
        membership.merge(
                new Gossip(e.id, MemberStatus.DEAD, e.incarnation, e.metadata, null), NewsSource.LOCAL, true, now, out);
    }
}
