package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.protocol.MembershipEvent.LocalMemberDeclaredDead;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * This member's own record: its uid, incarnation and metadata, and the rules for news about
 * itself. Only this node raises its incarnation: once to refute a suspicion at its current
 * incarnation, once per metadata change. News about itself that it did not issue (a higher
 * incarnation, an alive with other metadata) is forged or garbled and is counted, never adopted,
 * so no packet can push the incarnation toward overflow.
 *
 * <p>Dead is final for a uid (see {@link Precedence}). When a member it knows tells this node it
 * was declared dead, the node rejoins under a new uid ({@link SwimSettings.RejoinPolicy#REJOIN}) or
 * stops ({@link SwimSettings.RejoinPolicy#STOP}), and says so in a {@link LocalMemberDeclaredDead}
 * event. From a stranger the same news counts only as a suspicion, which it refutes.
 */
final class LocalMember {

    private final SwimSettings settings;
    private final MemberTable table;
    private final FailedMembers failed;
    private final Dissemination dissemination;
    private final EngineCounters counters;
    private final RandomGenerator random;
    private final LocalHealth health;
    private final MemberEntry entry;
    private long previousUid;
    private boolean left;
    private boolean stopped;
    /** Set when this node rejoined and has not yet told the cluster directly. */
    private boolean announceRejoin;

    LocalMember(
            SwimSettings settings,
            MemberId self,
            Map<String, String> metadata,
            MemberTable table,
            FailedMembers failed,
            Dissemination dissemination,
            EngineCounters counters,
            RandomGenerator random,
            LocalHealth health,
            long now) {
        this.settings = settings;
        this.table = table;
        this.failed = failed;
        this.dissemination = dissemination;
        this.counters = counters;
        this.random = random;
        this.health = health;
        checkMetadata(settings, metadata);
        this.entry = new MemberEntry(self, MemberStatus.ALIVE, 0, Map.copyOf(metadata), now);
        table.put(entry);
    }

    String name() {
        return entry.id.name();
    }

    MemberId id() {
        return entry.id;
    }

    MemberEntry entry() {
        return entry;
    }

    Gossip record() {
        return entry.toGossip(null);
    }

    boolean hasLeft() {
        return left;
    }

    /** Whether the engine stopped itself after it was declared dead (policy STOP). */
    boolean isStopped() {
        return stopped;
    }

    /** Whether this node is done: it left, or stopped after being declared dead. */
    boolean isDone() {
        return left || stopped;
    }

    /** True once after a rejoin: the engine then tells a few members directly. */
    boolean takeRejoinAnnouncement() {
        boolean a = announceRejoin;
        announceRejoin = false;
        return a;
    }

    /**
     * News about this node's name.
     *
     * @return whether it differs from this node's own record, so the sender should be corrected
     */
    boolean onNewsAboutSelf(Gossip g, NewsSource source, long now, List<Directive> out) {
        if (isDone()) {
            return false;
        }
        if (g.member().uid() != entry.id.uid()) {
            if (g.member().uid() != previousUid && !g.status().isTerminal()) {
                counters.reject(NewsRejection.FORGED_SELF_NEWS); // another uid claims this name
                return true;
            }
            return false; // our own previous uid: long over
        }
        long mine = entry.incarnation;
        if (g.incarnation() > mine) {
            counters.reject(NewsRejection.FORGED_SELF_NEWS);
            return true;
        }
        switch (g.status()) {
            case ALIVE -> {
                if (g.incarnation() == mine && !g.hasMetadata(entry.metadata)) {
                    counters.reject(NewsRejection.FORGED_SELF_NEWS);
                    return true;
                }
                // News without our metadata (a claim being verified): the answer carries it in full.
                return g.incarnation() < mine || g.metadataOmitted();
            }
            case SUSPECT, UNREACHABLE -> {
                if (g.incarnation() == mine) {
                    refute(now, out);
                } else if (dissemination.transmits(name()) != 0) {
                    // Already refuted, but the sender has not heard: a probe that failed just before
                    // our refutation arrived raises the old suspicion again after the refutation
                    // stopped circulating. Queue it once more so the very answer carries it.
                    dissemination.offer(record(), GossipQueue.Reach.URGENT);
                }
                return true;
            }
            case DEAD -> {
                if (source.fromKnownMember(table, failed) || source.equals(NewsSource.LOCAL)) {
                    declaredDead(now, out);
                } else if (g.incarnation() == mine) {
                    refute(now, out); // a stranger's word: a suspicion at most
                }
                return true;
            }
            case LEFT -> {
                if (source.fromKnownMember(table, failed)) {
                    // A member holds this uid as left, which is as final as dead (a left claim it could
                    // not check, the ping lost): no refutation reaches it, only a new uid does.
                    declaredDead(now, out);
                } else if (g.incarnation() == mine) {
                    refute(now, out); // a stranger's word, or a claim being checked: this node is not leaving
                }
                return true;
            }
        }
        return false;
    }

    /** Refutes with a higher incarnation (or, at the ceiling, by rejoining under a new uid). */
    private void refute(long now, List<Directive> out) {
        if (entry.incarnation >= SwimInstance.MAX_INCARNATION) {
            declaredDead(now, out);
            return;
        }
        entry.incarnation++;
        table.reindex(entry);
        counters.refutations++;
        health.apply(LocalHealth.Event.REFUTED_SUSPICION);
        dissemination.offer(record(), GossipQueue.Reach.URGENT);
    }

    private void declaredDead(long now, List<Directive> out) {
        Member previous = new Member(entry.id, MemberStatus.DEAD, entry.incarnation, entry.metadata, now);
        if (settings.rejoinPolicy() == SwimSettings.RejoinPolicy.STOP) {
            stopped = true;
            out.add(new Directive.Publish(new LocalMemberDeclaredDead(previous, previous, false)));
            return;
        }
        previousUid = entry.id.uid();
        long uid;
        do {
            uid = random.nextLong();
        } while (uid == 0 || uid == previousUid);
        entry.id = new MemberId(entry.id.name(), entry.id.address(), uid);
        entry.incarnation = 0;
        entry.statusChangedAtNanos = now;
        entry.episode++;
        table.reindex(entry);
        counters.rejoins++;
        dissemination.offer(record(), GossipQueue.Reach.URGENT);
        announceRejoin = true;
        out.add(new Directive.Publish(new LocalMemberDeclaredDead(entry.snapshot(), previous, true)));
    }

    /** Leaves on purpose: final for this uid. */
    Gossip leave(long now) {
        left = true;
        entry.status = MemberStatus.LEFT;
        entry.statusChangedAtNanos = now;
        table.reindex(entry);
        Gossip news = record();
        dissemination.offer(news);
        return news;
    }

    /** New metadata: the incarnation rises so the change overrides the old map everywhere. */
    boolean updateMetadata(Map<String, String> metadata) {
        checkMetadata(settings, metadata);
        if (isDone() || metadata.equals(entry.metadata) || entry.incarnation >= SwimInstance.MAX_INCARNATION) {
            return false;
        }
        entry.metadata = Map.copyOf(metadata);
        entry.incarnation++;
        table.reindex(entry);
        dissemination.offer(record(), GossipQueue.Reach.USUAL, GossipQueue.Kind.METADATA);
        return true;
    }

    static void checkMetadata(SwimSettings settings, Map<String, String> metadata) {
        int bytes = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            bytes += 2
                    + e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > settings.maxMetadataBytes()) {
            throw new IllegalArgumentException("metadata takes " + bytes + " bytes, more than maxMetadataBytes ("
                    + settings.maxMetadataBytes() + ")");
        }
    }
}
