package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.protocol.Message.Sync;
import io.swimdiscovery.core.protocol.Message.SyncDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * State exchange over a stream (SWIM's "infection-style" dissemination loses news now and then;
 * anti-entropy repairs it): the join through the seeds (full state), the periodic push-pull (a
 * 64-bit {@link ViewDigest} first; when the views differ, the peer's bucket sums, then only the
 * members of the differing buckets each way), and reconnects to failed members, so a partition
 * heals however long it lasted.
 *
 * <p>Reconnects follow serf: every reconnect interval each member tries one failed member with
 * probability {@code failed / live}, so the whole cluster makes about one attempt per failed member
 * per interval whatever its size, digest first: a crash costs a trickle of 50-byte frames, not
 * every member's full state every interval. A stream answer goes to the named sender only if it is
 * on the connection's own host, so a forged sync cannot make this node send its state elsewhere.
 */
final class AntiEntropy {

    /**
     * A joiner runs one digest exchange between this many and twice this many periods after its
     * join, beside the regular schedule: members that joined at about the same moment may each have
     * missed the other's news (each seed's state was built before the other arrived, and the news
     * was spent on members that did not list the joiner yet). By then a random member has heard of
     * both, and the delta exchange moves only what differs.
     */
    private static final int JOIN_CHECK_PERIODS = 5;

    /** Members a rejoined node tells of its new uid directly, beside gossip. */
    private static final int REJOIN_ANNOUNCE_FANOUT = 3;

    private final SwimSettings settings;
    private final MemberTable table;
    private final FailedMembers failed;
    private final EngineCounters counters;
    private final LocalMember local;
    private final RandomGenerator random;
    private final SyncStates states;
    private final long periodNanos;
    private List<Address> seeds = List.of();
    private boolean joined;
    private long nextPushPullAt = Long.MAX_VALUE;
    /** When this node last started a push-pull: an early one comes no sooner than the base interval after it. */
    private long lastPushPullAt = Long.MIN_VALUE / 4;
    /** The one extra digest exchange a joiner runs a few periods after its join (Long.MAX_VALUE: none due). */
    private long joinCheckAt = Long.MAX_VALUE;

    private long nextReconnectAt = Long.MAX_VALUE;

    AntiEntropy(
            SwimSettings settings,
            MemberTable table,
            FailedMembers failed,
            EngineCounters counters,
            LocalMember local,
            RandomGenerator random,
            PacketSizer sizer) {
        this.settings = settings;
        this.table = table;
        this.failed = failed;
        this.counters = counters;
        this.local = local;
        this.random = random;
        this.states = new SyncStates(table, failed, local, sizer);
        this.periodNanos = settings.protocolPeriod().toNanos();
    }

    void start(long now) {
        schedulePushPull(now);
        // A random phase: members started together (a deployment, a simulation) would otherwise all
        // reconnect in the same instant after a heal, and those whose target rejoined a moment
        // earlier would wait a whole interval more.
        long interval = reconnectIntervalNanos();
        nextReconnectAt = Timers.plus(
                now, interval <= 1 || interval >= Long.MAX_VALUE / 8 ? interval : 1 + random.nextLong(interval));
    }

    void stop() {
        nextPushPullAt = Long.MAX_VALUE;
        nextReconnectAt = Long.MAX_VALUE;
        joinCheckAt = Long.MAX_VALUE;
    }

    boolean isJoined() {
        return joined;
    }

    /** Whether this node was given seeds other than itself (a first node of a cluster has none). */
    boolean hasSeeds() {
        return !seeds.isEmpty();
    }

    /** Full-state syncs with each seed (this node's own address skipped); retried until one completes. */
    void join(Collection<Address> seedAddresses, List<Directive> out) {
        this.seeds = seedAddresses.stream()
                .filter(a -> !a.equals(local.id().address()))
                .distinct()
                .toList();
        for (Address seed : seeds) {
            send(seed, states.full(false, true, null), out);
        }
    }

