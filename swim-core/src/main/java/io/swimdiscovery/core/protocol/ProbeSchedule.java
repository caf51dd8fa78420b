package io.swimdiscovery.core.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The order in which this node probes others: round-robin over a shuffled list (SWIM paper
 * section 4.3), reshuffled after every full pass. This bounds the time until a failed member is
 * probed to at most two passes, where uniform random choice has an unbounded tail. A new member is
 * inserted at a random position so that all members do not probe newcomers in lockstep.
 */
final class ProbeSchedule {

    private final RandomGenerator random;
    private final List<String> order = new ArrayList<>();
    private final Set<String> present = new HashSet<>();
    private int next;

    ProbeSchedule(RandomGenerator random) {
        this.random = random;
    }

    /** Adds {@code name} at a random position not yet passed in this round. */
    void add(String name) {
        if (!present.add(name)) {
            return;
        }
        int slot = next + random.nextInt(order.size() - next + 1);
        order.add(slot, name);
    }

    /**
     * Makes {@code name} the next member probed (adding it if absent). Used to check a suspicion
     * raised by another member: the probe either confirms it or carries it to the suspect, which
     * then refutes.
     */
    void prioritize(String name) {
        if (present.contains(name)) {
            int i = order.indexOf(name);
            order.remove(i);
            if (i < next) {
                next--;
            }
        } else {
            present.add(name);
        }
        order.add(Math.min(next, order.size()), name);
    }

    /** Removes {@code name}; a no-op if absent. */
    void remove(String name) {
        if (!present.remove(name)) {
            return;
        }
        int i = order.indexOf(name);
        order.remove(i);
        if (i < next) {
            next--;
        }
    }

    /**
     * The next member to probe that {@code probeable} accepts, or null if there is none. Members it
     * rejects stay in the schedule (they may become probeable again).
     */
    String next(Predicate<String> probeable) {
        // The rest of this pass plus one whole pass after a reshuffle visits every member.
        int tries = 2 * order.size();
        for (int tried = 0; tried < tries; tried++) {
            if (next >= order.size()) {
                Collections.shuffle(order, asRandom());
                next = 0;
            }
            String candidate = order.get(next++);
            if (probeable.test(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    int size() {
        return order.size();
    }

    private java.util.Random asRandom() {
        // Collections.shuffle wants a java.util.Random; derive one from our seeded stream.
        return new java.util.Random(random.nextLong());
    }
}
