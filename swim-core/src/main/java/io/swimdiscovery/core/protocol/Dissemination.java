package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.GossipPush;
import io.swimdiscovery.core.protocol.Message.Nack;
import io.swimdiscovery.core.protocol.Message.Ping;
import io.swimdiscovery.core.protocol.Message.PingReq;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * How news spreads (SWIM paper section 4.1): each item rides on the messages that flow anyway, up to
 * the packet budget, fewest-sent first, at most {@code lambda * ceil(log10(n + 1))} times; every
 * gossip interval pending news also goes to a few random members, and now and then to a recently
 * dead one, so a member that is in fact alive learns it was declared dead.
 *
 * <p>The queue is bounded ({@link SwimSettings#maxGossipQueue()}, eviction order in {@link
 * GossipQueue}), and the news merged from one full-state sync may fill at most a sixteenth of it:
 * a joiner that just received the whole view would otherwise re-gossip all of it, although every
 * member but the joiner already knows it. Both drops are counted ({@link GossipDrop}).
 */
final class Dissemination {

    private final SwimSettings settings;
    private final PacketSizer sizer;
    private final MemberTable table;
    private final RandomGenerator random;
    private final String selfName;
    private final GossipQueue queue;
    private final EngineCounters counters;
    private final long gossipToTheDeadNanos;
    private final int syncRegossipLimit;
    /** Offers left for the sync being merged, or -1 outside a sync. */
    private int syncOffersLeft = -1;

    Dissemination(
            SwimSettings settings,
            PacketSizer sizer,
            MemberTable table,
            RandomGenerator random,
            String selfName,
            EngineCounters counters) {
        this.settings = settings;
        this.sizer = sizer;
        this.table = table;
        this.random = random;
        this.selfName = selfName;
        this.counters = counters;
        this.queue = new GossipQueue(settings.maxGossipQueue(), selfName);
        this.syncRegossipLimit = Math.max(1, settings.maxGossipQueue() / 16);
        this.gossipToTheDeadNanos = settings.gossipToTheDeadTime().toNanos();
    }

    void offer(Gossip news) {
        offer(news, GossipQueue.Reach.USUAL, GossipQueue.Kind.MEMBERSHIP);
    }

    /**
     * Queues news. News about another member goes out with its metadata as a digest: every receiver
     * either holds that metadata already (it is fixed by uid and incarnation) or must verify the news
     * with a ping to the member anyway, and the member's answer carries its full record. Only this
     * node's own record travels in full, and full states (syncs) always do.
     */
    void offer(Gossip news, GossipQueue.Reach reach) {
        offer(news, reach, GossipQueue.Kind.MEMBERSHIP);
    }

    void offer(Gossip news, GossipQueue.Reach reach, GossipQueue.Kind kind) {
        if (syncOffersLeft >= 0 && !news.member().name().equals(selfName)) {
            if (syncOffersLeft == 0) {
                counters.dropGossip(GossipDrop.SYNC_REGOSSIP_CAPPED, 1);
                return;
            }
            syncOffersLeft--;
        }
        long evictedBefore = queue.evicted();
        queue.offer(news.member().name().equals(selfName) ? news : news.withoutMetadata(), reach, kind);
        counters.dropGossip(GossipDrop.QUEUE_FULL, queue.evicted() - evictedBefore);
    }

    /** The gossip of one full-state sync is about to be merged: cap what it may queue. */
    void beginSyncMerge() {
        syncOffersLeft = syncRegossipLimit;
    }

    /** The sync's gossip is merged: offers are no longer capped. */
    void endSyncMerge() {
        syncOffersLeft = -1;
    }

    /** How many times the queued item about {@code name} went out, or -1 if none is queued. */
    int transmits(String name) {
        return queue.transmits(name);
    }

    int depth() {
        return queue.size();
    }

