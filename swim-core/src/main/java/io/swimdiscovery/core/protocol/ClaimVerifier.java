package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.protocol.Message.Ping;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Verify before you route: news that only member X may issue, heard from someone else, changes
 * nothing a reader sees until X itself has confirmed it. Without a cluster key anyone who can reach
 * the port can send such news; with this check a forged packet can at most make this node send one
 * small ping to the address it names.
 *
 * <p>The check is a ping to the claimed address, for the claimed uid, with a random sequence number
 * (so only the process at that address can answer) and with the claim itself as its first gossip.
 * The subject compares the claim with its own record: if they differ, its answer carries its own
 * record first, which this node merges as the subject's word, and the claim is dropped. Three kinds:
 * <ul>
 *   <li>{@link Kind#ANSWER} (a new member, a new uid at the old address, a higher incarnation): taken
 *       when the subject acks without correcting it;</li>
 *   <li>{@link Kind#ANSWER_AND_OLD_SILENT} (a new uid at another address while the old uid is live
 *       here): the new process must answer and then the old one must not (a name clash or a
 *       forgery otherwise);</li>
 *   <li>{@link Kind#SILENCE} (a leave): taken when the subject does not answer; a live subject
 *       answers, sees the claim in the ping, and refutes it.</li>
 * </ul>
 * At most {@link #MAX_IN_FLIGHT} pings are out at once and {@link #maxWaiting} claims wait (as many
 * as the table may hold members, at least {@link #MAX_WAITING}: a node joining a cluster of 10,000
 * checks every member of the seed's full state); more are dropped and counted (anti-entropy brings
 * real news again).
 */
final class ClaimVerifier {

    static final int MAX_IN_FLIGHT = 32;
    static final int MAX_WAITING = 4096;
    /** Expired checks whose answer is still taken if it comes: the last few waits' worth. */
    static final int MAX_LATE = 4 * MAX_IN_FLIGHT;

    /** Claims that may wait for a ping: one per member the table may hold, at least {@link #MAX_WAITING}. */
    static int maxWaiting(SwimSettings settings) {
        return Math.max(MAX_WAITING, settings.maxMembers());
    }

    enum Kind {
        ANSWER,
        ANSWER_AND_OLD_SILENT,
        SILENCE
    }

    /** One claim being checked; {@code stage} 1 while its subject is pinged, 2 while the old uid is. */
    static final class Claim {
        final Gossip news;
        final Kind kind;
        /** Whether the check ping also carries this node's own record (see {@link #offer}). */
        final boolean introduce;

        int stage;
        long sequence;

        @Nullable
        MemberId pinged;

        Claim(Gossip news, Kind kind, boolean introduce) {
            this.news = news;
            this.kind = kind;
            this.introduce = introduce;
        }
    }

    private final MemberTable table;
    private final Membership membership;
    private final Timers timers;
    private final EngineCounters counters;
    private final Sequences sequences;
    private final LocalMember local;
    private final long waitNanos;
    private final LocalHealth health;
    private final int maxWaiting;
    private final Map<String, Claim> byName = new HashMap<>();
    private final Map<Long, Claim> bySequence = new HashMap<>();
    private final ArrayDeque<Claim> waiting = new ArrayDeque<>();
    /**
     * Checks of a new member or uid that expired unanswered, by sequence, oldest first, at most
     * {@link #MAX_LATE}. A loaded host answers late, not never (a 500-node formation on two cores
     * answered most checks after 1 to 5 s); an answer that comes from the pinged address with the
     * ping's random sequence is the subject's word however late, so it still admits the member
     * instead of leaving it to be heard and checked again.
     */
    private final LinkedHashMap<Long, Claim> late = new LinkedHashMap<>();

    ClaimVerifier(
            SwimSettings settings,
            LocalHealth health,
            MemberTable table,
            Membership membership,
            Timers timers,
            EngineCounters counters,
            Sequences sequences,
            LocalMember local) {
        this.table = table;
        this.membership = membership;
        this.timers = timers;
        this.counters = counters;
        this.sequences = sequences;
        this.local = local;
        // Two probe timeouts, at least a period, and scaled by local health like every probe: a
        // node that is itself slow (a loaded CPU during a mass join) must not drop true claims for
        // answers it was too busy to read in time.
        this.waitNanos = Math.max(
                Timers.times(settings.probeTimeout().toNanos(), 2),
                settings.protocolPeriod().toNanos());
        this.health = health;
        this.maxWaiting = maxWaiting(settings);
    }

    /**
     * Queues a claim; one per member name at a time, the first one kept.
     *
     * @param introduce whether its check should also carry this node's own record: for claims that
     *     came in a full state over a stream, whose sender had to complete a TCP handshake. A
     *     joiner checks every member of its seed's state, so each of them hears of the joiner from
     *     the joiner itself and need not check it in turn when the joiner's news reaches it by
     *     gossip (n check pings at the newcomer, in one burst, otherwise). A forged datagram's claim
     *     still costs only the small ping.
     */
    void offer(Gossip news, Kind kind, boolean introduce) {
        if (byName.containsKey(news.member().name())) {
            return;
        }
        if (byName.size() >= MAX_IN_FLIGHT + maxWaiting) {
            counters.reject(NewsRejection.CLAIM_QUEUE_FULL);
            return;
        }
        Claim c = new Claim(news, kind, introduce);
        byName.put(news.member().name(), c);
        waiting.add(c);
    }

    /** Sends the pings of waiting claims while fewer than {@link #MAX_IN_FLIGHT} are out. */
    void sendWaiting(long now, List<Directive> out) {
        while (bySequence.size() < MAX_IN_FLIGHT && !waiting.isEmpty()) {
            Claim c = waiting.poll();
            ping(c, 1, c.news.member(), c.news, now, out);
        }
    }

    private void ping(Claim c, int stage, MemberId target, @Nullable Gossip first, long now, List<Directive> out) {
        c.stage = stage;
        c.sequence = sequences.next();
        c.pinged = target;
        bySequence.put(c.sequence, c);
        // The claim, no piggybacked queue: the address is the claimant's choice, so it must get no
        // more than the one item it was sent (issue 8: a forged member costs one small ping). A claim
        // from a stream's full state also introduces this node (see offer): the subject lists it as
        // its own word, since the ping comes from this node's advertised address.
        List<Gossip> gossip;
        if (first == null) {
            gossip = List.of();
        } else if (c.introduce && stage == 1) {
            gossip = List.of(first, local.record());
        } else {
            gossip = List.of(first);
        }
        Ping ping = new Ping(local.id().address(), c.sequence, target.uid(), gossip);
        out.add(new Directive.Send(target.address(), ping));
        timers.after(now, health.scale(waitNanos), new Timers.ClaimExpiry(c, stage));
    }

    /** The member pinged for {@code sequence}, if it is a verification ping: its answer speaks for it. */
    @Nullable
    MemberId pingedFor(long sequence) {
        Claim c = bySequence.get(sequence);
        if (c == null) {
            c = late.get(sequence);
        }
        return c == null ? null : c.pinged;
    }

    /**
     * An ack of a verification ping. If it carries another record of the subject than the claim,
     * that is the subject's own word (already merged as such), and it overrides the claim.
     */
    void onAck(long sequence, List<Gossip> answer, long now, List<Directive> out) {
        Claim c = bySequence.remove(sequence);
        if (c == null) {
            onLateAck(sequence, answer, now, out);
            return;
        }
        boolean corrected = false;
        for (Gossip g : answer) {
            corrected |= corrects(g, c);
        }
        if (c.stage == 2 || c.kind == Kind.SILENCE) {
            // The old uid (or the member said to have left) answered: it is alive, the claim is false.
            finish(c, c.kind == Kind.SILENCE ? NewsRejection.REFUTED_CLAIM : NewsRejection.NAME_CONFLICT);
            return;
        }
        if (corrected) {
            finish(c, NewsRejection.REFUTED_CLAIM);
            return;
        }
        if (c.kind == Kind.ANSWER_AND_OLD_SILENT) {
            MemberEntry old = table.get(c.news.member().name());
            if (old != null
                    && !old.status.isTerminal()
                    && old.id.uid() != c.news.member().uid()) {
                ping(c, 2, old.id, null, now, out);
                return;
            }
        }
        accept(c, now, out);
    }

    /** A late answer to an expired check of a new member or uid: the subject's word all the same. */
    private void onLateAck(long sequence, List<Gossip> answer, long now, List<Directive> out) {
        Claim c = late.remove(sequence);
        if (c == null) {
            return;
        }
        for (Gossip g : answer) {
            if (corrects(g, c)) {
                return; // the subject's own record, merged as its word, is what this node lists now
            }
        }
        Claim current = byName.get(c.news.member().name());
        if (current != null) {
            return; // newer news of the name is being checked; that check decides
        }
        membership.mergeVerified(c.news, now, out);
    }

    private static boolean corrects(Gossip g, Claim c) {
        return g.member().name().equals(c.news.member().name()) && !confirms(g, c.news);
    }

    /**
     * Whether the subject's own record {@code own} is the claimed news: the same in everything, the
     * metadata compared by digest when the claim carried only that.
     */
    private static boolean confirms(Gossip own, Gossip claim) {
        return own.member().equals(claim.member())
                && own.status() == claim.status()
                && own.incarnation() == claim.incarnation()
                && Objects.equals(own.origin(), claim.origin())
                && (own.metadataOmitted() ? own.equals(claim) : claim.hasMetadata(own.metadata()));
    }

    /** Another process answered at the pinged address ("not me"): the pinged uid is not there. */
    void onNotThere(long sequence, long now, List<Directive> out) {
        Claim c = bySequence.remove(sequence);
        if (c == null) {
            return;
        }
        if (c.stage == 2 || c.kind == Kind.SILENCE) {
            accept(c, now, out);
        } else {
            finish(c, NewsRejection.REFUTED_CLAIM);
        }
    }

    /**
     * A verification ping's wait ended.
     *
     * @return whether the claim went unchecked: its subject did not answer in time
     */
    boolean expire(Timers.ClaimExpiry t, long now, List<Directive> out) {
        Claim c = t.claim();
        if (c.stage != t.stage() || bySequence.remove(c.sequence) == null) {
            return false;
        }
        if (c.stage == 2 || c.kind == Kind.SILENCE) {
            accept(c, now, out);
            return false;
        }
        finish(c, NewsRejection.UNVERIFIED);
        if (c.kind == Kind.ANSWER) {
            late.put(c.sequence, c);
            if (late.size() > MAX_LATE) {
                late.remove(late.keySet().iterator().next());
            }
        }
        return true;
    }

    private void accept(Claim c, long now, List<Directive> out) {
        byName.remove(c.news.member().name());
        membership.mergeVerified(c.news, now, out);
    }

    private void finish(Claim c, NewsRejection reason) {
        byName.remove(c.news.member().name());
        counters.reject(reason);
    }

    int pending() {
        return byName.size();
    }
}
