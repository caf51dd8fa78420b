package io.swimdiscovery.core.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The order in which this node probes others: round-robin over a shuffled list (SWIM paper
 * section 4.3), reshuffled after every full pass. This bounds the time until a failed member is
 * probed to at most two passes, where uniform random choice has an unbounded tail. A new member is
 * inserted at a random position so that all members do not probe newcomers in lockstep.
 */
final class ProbeSchedule {

    private final RandomGenerator random;
    private final List<MemberEntry> order = new ArrayList<>();
    private int next;

    ProbeSchedule(RandomGenerator random) {
        this.random = random;
    }

    /** Adds {@code entry} at a random position not yet passed in this round. */
    void add(MemberEntry entry) {
        if (entry.scheduled) {
            return;
        }
        entry.scheduled = true;
        int slot = next + random.nextInt(order.size() - next + 1);
        order.add(slot, entry);
    }

    /**
     * Makes {@code entry} the next member probed (adding it if absent). Used to check a suspicion
     * raised by another member: the probe either confirms it or carries it to the suspect, which
     * then refutes.
     */
    void prioritize(MemberEntry entry) {
        if (entry.scheduled) {
            removeAt(order.indexOf(entry));
        }
        entry.scheduled = true;
        order.add(Math.min(next, order.size()), entry);
    }

    /** Removes {@code entry}; a no-op if absent. */
    void remove(MemberEntry entry) {
        if (entry.scheduled) {
            removeAt(order.indexOf(entry));
            entry.scheduled = false;
        }
    }

    private void removeAt(int i) {
        order.remove(i);
        if (i < next) {
            next--;
        }
    }

    /**
     * The next member to probe that {@code probeable} accepts, or null if there is none. Members it
     * rejects stay in the schedule (they may become probeable again).
     */
    @Nullable
    MemberEntry next(Predicate<MemberEntry> probeable) {
        // The rest of this pass plus one whole pass after a reshuffle visits every member.
        int tries = 2 * order.size();
        for (int tried = 0; tried < tries; tried++) {
            if (next >= order.size()) {
                // Collections.shuffle wants a java.util.Random; derive one from our seeded stream.
                Collections.shuffle(order, new java.util.Random(random.nextLong()));
                next = 0;
            }
            MemberEntry candidate = order.get(next++);
            if (probeable.test(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    int size() {
        return order.size();
    }
}
