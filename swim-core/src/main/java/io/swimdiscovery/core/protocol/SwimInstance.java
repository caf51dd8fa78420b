package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.protocol.Message.GossipPush;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The SWIM engine of one member: a state machine driven by inputs, answering with directives.
 *
 * <p>Inputs are named for what happened: {@link #onMessage} (a peer's message arrived from an
 * address), {@link #onTick} (time passed), {@link #join}, {@link #leave}, {@link #updateMetadata},
 * {@link #onReliableSendFailed}, {@link #onConnectionRefused}. Each returns the {@link Directive}s
 * to carry out, in order. Time is an argument (monotonic nanoseconds) and every random choice comes
 * from the generator handed in, so the same inputs give the same outputs: the simulator replays any
 * run from its seed.
 *
 * <p>This class is the façade over the parts the SWIM paper itself names, each in its own file:
 * {@link FailureDetector} (the probe cycle, local health), {@link ProbeRelay} (indirect probes for
 * others), {@link Membership} (merge rules; {@link Suspicions} for the timers), {@link ClaimVerifier}
 * (news only its subject may issue), {@link LocalMember} (this member's own record, refutation,
 * rejoin), {@link Dissemination} (the gossip queue and piggybacking), {@link AntiEntropy} (join,
 * push-pull, reconnect, with {@link FailedMembers}) and {@link Timers}. {@link MessageDispatch}
 * routes a peer's message to them and {@link TimerDispatch} a due timer. docs/protocol.md
 * describes the rules and the measurements behind each default.
 *
 * <p>Not thread-safe: one thread (the node's event loop, or the simulator) calls it.
 */
public final class SwimInstance {

    /**
     * The largest incarnation the engine accepts: 2^48, a million refutations a second for nine
     * years. News above it is rejected, so no packet can push a member's incarnation to overflow;
     * a member that reaches it rejoins under a new uid instead of refuting.
     */
    public static final long MAX_INCARNATION = 1L << 48;

    private final MemberTable table;
    private final ProbeSchedule schedule;
    private final Timers timers = new Timers();
    private final EngineCounters counters = new EngineCounters();
    private final LocalHealth health;
    private final FailedMembers failed;
    private final Dissemination dissemination;
    private final LocalMember local;
    private final Membership membership;
    private final ClaimVerifier verifier;
    private final FailureDetector detector;
    private final AntiEntropy antiEntropy;
    private final RoleElection roles;
    private final MessageDispatch messages;
    private final TimerDispatch timerDispatch;
    private final RandomGenerator random;
    private final long gossipIntervalNanos;
    private final RoleSettings roleSettings;
    private boolean started;
    private long nextGossipAt = Long.MAX_VALUE;
    private long scheduledTickAt = Long.MAX_VALUE;
    /** A tick this much after the time it asked for says this node is slow: half a probe timeout. */
    private final long lateWakeNanos;

    /**
     * @param settings tuning parameters
     * @param self this member's identity (its uid fresh for this process start, never 0)
     * @param metadata this member's initial metadata
     * @param random seeded source of every random choice the engine makes
     * @param sizer encoded sizes, to fill datagrams up to {@link SwimSettings#maxPacketSize()}
     * @param nowNanos engine time now, monotonic nanoseconds
     * @throws IllegalArgumentException if {@code metadata} exceeds {@link SwimSettings#maxMetadataBytes()}
     *     or the uid is 0
     */
    public SwimInstance(
            SwimSettings settings,
            MemberId self,
            Map<String, String> metadata,
            RandomGenerator random,
            PacketSizer sizer,
            long nowNanos) {
        this(settings, RoleSettings.disabled(), self, metadata, random, sizer, nowNanos);
    }

    /**
     * An engine that also takes part in a role group (docs/roles.md): its metadata gets
     * {@link RoleSettings#GROUP_KEY}, and {@link #roleState()} says whom it follows as primary.
     */
    public SwimInstance(
            SwimSettings settings,
            RoleSettings roleSettings,
            MemberId self,
            Map<String, String> metadata,
            RandomGenerator random,
            PacketSizer sizer,
            long nowNanos) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(roleSettings, "roleSettings");
        Objects.requireNonNull(self, "self");
        this.random = Objects.requireNonNull(random, "random");
        Objects.requireNonNull(sizer, "sizer");
        if (self.uid() == 0) {
            throw new IllegalArgumentException("uid 0 is reserved");
        }
        this.gossipIntervalNanos = settings.gossipInterval().toNanos();
        Sequences sequences = new Sequences(random);
        this.table = new MemberTable(self.name());
        this.schedule = new ProbeSchedule(random);
        this.health = new LocalHealth(settings.localHealthMax(), settings.lifeguardEnabled());
        this.lateWakeNanos = settings.probeTimeout().toNanos() / 2;
        this.failed = new FailedMembers(
                settings.maxMembers(), settings.reconnectRetention().toNanos());
        this.dissemination = new Dissemination(settings, sizer, table, random, self.name(), counters);
        this.roleSettings = roleSettings;
        this.local = new LocalMember(
                settings,
                self,
                roleSettings.withGroupKey(metadata),
                table,
                failed,
                dissemination,
                counters,
                random,
                health,
                nowNanos);
        Suspicions suspicions = new Suspicions(settings, table, schedule, timers, random);
        this.membership =
                new Membership(settings, table, schedule, dissemination, suspicions, failed, counters, local, health);
        this.verifier = new ClaimVerifier(settings, health, table, membership, timers, counters, sequences, local);
        membership.verifyClaimsWith(verifier);
        this.detector = new FailureDetector(
                settings,
                table,
                schedule,
                dissemination,
                membership,
                suspicions,
                health,
                counters,
                sequences,
                local,
                random);
        ProbeRelay relay = new ProbeRelay(settings, table, dissemination, timers, counters, sequences, local);
        this.antiEntropy = new AntiEntropy(settings, table, failed, counters, local, random, sizer);
        AntiEntropy ae = this.antiEntropy;
        this.roles = new RoleElection(roleSettings, local, () -> ae.isJoined() || !ae.hasSeeds(), nowNanos);
        PingAnswers answers = new PingAnswers(local, failed, dissemination, counters);
        this.messages = new MessageDispatch(
                dissemination, membership, detector, relay, verifier, antiEntropy, answers, roles, local);
        this.timerDispatch =
                new TimerDispatch(settings, timers, suspicions, membership, relay, verifier, antiEntropy, counters);
    }

    // ------------------------------------------------------------------------------------------
    // Inputs

    /** Starts the engine; returns the first {@link Directive.ScheduleTick}. Idempotent. */
    public List<Directive> start(long now) {
        if (!started) {
            started = true;
            detector.start(now);
            nextGossipAt = now + (gossipIntervalNanos <= 1 ? 0 : random.nextLong(gossipIntervalNanos));
            antiEntropy.start(now);
        }
        return scheduleIfEarlier(new ArrayList<>(1), now);
    }

    /**
     * Joins the cluster through {@code seeds}: a full-state sync with each (this node's own address
     * is skipped). Seeds are remembered and retried until a sync completes, and again whenever this
     * node finds itself alone.
     */
    public List<Directive> join(Collection<Address> seeds, long now) {
        List<Directive> out = new ArrayList<>(start(now));
        antiEntropy.join(seeds, out);
        return scheduleIfEarlier(out, now);
    }

    /**
     * Starts from a view of the cluster known in advance, as if a full-state sync with a member that
     * knew everyone had just completed, but silently: no events are published, nothing is queued
     * for gossip, and the view is believed without verification. For a simulator's or a test's warm
     * start of a large cluster; a real node joins through {@link #join}.
     */
    public List<Directive> preload(Collection<Gossip> view, long now) {
        List<Directive> discarded = new ArrayList<>();
        for (Gossip g : view) {
            membership.merge(g, NewsSource.LOCAL, false, now, discarded);
        }
        antiEntropy.preloaded(now);
        roles.preloaded(table.all(), now);
        List<Directive> out = new ArrayList<>(1);
        for (Directive d : discarded) {
            if (!(d instanceof Directive.Publish)) {
                out.add(d);
            }
        }
        return scheduleIfEarlier(out, now);
    }

    /**
     * A message arrived from a peer.
     *
     * @param from the datagram's source, or the stream connection's remote address: answers go
     *     there (for a stream, to the named sender's port on that host), never to an address
     *     named inside the message alone
     */
    public List<Directive> onMessage(Address from, Message message, long now) {
        List<Directive> out = new ArrayList<>(4);
        if (local.isStopped()) {
            return out;
        }
        MemberId sender = Message.senderOf(message);
        if (sender != null && sender.name().equals(local.name())) {
            return out; // our own packet looped back, or a name clash: never act on it
        }
        roles.checkLease(now, out); // a pause that outlasted the claim ends it before anything else
        messages.dispatch(from, message, sender, now, out);
        if (local.takeRejoinAnnouncement()) {
            antiEntropy.announceRejoin(sender == null ? List.of() : List.of(sender.address()), now, out);
        }
        return finish(out, now);
    }

    /** Time passed: runs every protocol action due at {@code now}. */
    public List<Directive> onTick(long now) {
        List<Directive> out = new ArrayList<>(4);
        if (!started || local.isStopped()) {
            return out;
        }
        if (scheduledTickAt != Long.MAX_VALUE && now - scheduledTickAt > lateWakeNanos) {
            // Woken late: this node is the slow one (a GC pause, a starved CPU, a backlog on its
            // event loop). Acks it has not read yet are not its peers' fault, so it probes less
            // often and waits longer, as after any other sign of its own slowness.
            health.apply(LocalHealth.Event.LATE_WAKE);
        }
        scheduledTickAt = Long.MAX_VALUE;
        roles.checkLease(now, out);
        timerDispatch.fireTimers(now, out);
        if (!local.hasLeft()) {
            detector.tick(now, out);
        }
        if (now >= nextGossipAt) {
            dissemination.gossipTick(now, out);
            nextGossipAt = Timers.plus(now, gossipIntervalNanos);
        }
        if (!local.hasLeft()) {
            antiEntropy.tick(now, out);
        }
        if (local.takeRejoinAnnouncement()) {
            antiEntropy.announceRejoin(List.of(), now, out);
        }
        roles.tick(now, out);
        return finish(out, now);
    }

    /** A {@link Directive.SendReliable} could not be delivered (timed out, reset, a local error). */
    public List<Directive> onReliableSendFailed(Address to, Message message, long now) {
        // Nothing to undo, and nothing counts against the peer: joins and reconnects are retried by
        // the reconnect timer, an anti-entropy sync is skipped until the next interval, and a failed
        // stream ping leaves the probe to its relays and the end of the period.
        return scheduleIfEarlier(new ArrayList<>(0), now);
    }

    /**
     * A {@link Directive.SendReliable} found nothing listening at {@code to}: the host refused the
     * connection. For the stream ping of the current probe that is evidence that the process is
     * gone (a live member, even a paused one, keeps its port open): see {@link FailureDetector}.
     */
    public List<Directive> onConnectionRefused(Address to, Message message, long now) {
        List<Directive> out = new ArrayList<>(2);
        if (started && !local.isDone()) {
            detector.onRefused(message, now, out);
        }
        return finish(out, now);
    }

    /**
     * Leaves on purpose: {@code left(self)} goes straight to every live member and into the gossip
     * queue; probing and syncing stop. The runtime should keep the engine running until
     * {@link #hasLeaveDisseminated()} (bounded by its own timeout), then stop.
     */
    public List<Directive> leave(long now) {
        List<Directive> out = new ArrayList<>();
        if (local.isDone()) {
            return out;
        }
        roles.leave(now, out); // the role goes first, so a secondary need not wait for detection
        Gossip news = local.leave(now);
        detector.stop();
        antiEntropy.stop();
        // Telling every member directly makes the leave visible at once; the queued copy covers
        // datagrams that get lost. Sent from our own address, so each member takes it as our word.
        GossipPush push = new GossipPush(local.id(), List.of(news));
        for (MemberEntry e : table.randomLive(table.liveCount(), null, random)) {
            out.add(new Directive.Send(e.id.address(), push));
        }
        return scheduleIfEarlier(out, now);
    }

    /** Whether {@code left(self)} has been sent out enough times that the runtime may stop. */
    public boolean hasLeaveDisseminated() {
        return local.hasLeft() && (dissemination.transmits(local.name()) < 0 || table.liveCount() == 0);
    }

    /**
     * Gives up the primary role if this node holds or claims it, and claims nothing for
     * {@code holdOff} (docs/roles.md).
     */
    public List<Directive> yieldRole(java.time.Duration holdOff, long now) {
        List<Directive> out = new ArrayList<>(4);
        if (started && !local.isDone()) {
            roles.yieldRole(holdOff.toNanos(), now, out);
        }
        return finish(out, now);
    }

    /**
     * Publishes new metadata: the incarnation rises so the change overrides the old map everywhere.
     *
     * @throws IllegalArgumentException if the map exceeds {@link SwimSettings#maxMetadataBytes()}
     */
    public List<Directive> updateMetadata(Map<String, String> metadata, long now) {
        local.updateMetadata(roleSettings.withGroupKey(metadata));
        return scheduleIfEarlier(new ArrayList<>(1), now);
    }

    // ------------------------------------------------------------------------------------------
    // Reads

    /** This member as it is now (its uid changes only when it rejoins after being declared dead). */
    public Member localMember() {
        return local.entry().snapshot();
    }

    /**
     * Every member this node knows, itself included, tombstones included (not claims still being
     * verified), in a new list. A member unchanged since the last call is the same {@link Member}
     * instance as then, so a call allocates the list, not n members.
     */
    public List<Member> members() {
        List<Member> out = new ArrayList<>(table.size());
        for (MemberEntry e : table.all()) {
            out.add(e.viewSnapshot());
        }
        return out;
    }

    /**
     * A number that changes whenever the member table does (a member added, removed, or its
     * status, uid or incarnation changed): a node that published {@link #members()} at one value
     * need not rebuild it while the value stays. O(1).
     */
    public long membershipVersion() {
        return table.version();
    }

    /** Whether a full-state sync with another member completed (the join took). */
    public boolean isJoined() {
        return antiEntropy.isJoined();
    }

    /** Whether the engine stopped itself after learning it was declared dead (rejoin policy STOP). */
    public boolean isStopped() {
        return local.isStopped();
    }

    /** Lifeguard local health score, 0 (healthy) .. {@link SwimSettings#localHealthMax()} - 1. */
    public int localHealth() {
        return health.score();
    }

    /** Counters of protocol outcomes since start. */
    public ProtocolCounters counters() {
        return counters.snapshot();
    }

    /** Whom this node follows as its role group's primary, and whether it holds the claim. */
    public RoleState roleState() {
        return roles.state();
    }

    /** The role election's state, for diagnostics. */
    String describeRoles() {
        return roles.toString();
    }

    /** The time of the tick this engine last asked for, or {@code Long.MAX_VALUE} (for tests that advance time). */
    long requestedTickAt() {
        return scheduledTickAt;
    }

    /** Pieces of news waiting to be sent. */
    public int gossipQueueDepth() {
        return dissemination.depth();
    }

    /** Fingerprint of this node's view, as its peers compute theirs: see {@link ViewDigest}. */
    long viewDigest() {
        return table.digest();
    }

    // ------------------------------------------------------------------------------------------

    private List<Directive> finish(List<Directive> out, long now) {
        verifier.sendWaiting(now, out);
        roles.observe(out, now);
        return scheduleIfEarlier(out, now);
    }

    /** The earliest time anything is due. */
    private long nextDeadline() {
        long next = Math.min(Math.min(nextGossipAt, timers.nextDueAt()), roles.nextDueAt());
        if (!local.hasLeft()) {
            next = Math.min(next, Math.min(detector.nextDueAt(), antiEntropy.nextDueAt()));
        }
        return next;
    }

    /** Appends a {@link Directive.ScheduleTick} if something is now due before the tick asked for. */
    private List<Directive> scheduleIfEarlier(List<Directive> out, long now) {
        if (!started || local.isStopped()) {
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
