package io.swimdiscovery.core.sim;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The simulation's virtual clock and its queue of pending events. It knows when things happen, not
 * what they mean: each popped event goes to the {@link Dispatcher} the façade hands in, which
 * routes it by kind to the network or the processes.
 */
final class SimScheduler {

    /** A datagram reaches its receiver's host. */
    static final int DELIVER = 1;
    /** A stream message reaches its receiver's host. */
    static final int DELIVER_RELIABLE = 2;
    /** A slow receiver gets round to a datagram that arrived earlier. */
    static final int PROCESS = 3;
    /** A slow receiver gets round to a stream message that arrived earlier. */
    static final int PROCESS_RELIABLE = 4;
    /** A stream could not be opened: the connect timeout passed (nothing answered). */
    static final int RELIABLE_FAILED = 5;

    static final int TICK = 6;
    static final int RESUME = 7;
    static final int ACTION = 8;
    static final int LEAVE_DEADLINE = 9;
    static final int START = 10;
    static final int PREFORM = 11;
    /** A stream was refused: the receiver's host answered that nothing listens on the port. */
    static final int REFUSED = 12;

    /** Handles one popped event; read it with {@link #queue()}'s accessors. */
    interface Dispatcher {
        void dispatch(int kind, int slot);
    }

    private final EventQueue queue = new EventQueue();
    private final Function<RuntimeException, SimulationException> failure;
    private final Runnable afterEvent;
    private long now;
    private long eventsProcessed;

    /**
     * @param failure turns an exception thrown while handling an event into the error the caller sees
     *        (naming the node and the seed)
     * @param afterEvent runs after every event, thrown or not
     */
    SimScheduler(Function<RuntimeException, SimulationException> failure, Runnable afterEvent) {
        this.failure = failure;
        this.afterEvent = afterEvent;
    }

    long now() {
        return now;
    }

    long eventsProcessed() {
        return eventsProcessed;
    }

    EventQueue queue() {
        return queue;
    }

    /** Schedules an event at {@code atNanos} (never in the past of the queue: the clock does not go back). */
    void push(
            long atNanos, int kind, int node, int aux, int aux2, @Nullable Object payload, @Nullable Object payload2) {
        queue.push(atNanos, kind, node, aux, aux2, payload, payload2);
    }

    /** Schedules an event {@code delayNanos} from now. */
    void pushIn(
            long delayNanos,
            int kind,
            int node,
            int aux,
            int aux2,
            @Nullable Object payload,
            @Nullable Object payload2) {
        queue.push(now + delayNanos, kind, node, aux, aux2, payload, payload2);
    }

    void schedule(long delayNanos, Runnable action) {
        Objects.requireNonNull(action, "action");
        queue.push(now + Math.max(0, delayNanos), ACTION, -1, 0, 0, action, null);
    }

    /** Runs every event due up to {@code endNanos}, then sets the clock to it. */
    void runUntilNanos(long endNanos, Dispatcher dispatcher) {
        while (!queue.isEmpty() && queue.peekTime() <= endNanos) {
            now = Math.max(now, queue.peekTime());
            int slot = queue.pop();
            try {
                dispatcher.dispatch(queue.kind(slot), slot);
            } catch (SimulationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failure.apply(e);
            } finally {
                afterEvent.run();
                queue.release(slot);
            }
            eventsProcessed++;
        }
        now = Math.max(now, endNanos);
    }

    /**
     * Runs until {@code condition} holds, checking it every {@code stepNanos}, for at most
     * {@code timeoutNanos}; the clock then stands at the first check where it held.
     */
    boolean runUntil(BooleanSupplier condition, long timeoutNanos, long stepNanos, Dispatcher dispatcher) {
        long deadline = now + timeoutNanos;
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (now >= deadline) {
                return false;
            }
            runUntilNanos(Math.min(deadline, now + stepNanos), dispatcher);
        }
    }
}
