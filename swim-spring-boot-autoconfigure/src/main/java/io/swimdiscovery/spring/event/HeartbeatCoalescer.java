package io.swimdiscovery.spring.event;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Publishes a value at most once per interval, and only when it differs from the last one
 * published. Values offered within the interval after a publication are held; when the interval
 * is over the latest one goes out (if it still differs), so a burst of changes (a rolling
 * restart, a partition healing) becomes one publication and the last value is never lost.
 *
 * <p>Every publication runs on {@code scheduler}, one at a time, never on the caller's thread.
 */
final class HeartbeatCoalescer {

    private final long intervalNanos;

    private final LongSupplier nanoClock;

    private final ScheduledExecutorService scheduler;

    private final LongConsumer publish;

    private final Object lock = new Object();

    private long latest;

    private long published;

    private boolean publishedAny;

    private long publishedAt;

    private @Nullable ScheduledFuture<?> pending;

    /**
     * @param intervalNanos shortest time between two publications (0: no coalescing)
     * @param nanoClock monotonic time in nanoseconds
     * @param scheduler where publications run
     * @param publish what publishing a value means
     * @param initial the value that counts as already published (the empty view)
     */
    HeartbeatCoalescer(
            long intervalNanos,
            LongSupplier nanoClock,
            ScheduledExecutorService scheduler,
            LongConsumer publish,
            long initial) {
        this.intervalNanos = intervalNanos;
        this.nanoClock = nanoClock;
        this.scheduler = scheduler;
        this.publish = publish;
        this.latest = initial;
        this.published = initial;
    }

    /** Offers the current value; publishes now, later, or not at all if nothing changed. */
    void offer(long value) {
        synchronized (this.lock) {
            this.latest = value;
            if (this.pending != null || value == this.published) {
                return;
            }
            long wait = this.publishedAny ? this.publishedAt + this.intervalNanos - this.nanoClock.getAsLong() : 0;
            try {
                this.pending = this.scheduler.schedule(this::fire, Math.max(wait, 0), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                // The application is shutting down: nobody is left to refresh routes for.
            }
        }
    }

    private void fire() {
        long value;
        synchronized (this.lock) {
            this.pending = null;
            if (this.latest == this.published) {
                return;
            }
            value = this.latest;
            this.published = value;
            this.publishedAny = true;
            this.publishedAt = this.nanoClock.getAsLong();
        }
        this.publish.accept(value);
    }
}
