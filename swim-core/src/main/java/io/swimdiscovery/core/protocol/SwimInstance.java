package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.GossipPush;
import io.swimdiscovery.core.protocol.Message.Nack;
import io.swimdiscovery.core.protocol.Message.Ping;
import io.swimdiscovery.core.protocol.Message.PingReq;
import io.swimdiscovery.core.protocol.Message.Sync;
import io.swimdiscovery.core.protocol.Message.SyncDigest;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberFailed;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberJoined;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberLeft;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberRecovered;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberSuspected;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberUnreachable;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberUpdated;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The SWIM engine of one member: a state machine driven by inputs, answering with directives.
 *
 * <p>Inputs are named for what happened: {@link #onMessage} (a peer's message arrived),
 * {@link #onTick} (time passed), {@link #join}, {@link #leave}, {@link #updateMetadata},
 * {@link #onReliableSendFailed}, {@link #onConnectionRefused}. Each returns the {@link Directive}s to carry out, in order. Time is
 * an argument (monotonic nanoseconds) and every random choice comes from the generator handed in, so
 * the same inputs give the same outputs: the simulator replays any run from its seed.
 *
 * <p>What happens each protocol period (SWIM paper section 3, Lifeguard section IV):
 * <ol>
 *   <li>Probe the next member of a shuffled round-robin order with a {@link Ping}. A ping to a suspect
 *       carries its suspicion first (buddy system), so a live suspect refutes within a round trip.</li>
 *   <li>No {@link Ack} within the probe timeout: ask k others with a {@link PingReq}; they ping the
 *       target and relay its ack, or answer with a {@link Nack} (Lifeguard) so this node learns it is
 *       not its own packets that are lost. Also ping the target once more over a stream; if its host
 *       refuses the connection, the target becomes suspect at once.</li>
 *   <li>No ack by the end of the period: the target becomes suspect. The suspicion timeout starts at
 *       its maximum and shrinks with independent confirmations; when it expires the member is dead.</li>
 *   <li>Probe timeout and period are scaled by the local health multiplier, which grows when this
 *       node's own probes fail, nacks go missing, or it has to refute a suspicion of itself.</li>
 * </ol>
 * Membership news rides on every message up to the packet budget, and is also pushed to a few
 * random members every gossip interval. Full-state syncs over a reliable stream run on join,
 * periodically (anti-entropy), and toward seeds and dead members to heal partitions.
 *
 * <p>Not thread-safe: one thread (the node's event loop, or the simulator) calls it.
 */
public final class SwimInstance {

    /** Refutations go out this many times the usual retransmit limit (see {@link GossipQueue#offer}). */
    private static final int REFUTATION_LIMIT_MULTIPLIER = 2;

    private final SwimSettings settings;
    private final RandomGenerator random;
    private final PacketSizer sizer;
    private final MemberTable table;
    private final ProbeSchedule schedule;
    private final GossipQueue queue = new GossipQueue();
    private final LocalHealth health;
    private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>();
    private final Map<Long, Relay> relays = new HashMap<>();

    private final long periodNanos;
    private final long probeTimeoutNanos;
    private final long gossipIntervalNanos;
    private final long gossipToTheDeadNanos;
    private final long retentionNanos;

    private final MemberId self;
    private final MemberEntry selfEntry;
    private List<Address> seeds = List.of();
    private boolean started;
    private boolean left;
    private boolean joined;

    private @Nullable Probe probe;
    private long nextSequence = 1;
    private long nextProbeAt;
    private long nextGossipAt;
    private long nextPushPullAt;
    private long nextReconnectAt;
    private long scheduledTickAt = Long.MAX_VALUE;

    private long probes;
    private long probesAcked;
    private long probesAckedIndirectly;
    private long probesFailed;
    private long nacksReceived;
    private long suspicionsRaised;
    private long refutations;
    private long membersDeclaredDead;
    private long syncs;
    private long lastProbeRttNanos = -1;
    private long probeRttTotalNanos;

    /** The probe of the current protocol period. */
    private static final class Probe {
        final MemberId target;
        final long sequence;
        final long sentAt;
        final long timeoutAt;
        boolean indirectSent;
        boolean acked;
        /** Suspected before the period ended: its stream ping was refused. */
        boolean suspected;
        int expectedNacks;
        int nacks;

        Probe(MemberId target, long sequence, long sentAt, long timeoutAt) {
            this.target = target;
            this.sequence = sequence;
            this.sentAt = sentAt;
            this.timeoutAt = timeoutAt;
        }
    }

    /** A ping this node sends on behalf of another member's ping-req. */
    private record Relay(MemberId requester, long requesterSequence) {
    }

    /** Something due at a time: a suspicion or unreachable timeout, a tombstone, a relay's nack. */
    private record Deadline(long atNanos, Kind kind, String name, Object token) implements Comparable<Deadline> {
        enum Kind { SUSPICION, UNREACHABLE, TOMBSTONE, RELAY_NACK, RELAY_EXPIRY }

        @Override
        public int compareTo(Deadline o) {
            return Long.compare(atNanos, o.atNanos);
        }
    }

    /**
     * @param settings tuning parameters
     * @param self this member's identity (its uid fresh for this process start)
     * @param metadata this member's initial metadata
     * @param random seeded source of every random choice the engine makes
     * @param sizer encoded sizes, to fill datagrams up to {@link SwimSettings#maxPacketSize()}
     * @param nowNanos engine time now, monotonic nanoseconds
     * @throws IllegalArgumentException if {@code metadata} exceeds {@link SwimSettings#maxMetadataBytes()}
     */
    public SwimInstance(SwimSettings settings, MemberId self, Map<String, String> metadata, RandomGenerator random,
            PacketSizer sizer, long nowNanos) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.self = Objects.requireNonNull(self, "self");
        this.random = Objects.requireNonNull(random, "random");
        this.sizer = Objects.requireNonNull(sizer, "sizer");
        checkMetadata(metadata);
        this.periodNanos = settings.protocolPeriod().toNanos();
        this.probeTimeoutNanos = settings.probeTimeout().toNanos();
        this.gossipIntervalNanos = settings.gossipInterval().toNanos();
        this.gossipToTheDeadNanos = settings.gossipToTheDeadTime().toNanos();
        this.retentionNanos = settings.deadMemberRetention().toNanos();
        this.table = new MemberTable(self.name());
        this.schedule = new ProbeSchedule(random);
        this.health = new LocalHealth(settings.localHealthMax(), settings.lifeguardEnabled());
        this.selfEntry = new MemberEntry(self, MemberStatus.ALIVE, 0, Map.copyOf(metadata), nowNanos);
        table.put(selfEntry);
    }

    // ------------------------------------------------------------------------------------------
    // Inputs

    /** Starts the engine; returns the first {@link Directive.ScheduleTick}. Idempotent. */
    public List<Directive> start(long now) {
        List<Directive> out = new ArrayList<>(1);
        if (!started) {
            started = true;
            // Stagger the timers so members started together do not act in lockstep.
            nextProbeAt = now + jitter(periodNanos);
            nextGossipAt = now + jitter(gossipIntervalNanos);
            schedulePushPull(now);
            nextReconnectAt = now + reconnectIntervalNanos();
        }
        return scheduleIfEarlier(out, now);
    }

    /**
     * Joins the cluster through {@code seeds}: a full-state sync with each (this node's own address
     * is skipped). Seeds are remembered and retried until a sync completes, and again whenever this
     * node finds itself alone.
     */
    public List<Directive> join(Collection<Address> seeds, long now) {
        List<Directive> out = new ArrayList<>();
        start(now).forEach(out::add);
        this.seeds = seeds.stream().filter(a -> !a.equals(self.address())).distinct().toList();
        for (Address seed : this.seeds) {
            out.add(new Directive.SendReliable(seed, fullState(false, true)));
        }
        return scheduleIfEarlier(out, now);
    }

    /**
     * Starts from a view of the cluster known in advance, as if a full-state sync with a member that
     * knew everyone had just completed, but silently: no events are published and nothing is queued
     * for gossip. For a simulator's or a test's warm start of a large cluster, where a real join of
     * every member would cost n^2 * lambda * log n gossip sends before the scenario even starts. A
     * real node joins through {@link #join}.
     */
    public List<Directive> preload(Collection<Gossip> view, long now) {
        List<Directive> discarded = new ArrayList<>();
        for (Gossip g : view) {
            merge(g, true, false, self, now, discarded);
        }
        joined = true;
        schedulePushPull(now);
        List<Directive> out = new ArrayList<>(1);
        for (Directive d : discarded) {
            if (!(d instanceof Directive.Publish)) {
                out.add(d);
            }
        }
        return scheduleIfEarlier(out, now);
    }

    /** A message arrived from a peer. */
    public List<Directive> onMessage(Message message, long now) {
        List<Directive> out = new ArrayList<>(4);
        MemberId sender = Message.senderOf(message);
        if (sender != null && sender.name().equals(self.name())) {
            return out; // our own packet looped back, or a name clash: never act on it
        }
        boolean fromSync = message instanceof Sync;
        for (Gossip g : message.gossip()) {
            merge(g, fromSync, true, sender, now, out);
        }
        if (message instanceof Ping ping) {
            onPing(ping, out);
        } else if (message instanceof Ack ack) {
            onAck(ack, now, out);
        } else if (message instanceof PingReq req) {
            onPingReq(req, now, out);
        } else if (message instanceof Nack nack) {
            onNack(nack);
        } else if (message instanceof Sync sync) {
            onSync(sync, now, out);
        } else if (message instanceof SyncDigest digest) {
            onSyncDigest(digest, out);
        }
        return scheduleIfEarlier(out, now);
    }

    /** Time passed: runs every protocol action due at {@code now}. */
    public List<Directive> onTick(long now) {
        List<Directive> out = new ArrayList<>(4);
        if (!started) {
            return out;
        }
        scheduledTickAt = Long.MAX_VALUE;
        expireDeadlines(now, out);
        if (!left) {
            probeTick(now, out);
        }
        if (now >= nextGossipAt) {
            gossipTick(now, out);
            nextGossipAt = now + gossipIntervalNanos;
        }
        if (!left && now >= nextPushPullAt) {
            MemberEntry peer = table.randomLive(random);
            if (peer != null && peer.status == MemberStatus.ALIVE) {
                // The digest first; the full exchange only if the peer's view differs (ViewDigest).
                out.add(new Directive.SendReliable(peer.id.address(), new SyncDigest(self, viewDigest())));
            }
            nextPushPullAt = now + pushPullIntervalNanos();
        }
        if (!left && now >= nextReconnectAt) {
            reconnectTick(out);
            nextReconnectAt = now + reconnectIntervalNanos();
        }
        return scheduleIfEarlier(out, now);
    }

    /** A {@link Directive.SendReliable} could not be delivered (connection refused, timed out). */
    public List<Directive> onReliableSendFailed(Address to, Message message, long now) {
        // Nothing to undo: joins and reconnects are retried by the reconnect timer, and an
        // anti-entropy sync that failed is simply skipped until the next interval.
        return scheduleIfEarlier(new ArrayList<>(0), now);
    }

    /**
     * A {@link Directive.SendReliable} found nothing listening at {@code to}: the host refused the
     * connection. For the stream ping of the current probe this is a stronger sign than silence (a
     * live member always listens on its port), so the target is suspected at once instead of at the
     * end of the period. The suspicion is refutable as any other, and the relays' answers still
     * count for this node's local health when the period ends.
     */
    public List<Directive> onConnectionRefused(Address to, Message message, long now) {
        List<Directive> out = new ArrayList<>(2);
        Probe p = probe;
        if (message instanceof Ping ping && ping.reliable() && p != null && ping.sequence() == p.sequence
                && !p.acked && !p.suspected) {
            p.suspected = true;
            suspect(p, now, out);
        }
        return scheduleIfEarlier(out, now);
    }

    /**
     * Leaves on purpose: {@code left(self)} goes straight to every live member and into the gossip
     * queue; probing and syncing stop. The runtime should keep the engine running until
     * {@link #hasLeaveDisseminated()} (bounded by its own timeout), then stop.
     */
    public List<Directive> leave(long now) {
        List<Directive> out = new ArrayList<>();
        if (left) {
            return out;
        }
        left = true;
        probe = null;
        selfEntry.status = MemberStatus.LEFT;
        selfEntry.statusChangedAtNanos = now;
        Gossip news = selfEntry.toGossip(null);
        queue.offer(news);
        // Telling every member directly makes the leave visible at once; the queued copy covers
        // datagrams that get lost.
        GossipPush push = new GossipPush(self, List.of(news));
        for (MemberEntry e : table.randomLive(table.liveCount(), null, random)) {
            out.add(new Directive.Send(e.id.address(), push));
        }
        return scheduleIfEarlier(out, now);
    }

    /** Whether {@code left(self)} has been sent out enough times that the runtime may stop. */
    public boolean hasLeaveDisseminated() {
        return left && (queue.transmits(self.name()) < 0 || table.liveCount() == 0);
    }

    /**
     * Publishes new metadata: the incarnation rises so the change overrides the old map everywhere.
     *
     * @throws IllegalArgumentException if the map exceeds {@link SwimSettings#maxMetadataBytes()}
     */
    public List<Directive> updateMetadata(Map<String, String> metadata, long now) {
        checkMetadata(metadata);
        List<Directive> out = new ArrayList<>(1);
        if (left || metadata.equals(selfEntry.metadata)) {
            return out;
        }
        selfEntry.metadata = Map.copyOf(metadata);
        selfEntry.incarnation++;
        queue.offer(selfEntry.toGossip(null));
        return scheduleIfEarlier(out, now);
    }

    // ------------------------------------------------------------------------------------------
    // Reads

    /** This member as it is now (its uid never changes; its incarnation may). */
    public Member localMember() {
        return selfEntry.snapshot();
    }

    /** Every member this node knows, itself included, tombstones included. */
    public List<Member> members() {
        List<Member> out = new ArrayList<>(table.size());
        for (MemberEntry e : table.all()) {
            out.add(e.snapshot());
        }
        return out;
    }

    /** Whether a full-state sync with another member completed (the join took). */
    public boolean isJoined() {
        return joined;
    }

    /** Lifeguard local health score, 0 (healthy) .. {@link SwimSettings#localHealthMax()}. */
    public int localHealth() {
        return health.score();
    }

    /** Counters of protocol outcomes since start. */
    public ProtocolCounters counters() {
        return new ProtocolCounters(probes, probesAcked, probesAckedIndirectly, probesFailed, nacksReceived,
                suspicionsRaised, refutations, membersDeclaredDead, syncs, lastProbeRttNanos, probeRttTotalNanos);
    }

    /** Pieces of news waiting to be sent. */
    public int gossipQueueDepth() {
        return queue.size();
    }

    // ------------------------------------------------------------------------------------------
    // Message handlers

    private void onPing(Ping ping, List<Directive> out) {
        if (ping.targetUid() != self.uid()) {
            // Meant for another uid of our name (a previous start of this process) or another
            // member that used to have this address: no ack, so the prober finds that one dead.
            return;
        }
        if (ping.reliable()) {
            // The prober fell back to a stream because datagrams went unanswered: answer the same way.
            out.add(new Directive.SendReliable(ping.replyTo(), new Ack(ping.sequence(), List.of())));
        } else {
            out.add(send(ping.replyTo(), new Ack(ping.sequence(), List.of()), null));
        }
    }

    private void onAck(Ack ack, long now, List<Directive> out) {
        Probe p = probe;
        if (p != null && ack.sequence() == p.sequence) {
            if (!p.acked) {
                p.acked = true;
                if (!p.indirectSent) {
                    // No relay was asked yet, so the answer can only be the target's own.
                    probesAcked++;
                    lastProbeRttNanos = now - p.sentAt;
                    probeRttTotalNanos += lastProbeRttNanos;
                } else {
                    probesAckedIndirectly++;
                }
                health.apply(LocalHealth.Event.SUCCESSFUL_PROBE);
            }
            return;
        }
        Relay relay = relays.remove(ack.sequence());
        if (relay != null) {
            out.add(send(relay.requester().address(),
                    new Ack(relay.requesterSequence(), List.of()), null));
        }
    }

    private void onPingReq(PingReq req, long now, List<Directive> out) {
        long sequence = nextSequence++;
        relays.put(sequence, new Relay(req.sender(), req.sequence()));
        out.add(send(req.target().address(), new Ping(self.address(), sequence, req.target().uid(), List.of()),
                req.target()));
        if (settings.lifeguardEnabled()) {
            // Answer before the requester's period ends (it waits period - timeout after asking).
            deadlines.add(new Deadline(now + probeTimeoutNanos * 8 / 10, Deadline.Kind.RELAY_NACK, "", sequence));
        }
        deadlines.add(new Deadline(now + periodNanos, Deadline.Kind.RELAY_EXPIRY, "", sequence));
    }

    private void onNack(Nack nack) {
        Probe p = probe;
        if (p != null && nack.sequence() == p.sequence) {
            p.nacks++;
            nacksReceived++;
        }
    }

    private void onSync(Sync sync, long now, List<Directive> out) {
        syncs++;
        if (!joined) {
            schedulePushPull(now);
        }
        joined = true;
        if (!sync.reply()) {
            out.add(new Directive.SendReliable(sync.sender().address(), fullState(true, false)));
        }
    }

    private void onSyncDigest(SyncDigest digest, List<Directive> out) {
        if (digest.digest() != viewDigest()) {
            // Views differ: run the full exchange (the peer answers this sync with its own state).
            out.add(new Directive.SendReliable(digest.sender().address(), fullState(false, false)));
        }
    }

    /** Fingerprint of this node's view, as its peers compute theirs: see {@link ViewDigest}. */
    long viewDigest() {
        return ViewDigest.of(table.all());
    }

    // ------------------------------------------------------------------------------------------
    // Timers

    private void probeTick(long now, List<Directive> out) {
        Probe p = probe;
        if (p != null && !p.acked && !p.indirectSent && now >= p.timeoutAt) {
            sendIndirectProbes(p, out);
        }
        if (now < nextProbeAt) {
            return;
        }
        if (p != null && !p.acked) {
            probeFailed(p, now, out);
        }
        probe = null;
        MemberEntry target = schedule.next(this::isProbeable);
        if (target != null) {
            long sequence = nextSequence++;
            probe = new Probe(target.id, sequence, now, now + health.scale(probeTimeoutNanos));
            probes++;
            out.add(send(target.id.address(), new Ping(self.address(), sequence, target.id.uid(), List.of()),
                    target.id));
        }
        nextProbeAt = now + health.scale(periodNanos);
    }

    private boolean isProbeable(MemberEntry e) {
        // An entry replaced by a newer uid's entry is no longer in the table.
        return !e.status.isTerminal() && table.get(e.id.name()) == e;
    }

    private void sendIndirectProbes(Probe p, List<Directive> out) {
        p.indirectSent = true;
        // Beside the relays, a ping over a stream (memberlist does the same): the stream retransmits
        // what a lossy link drops, so a live target on a bad link still answers, and the suspicion
        // that datagram loss alone would cause is never raised. Its ack is matched by sequence.
        out.add(new Directive.SendReliable(p.target.address(),
                new Ping(self.address(), p.sequence, p.target.uid(), List.of(), true)));
        List<MemberEntry> relaysChosen = table.randomLive(settings.indirectProbes() + 1, p.target.name(), random);
        int asked = 0;
        for (MemberEntry relay : relaysChosen) {
            if (asked == settings.indirectProbes()) {
                break;
            }
            if (relay.status != MemberStatus.ALIVE) {
                continue; // a suspect relay would likely not answer; its silence proves nothing
            }
            out.add(send(relay.id.address(), new PingReq(self, p.sequence, p.target, List.of()), null));
            asked++;
        }
        p.expectedNacks = settings.lifeguardEnabled() ? asked : 0;
    }

    private void probeFailed(Probe p, long now, List<Directive> out) {
        probesFailed++;
        // Lifeguard: if relays were asked and answered with nacks, the target is the problem, not
        // us. Missing nacks (or no relays at all) point at our own network or CPU.
        if (p.expectedNacks > 0) {
            health.apply(LocalHealth.Event.MISSED_NACK, p.expectedNacks - Math.min(p.nacks, p.expectedNacks));
        } else {
            health.apply(LocalHealth.Event.FAILED_PROBE);
        }
        if (!p.suspected) {
            suspect(p, now, out);
        }
    }

    /** Raises the suspicion a failed probe means (unless the target is gone or already suspect). */
    private void suspect(Probe p, long now, List<Directive> out) {
        MemberEntry e = table.get(p.target.name());
        if (e == null || !e.id.equals(p.target) || e.status.isTerminal()) {
            return;
        }
        if (e.status == MemberStatus.ALIVE) {
            suspicionsRaised++;
        }
        merge(new Gossip(e.id, MemberStatus.SUSPECT, e.incarnation, e.metadata, self.name()), false, true, self, now,
                out);
    }

    private void gossipTick(long now, List<Directive> out) {
        if (queue.isEmpty()) {
            return;
        }
        List<MemberEntry> targets = table.randomLive(settings.gossipFanout(), null, random);
        MemberEntry deadTarget = recentlyDead(now);
        if (deadTarget != null) {
            targets.add(deadTarget);
        }
        for (MemberEntry target : targets) {
            Directive.Send push = send(target.id.address(), new GossipPush(self, List.of()), target.id);
            if (!push.message().gossip().isEmpty()) {
                out.add(push);
            }
        }
    }

    /**
     * With probability proportional to their number, one recently dead member: told of its death,
     * a member that is in fact alive (a healed partition, a long pause) refutes it.
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

    private void reconnectTick(List<Directive> out) {
        // Alone (never joined, or everyone else gone): go back to the seeds.
        if ((!joined || table.liveCount() == 0) && !seeds.isEmpty()) {
            Address seed = seeds.get(random.nextInt(seeds.size()));
            out.add(new Directive.SendReliable(seed, fullState(false, !joined)));
            return;
        }
        // Otherwise try one dead member: if it is alive behind a healed partition, the sync tells it
        // it was declared dead, it refutes, and the two sides merge.
        Collection<String> dead = table.deadNames();
        if (dead.isEmpty()) {
            return;
        }
        int pick = random.nextInt(dead.size());
        Iterator<String> it = dead.iterator();
        for (int i = 0; i < pick; i++) {
            it.next();
        }
        MemberEntry e = table.get(it.next());
        if (e != null) {
            out.add(new Directive.SendReliable(e.id.address(), fullState(false, false)));
        }
    }

    private void expireDeadlines(long now, List<Directive> out) {
        while (!deadlines.isEmpty() && deadlines.peek().atNanos() <= now) {
            Deadline d = deadlines.poll();
            switch (d.kind()) {
                case SUSPICION -> expireSuspicion(d, now, out);
                case UNREACHABLE -> expireUnreachable(d, now, out);
                case TOMBSTONE -> expireTombstone(d);
                case RELAY_NACK -> {
                    Relay relay = relays.get((Long) d.token());
                    if (relay != null) {
                        out.add(send(relay.requester().address(),
                                new Nack(relay.requesterSequence(), List.of()), null));
                    }
                }
                case RELAY_EXPIRY -> relays.remove((Long) d.token());
            }
        }
    }

    private void expireSuspicion(Deadline d, long now, List<Directive> out) {
        MemberEntry e = table.get(d.name());
        if (e == null || e.suspicion != d.token() || e.status != MemberStatus.SUSPECT) {
            return; // refuted, superseded, or a later deadline for a suspicion that has since shrunk
        }
        if (e.suspicion.deadlineNanos() > now) {
            return;
        }
        MemberStatus next = settings.unreachableEnabled() ? MemberStatus.UNREACHABLE : MemberStatus.DEAD;
        if (next == MemberStatus.DEAD) {
            membersDeclaredDead++;
        }
        merge(new Gossip(e.id, next, e.incarnation, e.metadata, null), false, true, self, now, out);
    }

    private void expireUnreachable(Deadline d, long now, List<Directive> out) {
        MemberEntry e = table.get(d.name());
        if (e == null || e.status != MemberStatus.UNREACHABLE || !e.id.equals(d.token())) {
            return;
        }
        membersDeclaredDead++;
        merge(new Gossip(e.id, MemberStatus.DEAD, e.incarnation, e.metadata, null), false, true, self, now, out);
    }

    private void expireTombstone(Deadline d) {
        MemberEntry e = table.get(d.name());
        if (e == null || !e.status.isTerminal() || e.statusChangedAtNanos != (Long) d.token()) {
            return;
        }
        table.remove(d.name());
        schedule.remove(e);
    }

    // ------------------------------------------------------------------------------------------
    // Merging news

    /**
     * Applies one piece of news, following {@link Precedence}: news about this node is refuted,
     * older news is ignored (or counted as a Lifeguard confirmation), newer news updates the table,
     * is re-gossiped and produces the membership event a user sees.
     */
    private void merge(Gossip g, boolean fromSync, boolean regossip, @Nullable MemberId from, long now,
            List<Directive> out) {
        if (g.member().name().equals(self.name())) {
            mergeAboutSelf(g);
            return;
        }
        MemberEntry e = table.get(g.member().name());
        if (e == null) {
            mergeUnknown(g, regossip, now, out);
            return;
        }
        if (fromSync && g.status() == MemberStatus.DEAD && g.member().uid() == e.id.uid()
                && !e.status.isTerminal()) {
            // A peer's full state says dead, but here it is still alive: suspect it instead, so it
            // gets the chance to refute (memberlist does the same in mergeState).
            g = new Gossip(g.member(), MemberStatus.SUSPECT, g.incarnation(), g.metadata(),
                    from == null ? null : from.name());
        }
        int order = Precedence.compare(g.member().uid(), g.status(), g.incarnation(), e.id.uid(), e.status,
                e.incarnation);
        if (order < 0) {
            return;
        }
        if (order == 0) {
            if (g.status() == MemberStatus.SUSPECT && e.suspicion != null && g.origin() != null
                    && e.suspicion.confirm(g.origin())) {
                // An independent confirmation: the timeout shrinks, and others should count it too.
                deadlines.add(new Deadline(e.suspicion.deadlineNanos(), Deadline.Kind.SUSPICION, e.id.name(),
                        e.suspicion));
                if (regossip) {
                    queue.offer(g);
                }
            }
            return;
        }
        Member before = e.snapshot();
        boolean newUid = g.member().uid() != e.id.uid();
        e.id = g.member();
        e.incarnation = g.incarnation();
        boolean metadataChanged = !g.metadata().equals(e.metadata);
        e.metadata = g.metadata();
        MemberStatus previous = newUid ? MemberStatus.DEAD : e.status;
        if (newUid && !before.status().isTerminal()) {
            // A newer start of the same member: the old process is gone.
            out.add(publish(new MemberFailed(new Member(before.id(), MemberStatus.DEAD, before.incarnation(),
                    before.metadata(), now))));
        }
        setStatus(e, g.status(), g.origin(), now);
        boolean refutation = g.status() == MemberStatus.ALIVE && previous != MemberStatus.ALIVE;
        if (regossip) {
            queue.offer(g, refutation ? REFUTATION_LIMIT_MULTIPLIER : 1);
        }
        if (g.status() == MemberStatus.SUSPECT && previous == MemberStatus.ALIVE && !self.name().equals(g.origin())) {
            checkSuspicionSoon(e);
        }
        announce(e, previous, metadataChanged && !newUid, before, out);
    }

    /**
     * Lifeguard's timeout only reaches its minimum after K independent confirmations, and in plain
     * round-robin the next member to probe the suspect comes along about once per period, so
     * confirmations trickle in. Instead, about 2K + 2 of the members that hear a suspicion probe the
     * suspect next: a dead member collects its K confirmations within about one period, and a live
     * one hears of the suspicion from those pings (buddy system) and refutes at once. The load is
     * O(K) probes per suspicion whatever the cluster size, and no probe is added: the suspect just
     * moves to the front of this node's round-robin order.
     */
    private void checkSuspicionSoon(MemberEntry e) {
        if (!settings.lifeguardEnabled()) {
            return;
        }
        int others = Math.max(1, table.liveCount() - 1);
        double share = (2.0 * expectedConfirmations(table.liveCount() + 1) + 2) / others;
        if (share >= 1 || random.nextDouble() < share) {
            schedule.prioritize(e);
        }
    }

    private void mergeUnknown(Gossip g, boolean regossip, long now, List<Directive> out) {
        if (g.status() == MemberStatus.LEFT) {
            return; // nothing to forget; a tombstone of a leaver we never knew is not needed
        }
        MemberEntry e = new MemberEntry(g.member(), MemberStatus.ALIVE, g.incarnation(), g.metadata(), now);
        table.put(e);
        if (g.status() == MemberStatus.DEAD) {
            // Keep the tombstone so stale alive news about this uid cannot resurrect it.
            setStatus(e, MemberStatus.DEAD, null, now);
            return;
        }
        setStatus(e, g.status(), g.origin(), now);
        if (regossip) {
            queue.offer(g);
        }
        out.add(publish(new MemberJoined(e.snapshot())));
    }

    private void mergeAboutSelf(Gossip g) {
        if (g.member().uid() != self.uid() || left) {
            return; // an earlier start of this process, or a name clash; nothing we can refute
        }
        if (g.status() == MemberStatus.ALIVE && g.incarnation() <= selfEntry.incarnation) {
            return;
        }
        if (g.status() == MemberStatus.LEFT) {
            return;
        }
        if (g.incarnation() < selfEntry.incarnation) {
            // Already refuted, but the sender has not heard: a probe that failed just before our
            // refutation arrived raises the old suspicion again after our refutation has stopped
            // circulating. Queue the current news once more so the very ack to that sender carries
            // it; otherwise only a full-state sync would correct that member, minutes later.
            if (queue.transmits(self.name()) != 0) {
                queue.offer(selfEntry.toGossip(null), REFUTATION_LIMIT_MULTIPLIER);
            }
            return;
        }
        // Suspected, declared unreachable or dead, while alive: refute with a higher incarnation.
        selfEntry.incarnation = g.incarnation() + 1;
        refutations++;
        health.apply(LocalHealth.Event.REFUTED_SUSPICION);
        queue.offer(selfEntry.toGossip(null), REFUTATION_LIMIT_MULTIPLIER);
    }

    /** Moves {@code e} to {@code status}, starting or clearing the timers that status needs. */
    private void setStatus(MemberEntry e, MemberStatus status, @Nullable String origin, long now) {
        boolean changed = e.status != status;
        e.status = status;
        if (changed) {
            e.statusChangedAtNanos = now;
        }
        if (status == MemberStatus.SUSPECT) {
            startSuspicion(e, origin == null ? self.name() : origin, now);
        } else {
            e.suspicion = null;
        }
        if (status == MemberStatus.UNREACHABLE && changed) {
            deadlines.add(new Deadline(now + settings.unreachableTimeout().toNanos(), Deadline.Kind.UNREACHABLE,
                    e.id.name(), e.id));
        }
        if (status.isTerminal() && changed) {
            deadlines.add(new Deadline(now + retentionNanos, Deadline.Kind.TOMBSTONE, e.id.name(),
                    e.statusChangedAtNanos));
        }
        if (!status.isTerminal()) {
            schedule.add(e);
        }
        table.reindex(e);
    }

    private void startSuspicion(MemberEntry e, String origin, long now) {
        int n = table.liveCount() + 1;
        long min = Suspicion.minTimeoutNanos(settings.suspicionMultiplier(), n, periodNanos);
        long max;
        int expected;
        if (settings.lifeguardEnabled()) {
            max = min * settings.suspicionMaxTimeoutMultiplier();
            expected = expectedConfirmations(n);
        } else {
            max = min;
            expected = 0;
        }
        Suspicion s = new Suspicion(origin, now, min, max, expected);
        e.suspicion = s;
        deadlines.add(new Deadline(s.deadlineNanos(), Deadline.Kind.SUSPICION, e.id.name(), s));
    }

    /**
     * K, the confirmations after which the suspicion timeout is at its minimum; none in clusters
     * too small to provide them (the timeout is then the minimum at once, as in memberlist).
     */
    private int expectedConfirmations(int n) {
        int k = settings.suspicionConfirmations();
        return n - 2 < k ? 0 : k;
    }

    /** Publishes the event a user sees for a status change from {@code previous}. */
    private void announce(MemberEntry e, MemberStatus previous, boolean metadataChanged, Member before,
            List<Directive> out) {
        Member now = e.snapshot();
        MemberStatus status = e.status;
        if (status == previous) {
            if (metadataChanged && !status.isTerminal()) {
                out.add(publish(new MemberUpdated(now, before)));
            }
            return;
        }
        switch (status) {
            case ALIVE -> {
                if (previous.isTerminal()) {
                    out.add(publish(new MemberJoined(now)));
                } else {
                    out.add(publish(new MemberRecovered(now)));
                    if (metadataChanged) {
                        out.add(publish(new MemberUpdated(now, before)));
                    }
                }
            }
            case SUSPECT -> out.add(publish(previous.isTerminal() ? new MemberJoined(now) : new MemberSuspected(now)));
            case UNREACHABLE -> out.add(publish(previous.isTerminal() ? new MemberJoined(now)
                    : new MemberUnreachable(now)));
            case DEAD -> {
                if (!previous.isTerminal()) {
                    out.add(publish(new MemberFailed(now)));
                }
            }
            case LEFT -> {
                if (!previous.isTerminal()) {
                    out.add(publish(new MemberLeft(now)));
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Building messages

    /**
     * A best-effort send of {@code message} with as much queued gossip as fits the packet budget.
     * News about {@code about} (the probe target) goes first when it is not plain alive news: a
     * suspect learns of its suspicion from the very ping that tests it (Lifeguard's buddy system),
     * and a dead member that is in fact alive learns it must refute.
     */
    private Directive.Send send(Address to, Message message, @Nullable MemberId about) {
        int budget = settings.maxPacketSize() - sizer.baseSizeOf(message);
        List<Gossip> gossip;
        String first = null;
        Gossip buddy = null;
        if (about != null) {
            MemberEntry e = table.get(about.name());
            if (e != null && e.id.equals(about) && e.status != MemberStatus.ALIVE) {
                buddy = e.toGossip(self.name());
                first = about.name();
                budget -= sizer.sizeOf(buddy);
            }
        }
        List<Gossip> taken = queue.take(budget, sizer, retransmitLimit(), first);
        if (buddy != null) {
            gossip = new ArrayList<>(taken.size() + 1);
            gossip.add(buddy);
            gossip.addAll(taken);
        } else {
            gossip = taken;
        }
        return new Directive.Send(to, withGossip(message, gossip));
    }

    private static Message withGossip(Message m, List<Gossip> gossip) {
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
        throw new IllegalArgumentException("not a datagram message: " + m.getClass().getSimpleName());
    }

    /** This node's whole view, tombstones included, for a full-state sync. */
    private Sync fullState(boolean reply, boolean join) {
        List<Gossip> state = new ArrayList<>(table.size());
        for (MemberEntry e : table.all()) {
            state.add(e.toGossip(self.name()));
        }
        return new Sync(self, reply, join, state);
    }

    private Directive publish(MembershipEvent event) {
        return new Directive.Publish(event);
    }

    // ------------------------------------------------------------------------------------------
    // Helpers

    /** {@code retransmitMultiplier * ceil(log10(n + 1))}: enough sends for news to reach all n. */
    private int retransmitLimit() {
        int n = table.liveCount() + 1;
        return settings.retransmitMultiplier() * (int) Math.ceil(Math.log10(n + 1));
    }

    /**
     * memberlist's push-pull scaling: beyond 32 members the interval grows with log2(n), so the total
     * sync load of the cluster grows as n log n rather than n^2.
     */
    private long pushPullIntervalNanos() {
        long base = settings.pushPullInterval().toNanos();
        if (base == 0) {
            return Long.MAX_VALUE / 4;
        }
        int n = table.liveCount() + 1;
        if (n <= 32) {
            return base;
        }
        double multiplier = Math.ceil(Math.log(n) / Math.log(2) - Math.log(32) / Math.log(2)) + 1;
        return (long) (base * multiplier);
    }

    /**
     * The next anti-entropy sync, somewhere in the second half of the interval so members do not
     * sync in step. Called at start and again when this node first learns the cluster (join or
     * preload): the interval grows with n, and one computed for a table of one would have every
     * member of a large cluster send its full state within the first 30 s.
     */
    private void schedulePushPull(long now) {
        long interval = pushPullIntervalNanos();
        nextPushPullAt = now + interval / 2 + jitter(interval / 2 + 1);
    }

    private long reconnectIntervalNanos() {
        long base = settings.reconnectInterval().toNanos();
        if (base == 0) {
            return Long.MAX_VALUE / 4;
        }
        // Until the first sync completes, retry the seeds every two periods: joining fast matters.
        return joined ? base : Math.min(base, 2 * periodNanos);
    }

    private long jitter(long bound) {
        return bound <= 1 ? 0 : random.nextLong(bound);
    }

    private void checkMetadata(Map<String, String> metadata) {
        int bytes = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            bytes += 2 + e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > settings.maxMetadataBytes()) {
            throw new IllegalArgumentException("metadata takes " + bytes + " bytes, more than maxMetadataBytes ("
                    + settings.maxMetadataBytes() + ")");
        }
    }

    /** The earliest time anything is due. */
    private long nextDeadline() {
        long next = nextGossipAt;
        if (!left) {
            next = Math.min(next, nextProbeAt);
            next = Math.min(next, Math.min(nextPushPullAt, nextReconnectAt));
            Probe p = probe;
            if (p != null && !p.acked && !p.indirectSent) {
                next = Math.min(next, p.timeoutAt);
            }
        }
        if (!deadlines.isEmpty()) {
            next = Math.min(next, deadlines.peek().atNanos());
        }
        return next;
    }

    /** Appends a {@link Directive.ScheduleTick} if something is now due before the tick asked for. */
    private List<Directive> scheduleIfEarlier(List<Directive> out, long now) {
        if (!started) {
            return out;
        }
        long next = Math.max(now, nextDeadline());
        if (next < scheduledTickAt) {
            scheduledTickAt = next;
            out.add(new Directive.ScheduleTick(next));
        }
        return out;
    }
}
