package io.swimdiscovery.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;

/** Shared set-up of simulation tests: a cluster that has formed, and bounds derived from settings. */
final class Clusters {

    private Clusters() {}

    /** Builds {@code builder}'s cluster and runs until every member lists every other alive. */
    static Simulation formed(Simulation.Builder builder) {
        Simulation sim = builder.build();
        boolean converged = sim.runUntil(sim::isConverged, Duration.ofMinutes(2));
        assertThat(converged)
                .as("cluster of %d formed within 2 virtual minutes (seed %d)", sim.size(), sim.seed())
                .isTrue();
        return sim;
    }

    /** The engine's minimum suspicion timeout for a cluster of n: max(alpha * max(1, log10 n) * T, pause tolerance). */
    static Duration minSuspicionTimeout(SwimSettings s, int n) {
        double scale = Math.max(1.0, Math.log10(n));
        Duration formula = Duration.ofNanos(
                (long) (s.suspicionMultiplier() * scale * s.protocolPeriod().toNanos()));
        return formula.compareTo(s.pauseTolerance()) >= 0 ? formula : s.pauseTolerance();
    }

    /** Lifeguard's maximum suspicion timeout: beta times the minimum (the minimum without Lifeguard). */
    static Duration maxSuspicionTimeout(SwimSettings s, int n) {
        return s.lifeguardEnabled()
                ? minSuspicionTimeout(s, n).multipliedBy(s.suspicionMaxTimeoutMultiplier())
                : minSuspicionTimeout(s, n);
    }

    /** Whether every up node other than {@code subject} holds {@code status} for it. */
    static boolean allOthersSee(Simulation sim, int subject, MemberStatus status) {
        int others = 0;
        for (int i : sim.upNodes()) {
            if (i != subject) {
                others++;
            }
        }
        return sim.observersSeeing(subject, status) == others;
    }

    /**
     * Heals every cut and asserts that every member lists every other alive again within one
     * reconnect interval plus three periods. Why that bound: every member sends a digest to a failed
     * member once per reconnect interval (probability failed/live >= 1 in a split); the exchange
     * tells both ends they were declared dead, both rejoin under new uids, and gossip (a new
     * identity goes out 2 * lambda * log n times) plus one verification ping per hearer spread them;
     * a member whose failed peers all rejoined before it tried learns its death from the first ack it
     * gets from one of them, and each rejoined member runs a push-pull a few periods later, which
     * repairs what gossip missed. Measured 2.3 to 10.5 s at n = 100 and about 5 s at n = 20.
     */
    static void healAndAwaitMerge(Simulation sim, String label) {
        SwimSettings settings = sim.settings();
        sim.heal();
        long healedAt = sim.nowNanos();
        long bound = settings.reconnectInterval().toNanos()
                + 3 * settings.protocolPeriod().toNanos();
        boolean merged = sim.runUntil(sim::isConverged, Duration.ofNanos(bound), Duration.ofMillis(100));
        System.out.printf(
                "%s: merged %s after the heal (bound %s)%n", label, seconds(sim.nowNanos() - healedAt), seconds(bound));
        assertThat(merged)
                .as("%s: every member lists every other alive within %s (seed %d)", label, seconds(bound), sim.seed())
                .isTrue();
    }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
