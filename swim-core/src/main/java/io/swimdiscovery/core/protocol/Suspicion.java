package io.swimdiscovery.core.protocol;

import java.util.HashSet;
import java.util.Set;

/**
 * Lifeguard's dynamic suspicion timeout (paper section IV.B) for one suspected member.
 *
 * <p>The timer starts at {@code max} and shrinks toward {@code min} as independent members confirm
 * the suspicion: after {@code c} confirmations out of {@code k} expected, the timeout is
 * {@code max(min, max - (max - min) * log(c + 1) / log(k + 1))}. Many confirmations mean the member
 * is very likely dead, so waiting long only delays detection; few mean this node may be the one
 * with the problem, so it waits long enough for a refutation to reach it.
 */
final class Suspicion {

    private final long startNanos;
    private final long minNanos;
    private final long maxNanos;
    private final int expectedConfirmations;
    private final Set<String> confirmers = new HashSet<>(4);
    private final String origin;
    /** An earlier deadline set by strong local evidence that the process is gone, or MAX_VALUE. */
    private long capNanos = Long.MAX_VALUE;

    /**
     * @param origin the member that raised the suspicion; its own repeats are not confirmations
     * @param expectedConfirmations k: confirmations after which the timeout reaches {@code min}
     */
    Suspicion(String origin, long startNanos, long minNanos, long maxNanos, int expectedConfirmations) {
        this.startNanos = startNanos;
        this.minNanos = minNanos;
        this.maxNanos = Math.max(minNanos, maxNanos);
        this.expectedConfirmations = expectedConfirmations;
        this.origin = origin;
        confirmers.add(origin);
    }

    /**
     * Records that {@code from} also suspects the member.
     *
     * @return whether this was a new, independent confirmation (worth gossiping on)
     */
    boolean confirm(String from) {
        if (confirmations() >= expectedConfirmations) {
            return false;
        }
        return confirmers.add(from);
    }

    int confirmations() {
        return confirmers.size() - 1;
    }

    /** The member that raised the suspicion (as far as this node knows). */
    String origin() {
        return origin;
    }

    /**
     * Brings the deadline forward to at most {@code deadlineNanos}: this node saw for itself that
     * the process is gone (its host refused the connection, or another process answered at its
     * address), which no pause or partition can cause.
     *
     * @return whether the deadline moved
     */
    boolean capAt(long deadlineNanos) {
        if (deadlineNanos >= capNanos) {
            return false;
        }
        long before = deadlineNanos();
        capNanos = deadlineNanos;
        return deadlineNanos() < before;
    }

    /** Engine time at which the member is declared dead unless it refutes first. */
    long deadlineNanos() {
        return Math.min(
                capNanos,
                Timers.plus(startNanos, timeoutNanos(confirmations(), expectedConfirmations, minNanos, maxNanos)));
    }

    /** The Lifeguard formula, pure so it can be tested on its own. */
    static long timeoutNanos(int confirmations, int expected, long minNanos, long maxNanos) {
        if (expected <= 0 || maxNanos <= minNanos) {
            // No confirmations can be expected (tiny cluster): waiting for them would only delay.
            return minNanos;
        }
        double fraction = Math.log(confirmations + 1.0) / Math.log(expected + 1.0);
        long timeout = (long) (maxNanos - (maxNanos - minNanos) * fraction);
        return Math.max(minNanos, timeout);
    }

    /**
     * Minimum suspicion timeout for a cluster of {@code n}: {@code multiplier * max(1, log10(n)) *
     * period}. Scaling by log10(n) follows the paper: news needs O(log n) rounds to reach everyone,
     * the suspect included. Clamping the scale at 1 (as memberlist does) keeps small clusters from
     * getting a timeout shorter than one period per multiplier.
     */
    static long minTimeoutNanos(double multiplier, int n, long periodNanos) {
        double scale = Math.max(1.0, Math.log10(Math.max(1, n)));
        double nanos = multiplier * scale * periodNanos;
        return nanos >= Long.MAX_VALUE / 2.0 ? Long.MAX_VALUE / 2 : (long) nanos;
    }
}
