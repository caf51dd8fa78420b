package io.swimdiscovery.core.protocol;

/**
 * Lifeguard's local health multiplier (LHM, paper section IV.A): a score 0..max-1 that rises when
 * this node shows signs of being the slow one (its probes fail, relays' nacks go missing, others
 * suspect it, its own timer wakes it late) and falls with each successful probe. Probe timeout and
 * protocol period are scaled by {@code score + 1}, so a node that cannot keep up stops accusing
 * healthy members.
 */
final class LocalHealth {

    /** The only ways the score changes (Lifeguard's LHM events). */
    enum Event {
        /** A probe was answered: evidence this node works. */
        SUCCESSFUL_PROBE(-1),
        /** A probe with no indirect probes to back it failed. */
        FAILED_PROBE(1),
        /** A relay of a ping-req did not even send a nack: likely our own packets are lost. */
        MISSED_NACK(1),
        /** Someone suspected this node: it was too slow to answer. */
        REFUTED_SUSPICION(1),
        /**
         * Not in the paper: this node's own timer woke it more than half a probe timeout late, so
         * it is the slow one whatever its probes say (answers wait unread behind the backlog, and
         * without this a node that is itself behind fails probes of healthy members).
         */
        LATE_WAKE(1);

        private final int delta;

        Event(int delta) {
            this.delta = delta;
        }
    }

    private final int max;
    private final boolean enabled;
    private int score;

    LocalHealth(int max, boolean enabled) {
        this.max = max;
        this.enabled = enabled;
    }

    void apply(Event event) {
        apply(event, 1);
    }

    void apply(Event event, int times) {
        if (!enabled) {
            return;
        }
        // memberlist's awareness: at most max - 1, so timeouts scale by at most max (x8 by default).
        score = Math.max(0, Math.min(max - 1, score + event.delta * times));
    }

    int score() {
        return score;
    }

    /** {@code nanos * (score + 1)}. */
    long scale(long nanos) {
        return nanos * (score + 1);
    }
}