    /**
     * {@code message} with as much queued gossip as fits the packet budget. News about {@code about}
     * (the recipient) goes first when it is not plain alive news: a suspect learns of its
     * suspicion from the very ping that tests it (Lifeguard's buddy system), and a dead member that
     * is in fact alive learns it must rejoin; queued alive news about the recipient is left for
     * others (it knows itself, and would answer it with its own record). {@code first}, if given,
     * goes before everything.
     */
    Message piggyback(Message message, @Nullable MemberId about, @Nullable Gossip first) {
        int budget = settings.maxPacketSize() - sizer.baseSizeOf(message);
        List<Gossip> head = new ArrayList<>(2);
        String skip = null;
        if (first != null) {
            head.add(first);
            budget -= sizer.sizeOf(first);
            skip = first.member().name();
        }
        if (about != null && skip == null) {
            MemberEntry e = table.get(about.name());
            if (e != null && e.id.equals(about) && e.status != MemberStatus.ALIVE) {
                Gossip buddy = e.toGossip(selfName).withoutMetadata();
                head.add(buddy);
                budget -= sizer.sizeOf(buddy);
            }
            skip = about.name();
        }
        List<Gossip> taken = queue.take(budget, sizer, retransmitLimit(), skip);
        if (head.isEmpty()) {
            return withGossip(message, taken);
        }
        head.addAll(taken);
        return withGossip(message, head);
    }

    /** A best-effort send of {@code message} with piggybacked gossip (see {@link #piggyback}). */
    Directive.Send send(Address to, Message message, @Nullable MemberId about) {
        return new Directive.Send(to, piggyback(message, about, null));
    }

    /** Pushes pending news to {@code gossipFanout} random members and, now and then, a recently dead one. */
    void gossipTick(long now, List<Directive> out) {
        if (queue.isEmpty()) {
            return;
        }
        List<MemberEntry> targets = table.randomLive(settings.gossipFanout(), null, random);
        MemberEntry deadTarget = recentlyDead(now);
        if (deadTarget != null) {
            targets.add(deadTarget);
        }
        MemberEntry self = table.get(selfName);
        if (self == null) {
            return;
        }
        for (MemberEntry target : targets) {
            Message push = piggyback(new GossipPush(self.id, List.of()), target.id, null);
            if (!push.gossip().isEmpty()) {
                out.add(new Directive.Send(target.id.address(), push));
            }
        }
    }

    /**
     * With probability proportional to their number, one recently dead member: told of its death,
     * a member that is in fact alive (a healed partition, a long pause) rejoins under a new uid.
     */
    private @Nullable MemberEntry recentlyDead(long now) {
        Collection<String> dead = table.deadNames();
        if (dead.isEmpty() || random.nextInt(table.liveCount() + dead.size()) >= dead.size()) {
            return null;
        }
        int pick = random.nextInt(dead.size());
        Iterator<String> it = dead.iterator();
        for (int i = 0; i < pick; i++) {
            it.next();
        }
        MemberEntry e = table.get(it.next());
        return e != null && now - e.statusChangedAtNanos <= gossipToTheDeadNanos ? e : null;
    }

    /** {@code retransmitMultiplier * ceil(log10(n + 1))}: enough sends for news to reach all n. */
    int retransmitLimit() {
        int n = table.liveCount() + 1;
        return settings.retransmitMultiplier() * (int) Math.ceil(Math.log10(n + 1));
    }

    static Message withGossip(Message m, List<Gossip> gossip) {
        if (m instanceof Ping p) {
            return new Ping(p.replyTo(), p.sequence(), p.targetUid(), gossip, p.reliable());
        } else if (m instanceof Ack a) {
            return new Ack(a.sequence(), gossip);
        } else if (m instanceof PingReq r) {
            return new PingReq(r.sender(), r.sequence(), r.target(), gossip);
        } else if (m instanceof Nack n) {
            return new Nack(n.sequence(), gossip);
        } else if (m instanceof GossipPush g) {
            return new GossipPush(g.sender(), gossip);
        }
        throw new IllegalArgumentException(
                "not a gossip-carrying message: " + m.getClass().getSimpleName());
    }
}