    /** A silent warm start counts as joined. */
    void preloaded(long now) {
        joined = true;
        schedulePushPull(now);
    }

    void tick(long now, List<Directive> out) {
        if (now >= joinCheckAt) {
            joinCheckAt = Long.MAX_VALUE;
            MemberEntry peer = table.randomLive(random);
            if (peer != null && peer.status == MemberStatus.ALIVE) {
                out.add(new Directive.SendReliable(peer.id.address(), new SyncDigest(local.id(), table.digest())));
            }
        }
        if (now >= nextPushPullAt) {
            MemberEntry peer = table.randomLive(random);
            if (peer != null && peer.status == MemberStatus.ALIVE) {
                out.add(new Directive.SendReliable(peer.id.address(), new SyncDigest(local.id(), table.digest())));
            }
            lastPushPullAt = now;
            nextPushPullAt = Timers.plus(now, pushPullIntervalNanos());
        }
        if (now >= nextReconnectAt) {
            failed.expire(now);
            reconnect(out);
            nextReconnectAt = Timers.plus(now, reconnectIntervalNanos());
        }
    }

    private void reconnect(List<Directive> out) {
        if ((!joined || table.liveCount() == 0) && !seeds.isEmpty()) {
            // Alone (never joined, or everyone else gone): back to the seeds.
            send(seeds.get(random.nextInt(seeds.size())), states.full(false, !joined, null), out);
            return;
        }
        int candidates = failed.candidateCount();
        if (candidates == 0 || random.nextDouble() * Math.max(1, table.liveCount()) >= candidates) {
            return;
        }
        FailedMembers.Failure f = failed.randomCandidate(random);
        if (f != null) {
            out.add(new Directive.SendReliable(f.id().address(), new SyncDigest(local.id(), table.digest())));
        }
    }

    /** A sync arrived (its gossip already merged): answer it unless it is an answer. */
    void onSync(Sync sync, Address from, long now, List<Directive> out) {
        if (!NewsSource.sameHost(from, sync.sender().address())) {
            counters.reject(NewsRejection.REPLY_HOST_MISMATCH); // not a sync with that member: no join, no answer
            return;
        }
        counters.syncs++;
        if (!joined) {
            joined = true;
            schedulePushPull(now);
            joinCheckAt = Timers.plus(
                    now, JOIN_CHECK_PERIODS * periodNanos + random.nextLong(JOIN_CHECK_PERIODS * periodNanos));
        }
        if (!sync.reply()) {
            List<Sync> answer = sync.partial()
                    ? states.partial(true, sync.bucketCount(), sync.buckets(), sync.sender())
                    : states.full(true, false, sync.sender());
            reply(sync.sender(), from, answer, out);
        }
    }

    /**
     * A digest arrived. A plain one that differs from this view is answered with this view's bucket
     * sums (or, for a small view, its full state); a bucketed one, an answer to our own digest, is
     * answered with this node's members of the buckets whose sums differ, and the peer sends back
     * its own members of those buckets. So a push-pull under churn moves the members that differ
     * (and their bucket neighbours), not two whole states; a settled one still moves 50 bytes.
     */
    void onSyncDigest(SyncDigest digest, Address from, List<Directive> out) {
        if (digest.digest() == table.digest()) {
            return;
        }
        List<Integer> theirs = digest.bucketSums();
        if (theirs.isEmpty()) {
            int count = ViewDigest.bucketCountFor(table.size());
            reply(
                    digest.sender(),
                    from,
                    count == 0
                            ? states.full(false, false, digest.sender())
                            : List.of(new SyncDigest(local.id(), table.digest(), toList(table.bucketSums(count)))),
                    out);
            return;
        }
        int[] mine = table.bucketSums(theirs.size());
        List<Integer> differing = new ArrayList<>();
        for (int b = 0; b < mine.length; b++) {
            if (mine[b] != theirs.get(b)) {
                differing.add(b);
            }
        }
        // No bucket differs though the totals do: 32-bit sums that collide. Rare; the full state repairs it.
        List<Sync> state = differing.isEmpty()
                ? states.full(false, false, digest.sender())
                : states.partial(false, theirs.size(), differing, digest.sender());
        reply(digest.sender(), from, state, out);
    }

