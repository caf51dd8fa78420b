package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MembershipEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Scenario measurements computed from a simulation's trace and its ground truth (who was really
 * up when). Times are returned as nanoseconds elapsed since the {@code sinceNanos} given, so a
 * caller passes the virtual time of the fault it injected and reads a detection time directly.
 */
public final class TraceAnalysis {

    private TraceAnalysis() {}

    /** Time from {@code sinceNanos} until any node first suspected {@code subject}. */
    public static OptionalLong firstSuspicion(Simulation sim, MemberId subject, long sinceNanos) {
        return first(
                sim,
                sinceNanos,
                e -> e.event() instanceof MembershipEvent.MemberSuspected
                        && e.subject().uid() == subject.uid());
    }

    /** Time from {@code sinceNanos} until any node first declared {@code subject} dead. */
    public static OptionalLong firstDeath(Simulation sim, MemberId subject, long sinceNanos) {
        return first(
                sim,
                sinceNanos,
                e -> e.event() instanceof MembershipEvent.MemberFailed
                        && e.subject().uid() == subject.uid());
    }

    /**
     * Time from {@code sinceNanos} until every observer had declared {@code subject} dead, or empty
     * if some observer never did. Observers: the nodes up now that were already up at
     * {@code sinceNanos}, other than the subject's node.
     */
    public static OptionalLong deathSeenByAll(Simulation sim, MemberId subject, long sinceNanos) {
        return seenByAll(
                sim,
                sinceNanos,
                subject.name(),
                e -> e.event() instanceof MembershipEvent.MemberFailed
                        && e.subject().uid() == subject.uid());
    }

    /** As {@link #deathSeenByAll} but a leave counts too: time until every observer dropped the subject. */
    public static OptionalLong removalSeenByAll(Simulation sim, MemberId subject, long sinceNanos) {
        return seenByAll(
                sim,
                sinceNanos,
                subject.name(),
                e -> (e.event() instanceof MembershipEvent.MemberFailed
                                || e.event() instanceof MembershipEvent.MemberLeft)
                        && e.subject().uid() == subject.uid());
    }

    /**
     * Time from {@code sinceNanos} until every observer had published an event matching
     * {@code match}; empty if one never did. Observers: nodes up now and already up at
     * {@code sinceNanos}, other than the node named {@code excluded} (pass the subject's name).
     */
    public static OptionalLong seenByAll(
            Simulation sim, long sinceNanos, String excluded, Predicate<TraceEvent> match) {
        Map<String, Long> firstSeen = new HashMap<>();
        for (TraceEvent e : sim.trace()) {
            if (e.atNanos() >= sinceNanos && match.test(e)) {
                firstSeen.putIfAbsent(e.observer(), e.atNanos());
            }
        }
        long last = sinceNanos;
        for (int i : sim.upNodes()) {
            String name = sim.name(i);
            MemberId id = sim.memberId(i);
            ProcessLifetime life = id == null ? null : sim.lifetime(id.uid());
            if (name.equals(excluded) || life == null || life.startedAtNanos() > sinceNanos) {
                continue;
            }
            Long t = firstSeen.get(name);
            if (t == null) {
                return OptionalLong.empty();
            }
            last = Math.max(last, t);
        }
        return OptionalLong.of(last - sinceNanos);
    }

    /**
     * Distinct false suspicions in {@code [sinceNanos, untilNanos)}: suspicion episodes, one per
     * (member process, incarnation), raised while that process was up. Counting episodes rather
     * than events keeps the number independent of how many observers heard of each.
     */
    public static long falseSuspicions(Simulation sim, long sinceNanos, long untilNanos) {
        return falseSuspicions(sim, sinceNanos, untilNanos, id -> true);
    }

    /** As {@link #falseSuspicions(Simulation, long, long)}, only of members matching {@code about}. */
    public static long falseSuspicions(Simulation sim, long sinceNanos, long untilNanos, Predicate<MemberId> about) {
        return falseEvents(sim, sinceNanos, untilNanos, MembershipEvent.MemberSuspected.class, about)
                .map(e -> e.subject().uid() + "/" + e.event().member().incarnation())
                .distinct()
                .count();
    }

    /** Suspected events (one per observer that heard) about processes that were up at the time. */
    public static long falseSuspicionEvents(Simulation sim, long sinceNanos, long untilNanos) {
        return falseEvents(sim, sinceNanos, untilNanos, MembershipEvent.MemberSuspected.class, id -> true)
                .count();
    }

    /** Distinct member processes declared dead (by anyone) in the window while they were up. */
    public static long falseDeaths(Simulation sim, long sinceNanos, long untilNanos) {
        return falseDeaths(sim, sinceNanos, untilNanos, id -> true);
    }

    /** As {@link #falseDeaths(Simulation, long, long)}, only of members matching {@code about}. */
    public static long falseDeaths(Simulation sim, long sinceNanos, long untilNanos, Predicate<MemberId> about) {
        return falseEvents(sim, sinceNanos, untilNanos, MembershipEvent.MemberFailed.class, about)
                .map(e -> e.subject().uid())
                .distinct()
                .count();
    }

    /** Failed events (one per observer) about processes that were up at the time. */
    public static long falseDeathEvents(Simulation sim, long sinceNanos, long untilNanos) {
        return falseEvents(sim, sinceNanos, untilNanos, MembershipEvent.MemberFailed.class, id -> true)
                .count();
    }

    /** Events of {@code type} in the window about members matching {@code about} that were up at the time. */
    private static Stream<TraceEvent> falseEvents(
            Simulation sim,
            long sinceNanos,
            long untilNanos,
            Class<? extends MembershipEvent> type,
            Predicate<MemberId> about) {
        return window(sim.trace(), sinceNanos, untilNanos).stream()
                .filter(e -> type.isInstance(e.event()) && wasUp(sim, e) && about.test(e.subject()));
    }

    /** Whether the subject of {@code e} was up (not crashed or left) when the event happened. */
    public static boolean wasUp(Simulation sim, TraceEvent e) {
        ProcessLifetime life = sim.lifetime(e.subject().uid());
        return life != null && life.isUpAt(e.atNanos());
    }

    private static OptionalLong first(Simulation sim, long sinceNanos, Predicate<TraceEvent> match) {
        for (TraceEvent e : sim.trace()) {
            if (e.atNanos() >= sinceNanos && match.test(e)) {
                return OptionalLong.of(e.atNanos() - sinceNanos);
            }
        }
        return OptionalLong.empty();
    }

    private static List<TraceEvent> window(List<TraceEvent> trace, long sinceNanos, long untilNanos) {
        int from = lowerBound(trace, sinceNanos);
        int to = lowerBound(trace, untilNanos);
        return trace.subList(from, Math.max(from, to));
    }

    /** First index whose time is at or after {@code t}; the trace is in time order. */
    private static int lowerBound(List<TraceEvent> trace, long t) {
        int lo = 0;
        int hi = trace.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (trace.get(mid).atNanos() < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
