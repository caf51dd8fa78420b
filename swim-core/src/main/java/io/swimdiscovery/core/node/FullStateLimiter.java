package io.swimdiscovery.core.node;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many full-state syncs this node is sending at once, capped as memberlist caps concurrent
 * push-pulls (128): each holds an encoded copy of the whole view until its stream write ends, so a
 * burst of sync requests (a restart of many members, a reconnect storm, a forger) would otherwise
 * hold as many copies.
 *
 * <p>The cap lives in the node, not the engine: only the node learns when a stream send ends,
 * successfully or not (the transport's future always completes, its connect and write timeouts
 * included), so a permit is released exactly then. An engine counter would need a new input for
 * every successful send, or a guessed timeout. The engine stays as it is: a sync it asked for
 * and the node dropped looks to it like a lost one, which anti-entropy already tolerates (the
 * next push-pull or reconnect runs again; a joiner retries its seeds).
 */
final class FullStateLimiter {

    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    FullStateLimiter(int max) {
        this.max = max;
    }

    /** Takes a permit, or returns false when {@code max} are taken. */
    boolean tryAcquire() {
        while (true) {
            int now = inFlight.get();
            if (now >= max) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void release() {
        inFlight.decrementAndGet();
    }

    /** Whether no permit is left: a sync digest now could only lead to a full state that is dropped. */
    boolean atLimit() {
        return inFlight.get() >= max;
    }

    int inFlight() {
        return inFlight.get();
    }
}