    private static List<Integer> toList(int[] sums) {
        List<Integer> list = new ArrayList<>(sums.length);
        for (int s : sums) {
            list.add(s);
        }
        return list;
    }

    /**
     * After a rejoin: tell a few members (and whoever told us) of the new uid, not only by gossip,
     * and run a push-pull a few periods later. A rejoin rarely comes alone (a healed partition gives
     * every member of both sides a new uid at about the same time), and a member that misses one of
     * those announcements would otherwise wait for the regular push-pull, minutes at large n.
     */
    void announceRejoin(Collection<Address> alsoTell, long now, List<Directive> out) {
        nextPushPullAt = Math.min(nextPushPullAt, Timers.plus(now, 2 * periodNanos + random.nextLong(3 * periodNanos)));
        List<Address> to = new ArrayList<>(alsoTell);
        for (MemberEntry e : table.randomLive(REJOIN_ANNOUNCE_FANOUT, null, random)) {
            if (!to.contains(e.id.address())) {
                to.add(e.id.address());
            }
        }
        for (Address a : to) {
            send(a, states.full(false, true, null), out);
        }
    }

    private void reply(MemberId sender, Address from, List<? extends Message> state, List<Directive> out) {
        if (!NewsSource.sameHost(from, sender.address())) {
            counters.reject(NewsRejection.REPLY_HOST_MISMATCH);
            return;
        }
        send(sender.address(), state, out);
    }

    private static void send(Address to, List<? extends Message> chunks, List<Directive> out) {
        for (Message chunk : chunks) {
            out.add(new Directive.SendReliable(to, chunk));
        }
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
        return (long) Math.min(Long.MAX_VALUE / 4.0, base * multiplier);
    }

    /**
     * The next push-pull, somewhere in the second half of the interval so members do not sync in
     * step. Called at start and again when this node first learns the cluster: the interval grows
     * with n, and one computed for a table of one would have every member of a large cluster send
     * its state within the first 30 s.
     */
    private void schedulePushPull(long now) {
        long interval = pushPullIntervalNanos();
        long half = interval / 2;
        nextPushPullAt = Timers.plus(now, half + (half + 1 <= 1 ? 0 : random.nextLong(half + 1)));
    }

    private long reconnectIntervalNanos() {
        long base = settings.reconnectInterval().toNanos();
        if (base == 0) {
            return Long.MAX_VALUE / 4;
        }
        // Until the first sync completes, retry the seeds every two periods: joining fast matters.
        return joined ? base : Math.min(base, 2 * periodNanos);
    }

    /**
     * This node dropped news it could not check (a claim whose subject did not answer: during a
     * storm of rejoins, the new uid of a member): push-pull within {@link #EARLY_SYNC_PERIODS}
     * periods instead of at the next regular one (every 180 s at 1,000 members, 300 s at 10,000),
     * but never sooner than the base interval after the last one, so whatever prompts it (a forger's
     * news of members that do not exist included) costs at most the push-pull rate of a small cluster.
     */
    void syncSoon(long now) {
        long base = settings.pushPullInterval().toNanos();
        if (base == 0 || !joined) {
            return;
        }
        long at = Math.max(Timers.plus(now, EARLY_SYNC_PERIODS * periodNanos), Timers.plus(lastPushPullAt, base));
        if (at < nextPushPullAt) {
            nextPushPullAt = at;
        }
    }

    /** How soon an early push-pull follows the news it makes up for. */
    static final int EARLY_SYNC_PERIODS = 2;

    long nextDueAt() {
        return Math.min(Math.min(nextPushPullAt, nextReconnectAt), joinCheckAt);
    }
}
