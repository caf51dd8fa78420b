package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.protocol.MembershipEvent.MemberFailed;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberJoined;
import io.swimdiscovery.core.protocol.Message.GossipPush;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The merge rules over the member table: which news is believed, from whom, and what a user sees
 * when it is. Suspicion timers and the events themselves are in {@link Suspicions} and
 * {@link MembershipEvents}.
 *
 * <p>Who may say what (docs/protocol.md, "Only the member speaks for itself"):
 * <ul>
 *   <li>Anyone may report a suspicion at the incarnation it knows, and a death of a member this
 *       node already suspects: that is what failure detection is.</li>
 *   <li>Only the member itself may issue a higher incarnation, a leave, or a new uid; and a member
 *       this node never saw must show itself. Such news is taken at once from the member's own
 *       word ({@link NewsSource#speaksFor}); from anyone else it is a claim that
 *       {@link ClaimVerifier} checks with the subject before it changes what readers see.</li>
 *   <li>A uid keeps its address for life; dead and left are final for a uid.</li>
 * </ul>
 */
final class Membership {

    private final SwimSettings settings;
    private final MemberTable table;
    private final ProbeSchedule schedule;
    private final Dissemination dissemination;
    private final Suspicions suspicions;
    private final FailedMembers failed;
    private final EngineCounters counters;
    private final LocalMember local;
    private final LocalHealth health;
    private @Nullable ClaimVerifier verifier;
    /** When this node may send its next death notice (to any uid): see {@link #tellItIsDead}. */
    private long nextNoticeAt = Long.MIN_VALUE;

    /** Shares equal metadata strings across the table's entries (a table holds n members). */
    private final MetadataPool metadataPool = MetadataPool.SHARED;

    Membership(
            SwimSettings settings,
            MemberTable table,
            ProbeSchedule schedule,
            Dissemination dissemination,
            Suspicions suspicions,
            FailedMembers failed,
            EngineCounters counters,
            LocalMember local,
            LocalHealth health) {
        this.settings = settings;
        this.table = table;
        this.schedule = schedule;
        this.dissemination = dissemination;
        this.suspicions = suspicions;
        this.failed = failed;
        this.counters = counters;
        this.local = local;
        this.health = health;
    }

    void verifyClaimsWith(ClaimVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * Applies one piece of news from {@code source}.
     *
     * @param regossip whether believed news should be passed on (false for a silent preload)
     * @return whether the news was about this node and differs from its own record (so an answer
     *     to the sender should carry the correction)
     */
    boolean merge(Gossip g, NewsSource source, boolean regossip, long now, List<Directive> out) {
        MemberId who = g.member();
        if (who.uid() == 0 || g.incarnation() > SwimInstance.MAX_INCARNATION) {
            counters.reject(NewsRejection.OUT_OF_RANGE);
            return false;
        }
        if (who.name().equals(local.name())) {
            return local.onNewsAboutSelf(g, source, now, out);
        }
        boolean own = source.speaksFor(who);
        MemberEntry e = table.get(who.name());
        if (e == null || e.id.uid() != who.uid()) {
            mergeOtherUid(g, e, own, source, regossip, now, out);
            return false;
        }
        if (!e.id.address().equals(who.address())) {
            counters.reject(NewsRejection.ADDRESS_CHANGE);
            return false;
        }
        int order =
                Precedence.compare(g.member().uid(), g.status(), g.incarnation(), e.id.uid(), e.status, e.incarnation);
        if (order < 0) {
            if (e.status == MemberStatus.DEAD && !g.status().isTerminal()) {
                tellItIsDead(who, now, out); // someone believes a uid alive that is dead here
            }
            return false;
        }
        if (g.metadataOmitted() && order > 0) {
            Gossip full = completed(g, e);
            if (full == null) {
                // Another incarnation with metadata this node does not hold: only the member can
                // give it, and its answer to the verification ping carries it in full.
                if (source.verifiedClaim()) {
                    counters.reject(NewsRejection.METADATA_MISSING);
                } else {
                    claim(g, ClaimVerifier.Kind.ANSWER, source);
                }
                return false;
            }
            g = full;
        }
        if (order == 0) {
            if (g.status() == MemberStatus.SUSPECT
                    && !source.sync()
                    && g.origin() != null
                    && suspicions.confirm(e, g.origin())
                    && regossip) {
                dissemination.offer(g); // an independent confirmation: others should count it too
            }
            return false;
        }
        switch (g.status()) {
            case ALIVE -> {
                if (own || isRefutation(e, g)) {
                    apply(e, g, regossip, now, out);
                } else {
                    claim(g, ClaimVerifier.Kind.ANSWER, source);
                }
            }
            case SUSPECT, UNREACHABLE -> {
                if (g.incarnation() > e.incarnation && !own) {
                    claim(g, ClaimVerifier.Kind.ANSWER, source); // the higher incarnation is the member's to issue
                } else {
                    apply(e, g, regossip, now, out);
                }
            }
            case DEAD -> {
                // A death is taken from X itself, or, once this node suspects X, from a member it
                // knows speaking from its own host (a gossip push, a sync, an answer to our ping).
                // An anonymous death (piggybacked on someone's ping) never ends a suspicion here:
                // otherwise a forged suspect(X) plus a forged dead(X), two datagrams, evict any
                // member. Deaths travel on gossip pushes every interval, so this costs little.
                boolean suspectedHere = e.status == MemberStatus.SUSPECT || e.status == MemberStatus.UNREACHABLE;
                if (own || e.status.isTerminal() || (suspectedHere && source.fromKnownMember(table, failed))) {
                    apply(e, new Gossip(e.id, MemberStatus.DEAD, e.incarnation, e.metadata, null), regossip, now, out);
                } else if (!suspectedHere) {
                    // Alive here: a death this node had no chance to observe. Suspect it and look
                    // for ourselves first; if the member is alive it refutes. The suspicion is not
                    // passed on: the death is what spreads, and others decide for themselves.
                    apply(e, new Gossip(e.id, MemberStatus.SUSPECT, e.incarnation, e.metadata, null), false, now, out);
                    schedule.prioritize(e);
                }
            }
            case LEFT -> {
                if (own || e.status.isTerminal()) {
                    apply(e, g, regossip, now, out);
                } else {
                    claim(g, ClaimVerifier.Kind.SILENCE, source);
                }
            }
        }
        return false;
    }

    /** News about a uid other than the one this node holds for the name (or a name it does not hold). */
    private void mergeOtherUid(
            Gossip g,
            @Nullable MemberEntry e,
            boolean own,
            NewsSource source,
            boolean regossip,
            long now,
            List<Directive> out) {
        MemberId who = g.member();
        if (failed.isDead(who) || (e != null && e.retiredUid == who.uid())) {
            counters.reject(NewsRejection.STALE_UID);
            if (!g.status().isTerminal() && (e == null || e.status.isTerminal())) {
                tellItIsDead(who, now, out); // no newer process of the name is known: this may be it
            }
            return;
        }
        if (g.status().isTerminal()) {
            if (own && e == null) {
                // The process's own word that it ended overtook its alive news (a member that came and
                // went while this node was not listening): remember the uid as over, so a late alive
                // datagram cannot list it. Never a reconnect candidate: it was never a member here.
                failed.failed(g.member(), now);
                failed.replaced(who.name());
            }
            return; // otherwise the end of an identity this node never held: nothing to forget
        }
        if (g.metadataOmitted()) {
            if (source.verifiedClaim()) {
                counters.reject(NewsRejection.METADATA_MISSING);
                return;
            }
            own = false; // a member never leaves out its own metadata; its answer to a check brings it
        }
        if (!own) {
            claim(
                    g,
                    e == null
                                    || e.status.isTerminal()
                                    || e.id.address().equals(g.member().address())
                            ? ClaimVerifier.Kind.ANSWER
                            : ClaimVerifier.Kind.ANSWER_AND_OLD_SILENT,
                    source);
            return;
        }
        if (e != null
                && !e.status.isTerminal()
                && !e.id.address().equals(g.member().address())
                && !source.verifiedClaim()) {
            // The process itself says it is a new start elsewhere, while the old uid is live here:
            // two live processes cannot share a name, so the old one must stop answering first.
            claim(g, ClaimVerifier.Kind.ANSWER_AND_OLD_SILENT, source);
            return;
        }
        if (e == null && table.size() >= settings.maxMembers()) {
            counters.reject(NewsRejection.MEMBER_TABLE_FULL);
            return;
        }
        admit(g, e, regossip ? reachOfNewIdentity(source, e, who.name()) : null, now, out);
    }

    /**
     * How far this node passes on news of a new identity: only a little ({@link
     * GossipQueue.Reach#SELF_SPREAD}) for a name it never knew, heard outside a full-state exchange. A
     * joiner checks every member of its seed's state with its own record in the ping, so it tells
     * them itself, and a member that heard of it from others and checked it is one of many that
     * know. With every hearer sending each joiner twice a full limit (32 times at n = 1,000), a join
     * of 1,000 in 20 s kept the gossip pushes at 11 KB/node/s for 50 s after the views had converged
     * (simulator, docs/benchmarks.md); a quarter settles within 3 s, converging as fast.
     *
     * <p>Everything else goes out as often as a refutation ({@link GossipQueue.Reach#URGENT}): a
     * member that misses it lists nobody under that name until the next full sync (minutes at large
     * n). The seed hears a joiner in its exchange and may be the
     * only one, as may any node that learns members from another's full state (a push-pull, a
     * healed partition). And a new uid of a name this node already knew (a restart, a rejoin after a
     * false death, the other side of a healed partition) is told to nobody by its subject: every
     * member that lists the old uid must hear of the new one from others.
     */
    private GossipQueue.Reach reachOfNewIdentity(NewsSource source, @Nullable MemberEntry known, String name) {
        return !source.sync() && known == null && !failed.remembers(name)
                ? GossipQueue.Reach.SELF_SPREAD
                : GossipQueue.Reach.URGENT;
    }

    /**
     * News that a uid this node holds dead is alive. Dead is final for a uid, so this node will never
     * list it again; if the process is in fact alive (a false death here alone: its refutation came
     * too late), it must rejoin under a new uid, and it learns of its death only from a member that
     * holds it. Left to chance, that is when a death gossip happens to reach it, or its round-robin
     * probe reaches this node (n periods: a quarter of an hour at 1,000 members) while everyone else
     * lists it alive and this node alone does not. So tell it directly: one small datagram to the
     * address the uid has for life (never one the news names), at most once per
     * {@link #DEATH_NOTICE_PERIODS} protocol periods per uid. A process that is really gone costs a
     * datagram to nowhere; a forged alive buys the forger nothing it could not send itself.
     *
     * <p>Each notice makes a process rejoin, and every member then checks the new uid with a ping:
     * O(n) work in the cluster. So notices are paced, one per protocol period at this node, and a
     * node whose local health is degraded sends none: its false deaths are the ones most likely, and
     * during a storm of them (1,000 nodes on two cores, measured) prompt rejoins would feed the
     * storm. Once healthy again it repairs what is left, on the next news of each such uid.
     */
    private void tellItIsDead(MemberId who, long now, List<Directive> out) {
        long period = settings.protocolPeriod().toNanos();
        if (local.isDone()
                || health.score() > 0
                || now < nextNoticeAt
                || !failed.deathNoticeDue(who, now, Timers.times(period, DEATH_NOTICE_PERIODS))) {
            return;
        }
        nextNoticeAt = Timers.plus(now, period);
        Gossip death = new Gossip(who, MemberStatus.DEAD, 0, Map.of(), null);
        out.add(new Directive.Send(who.address(), new GossipPush(local.id(), List.of(death))));
    }

    /** How many protocol periods apart this node tells the same dead uid that it is dead. */
    static final int DEATH_NOTICE_PERIODS = 5;

    /**
     * Makes {@code g}'s uid the current process of its name, retiring the old one, and passes the
     * news on {@code reach} unless that is null.
     */
    private void admit(
            Gossip g, @Nullable MemberEntry old, GossipQueue.@Nullable Reach reach, long now, List<Directive> out) {
        MemberEntry e =
                new MemberEntry(g.member(), MemberStatus.ALIVE, g.incarnation(), metadataPool.share(g.metadata()), now);
        if (old != null) {
            e.retiredUid = old.id.uid();
            schedule.remove(old);
            suspicions.clear(old);
            if (!old.status.isTerminal()) {
                // A newer start of the same member: the old process is gone.
                failed.failed(old.id, now);
                out.add(new Directive.Publish(
                        new MemberFailed(new Member(old.id, MemberStatus.DEAD, old.incarnation, old.metadata, now))));
            }
        }
        table.put(e);
        failed.replaced(g.member().name());
        suspicions.setStatus(e, g.status(), g.origin(), now);
        if (reach != null) {
            dissemination.offer(g, reach); // see reachOfNewIdentity
        }
        out.add(new Directive.Publish(new MemberJoined(e.snapshot())));
    }

    /**
     * {@code g} (metadata by digest) with the metadata {@code e} holds for the same uid, or null if
     * that is not it: the same incarnation has the same metadata (every change raises it), a death
     * or a leave keeps what was known, and another incarnation must match the digest.
     */
    private static @Nullable Gossip completed(Gossip g, MemberEntry e) {
        if (g.incarnation() == e.incarnation || g.status().isTerminal() || g.hasMetadata(e.metadata)) {
            return g.withMetadata(e.metadata);
        }
        return null;
    }

    /** Believed news about the uid {@code e} holds: update, pass on, tell listeners. */
    void apply(MemberEntry e, Gossip g, boolean regossip, long now, List<Directive> out) {
        if (g.metadataOmitted()) {
            g = g.withMetadata(e.metadata); // callers complete it first; never blank a member's metadata
        }
        Member before = e.snapshot();
        MemberStatus previous = e.status;
        boolean metadataChanged = !g.metadata().equals(e.metadata);
        e.incarnation = g.incarnation();
        if (metadataChanged) {
            e.metadata = metadataPool.share(g.metadata());
        }
        suspicions.setStatus(e, g.status(), g.origin(), now);
        if (g.status().isTerminal() && !previous.isTerminal()) {
            failed.failed(e.id, now); // the uid is over either way: its late news is stale for hours
        }
        if (g.status() == MemberStatus.LEFT) {
            // Left on purpose: never a reconnect candidate, whether the leave came before or after a death.
            failed.replaced(e.id.name());
        }
        // A refutation and a death go out twice as often as other news: a member that misses the
        // first keeps a suspicion until it expires (a false death), and one that misses the second
        // keeps routing to a dead member until it finds out by itself.
        boolean refutation = g.status() == MemberStatus.ALIVE && previous != MemberStatus.ALIVE;
        boolean death = g.status() == MemberStatus.DEAD && !previous.isTerminal();
        if (regossip) {
            // A live member's new metadata shares the queue with status news without starving it, nor the reverse.
            GossipQueue.Kind kind =
                    metadataChanged && previous == MemberStatus.ALIVE && g.status() == MemberStatus.ALIVE
                            ? GossipQueue.Kind.METADATA
                            : GossipQueue.Kind.MEMBERSHIP;
            dissemination.offer(g, refutation || death ? GossipQueue.Reach.URGENT : GossipQueue.Reach.USUAL, kind);
        }
        if (g.status() == MemberStatus.SUSPECT
                && previous == MemberStatus.ALIVE
                && !local.name().equals(g.origin())) {
            suspicions.checkSoon(e);
        }
        MembershipEvents.announce(e, previous, metadataChanged, before, local.name(), out);
    }

    /**
     * A refutation heard from a third party: the next few incarnations with the metadata unchanged.
     * Refutations must spread as fast as the suspicions they answer, so they are taken without a
     * round trip to the subject; the window keeps a forger from pushing the incarnation out of the
     * member's own reach (beyond it, the claim is verified like any other).
     */
    private static boolean isRefutation(MemberEntry e, Gossip g) {
        return g.incarnation() - e.incarnation <= REFUTATION_WINDOW && g.hasMetadata(e.metadata);
    }

    /** How far ahead of the known incarnation a third party's refutation may be. */
    static final long REFUTATION_WINDOW = 16;

    /** A claim the verifier confirmed with its subject: merged as the subject's own word. */
    void mergeVerified(Gossip g, long now, List<Directive> out) {
        counters.claimsVerified++;
        merge(g, NewsSource.verifiedBy(g.member()), true, now, out);
    }

    private void claim(Gossip g, ClaimVerifier.Kind kind, NewsSource source) {
        ClaimVerifier v = verifier;
        if (v != null) {
            v.offer(g, kind, source.sync());
        }
    }
}
