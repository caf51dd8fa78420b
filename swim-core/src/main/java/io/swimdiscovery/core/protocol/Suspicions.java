package io.swimdiscovery.core.protocol;

import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Status changes of entries and the timers they start: the Lifeguard suspicion timeout, the
 * optional unreachable stage, tombstone retention.
 *
 * <p>Two kinds of evidence get two timeouts (docs/protocol.md, "Evidence"). <em>Silence</em> (no
 * answer: a lost host, a pause, a partition) waits at least {@link SwimSettings#pauseTolerance()}
 * after the suspicion, so a member that stops for a GC pause or a debugger is never declared dead
 * for it. <em>The process is gone</em> (its host refuses the stream connection, or another process
 * answers at its address) is something no pause causes; a suspicion this node backs with such
 * evidence of its own ends after {@link SwimSettings#goneSuspicionTimeout()}.
 */
final class Suspicions {

    private final SwimSettings settings;
    private final MemberTable table;
    private final ProbeSchedule schedule;
    private final Timers timers;
    private final RandomGenerator random;
    private final long periodNanos;

    Suspicions(
            SwimSettings settings, MemberTable table, ProbeSchedule schedule, Timers timers, RandomGenerator random) {
        this.settings = settings;
        this.table = table;
        this.schedule = schedule;
        this.timers = timers;
        this.random = random;
        this.periodNanos = settings.protocolPeriod().toNanos();
    }

    /** Moves {@code e} to {@code status}, starting or clearing the timers that status needs. */
    void setStatus(MemberEntry e, MemberStatus status, @Nullable String origin, long now) {
        boolean changed = e.status != status;
        e.status = status;
        if (changed) {
            e.statusChangedAtNanos = now;
            e.episode++;
        }
        if (status == MemberStatus.SUSPECT) {
            if (changed || e.suspicion == null) {
                start(e, origin == null ? "?" : origin, now);
            }
        } else {
            e.suspicion = null;
        }
        if (status == MemberStatus.UNREACHABLE && changed) {
            timers.after(now, settings.unreachableTimeout().toNanos(), new Timers.UnreachableExpiry(e, e.episode));
        }
        if (status.isTerminal() && changed) {
            timers.after(now, settings.deadMemberRetention().toNanos(), new Timers.TombstoneExpiry(e, e.episode));
            schedule.remove(e);
        }
        if (!status.isTerminal()) {
            schedule.add(e);
        }
        table.reindex(e);
    }

    /** Drops the timers of an entry that is being replaced (a new uid of its name). */
    void clear(MemberEntry e) {
        e.suspicion = null;
        e.episode++;
    }

    private void start(MemberEntry e, String origin, long now) {
        int n = table.liveCount() + 1;
        long min = Math.max(
                Suspicion.minTimeoutNanos(settings.suspicionMultiplier(), n, periodNanos),
                settings.pauseTolerance().toNanos());
        long max;
        int expected;
        if (settings.lifeguardEnabled()) {
            max = Timers.times(min, settings.suspicionMaxTimeoutMultiplier());
            expected = expectedConfirmations(n);
        } else {
            max = min;
            expected = 0;
        }
        Suspicion s = new Suspicion(origin, now, min, max, expected);
        e.suspicion = s;
        timers.at(s.deadlineNanos(), new Timers.SuspicionExpiry(e, e.episode));
    }

    /**
     * Records {@code origin}'s independent confirmation of {@code e}'s suspicion.
     *
     * @return whether it was new (worth passing on)
     */
    boolean confirm(MemberEntry e, String origin) {
        Suspicion s = e.suspicion;
        if (s == null || !s.confirm(origin)) {
            return false;
        }
        timers.at(s.deadlineNanos(), new Timers.SuspicionExpiry(e, e.episode));
        return true;
    }

    /** This node saw for itself that {@code e}'s process is gone: end its suspicion soon. */
    void processGone(MemberEntry e, long now) {
        Suspicion s = e.suspicion;
        if (s != null
                && s.capAt(Timers.plus(now, settings.goneSuspicionTimeout().toNanos()))) {
            timers.at(s.deadlineNanos(), new Timers.SuspicionExpiry(e, e.episode));
        }
    }

    /** Whether {@code t} is still the live deadline of a suspicion that is now due. */
    boolean isDue(Timers.SuspicionExpiry t, long now) {
        MemberEntry e = t.entry();
        return table.get(e.id.name()) == e
                && e.episode == t.episode()
                && e.status == MemberStatus.SUSPECT
                && e.suspicion != null
                && e.suspicion.deadlineNanos() <= now;
    }

    /** Whether {@code t} still belongs to the current unreachable episode of its entry. */
    boolean isDue(Timers.UnreachableExpiry t) {
        MemberEntry e = t.entry();
        return table.get(e.id.name()) == e && e.episode == t.episode() && e.status == MemberStatus.UNREACHABLE;
    }

    /** Removes a tombstone whose retention ended, unless its entry moved on since. */
    void expireTombstone(Timers.TombstoneExpiry t) {
        MemberEntry e = t.entry();
        if (table.get(e.id.name()) == e && e.episode == t.episode() && e.status.isTerminal()) {
            table.remove(e.id.name());
            schedule.remove(e);
        }
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
    void checkSoon(MemberEntry e) {
        if (!settings.lifeguardEnabled()) {
            return;
        }
        int others = Math.max(1, table.liveCount() - 1);
        double share = (2.0 * expectedConfirmations(table.liveCount() + 1) + 2) / others;
        if (share >= 1 || random.nextDouble() < share) {
            schedule.prioritize(e);
        }
    }

    /**
     * K, the confirmations after which the suspicion timeout is at its minimum; none in clusters
     * too small to provide them (the timeout is then the minimum at once, as in memberlist).
     */
    private int expectedConfirmations(int n) {
        int k = settings.suspicionConfirmations();
        return n - 2 < k ? 0 : k;
    }

    SwimSettings settings() {
        return settings;
    }
}
