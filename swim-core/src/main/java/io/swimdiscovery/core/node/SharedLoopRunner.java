package io.swimdiscovery.core.node;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One node's event loop as a serial queue over a pool that many nodes share
 * ({@link SwimResources}): at most one task of this node runs at a time, in submission order, so
 * the engine keeps its single-threaded view. A node with much to do runs {@value #BATCH} tasks,
 * then goes to the back of the pool's queue, so one busy node cannot starve the others' probes.
 * Timers fire on the shared timer thread and only queue their task here.
 */
final class SharedLoopRunner implements EventLoop.LoopRunner {

    /** Tasks one drain runs before it yields the pool thread to other nodes. */
    static final int BATCH = 64;

    private static final System.Logger LOG = System.getLogger(SharedLoopRunner.class.getName());

    private final Executor pool;
    private final ScheduledExecutorService timers;
    private final ThrottledErrorLog errors = new ThrottledErrorLog(LOG);
    private final Object lock = new Object();
    // Guarded by lock.
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    /** A drain is queued on the pool or running. */
    private boolean scheduled;

    private boolean stopped;
    /** The pool thread draining now, for {@link #inLoop()}. */
    private volatile @Nullable Thread current;
    /** Timers not yet fired, cancelled at stop so none keeps the node's tasks reachable. */
    private final Set<LoopTimer> pending = ConcurrentHashMap.newKeySet();

    SharedLoopRunner(Executor pool, ScheduledExecutorService timers) {
        this.pool = pool;
        this.timers = timers;
    }

    @Override
    public boolean inLoop() {
        return current == Thread.currentThread();
    }

    @Override
    public boolean execute(Runnable task) {
        synchronized (lock) {
            if (stopped) {
                return false;
            }
            tasks.add(task);
            if (scheduled) {
                return true;
            }
            scheduled = true;
        }
        return handToPool();
    }

    private boolean handToPool() {
        try {
            pool.execute(this::drain);
            return true;
        } catch (RejectedExecutionException resourcesClosed) {
            // The shared resources were closed under a running node: it can do nothing more.
            synchronized (lock) {
                stopped = true;
                scheduled = false;
                tasks.clear();
                lock.notifyAll();
            }
            return false;
        }
    }

    private void drain() {
        current = Thread.currentThread();
        for (int i = 0; ; i++) {
            Runnable next;
            synchronized (lock) {
                next = stopped ? null : tasks.poll();
                if (next == null) {
                    current = null;
                    scheduled = false;
                    lock.notifyAll();
                    return;
                }
                if (i == BATCH) {
                    // Yield: the rest waits behind the other nodes' drains.
                    tasks.addFirst(next);
                    current = null;
                    break;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                errors.error(e.getClass().getName(), "SWIM event loop task failed; continuing", e);
            } catch (Error e) {
                current = null;
                handToPool();
                throw e;
            }
        }
        handToPool();
    }

    @Override
    public @Nullable ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        synchronized (lock) {
            if (stopped) {
                return null;
            }
        }
        LoopTimer timer = new LoopTimer(task);
        pending.add(timer);
        try {
            timer.delegate = timers.schedule(timer::fire, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException resourcesClosed) {
            pending.remove(timer);
            return null;
        }
        return timer;
    }

    @Override
    public void shutdownNow() {
        synchronized (lock) {
            stopped = true;
            tasks.clear();
        }
        for (LoopTimer t : List.copyOf(pending)) {
            t.cancel(false);
        }
    }

    @Override
    public boolean awaitIdle(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (scheduled) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A timer of this loop: fires on the shared timer thread, runs on the loop. Cancelling it
     * also stops a firing that is already queued on the loop, as cancelling a task of a
     * single-thread scheduler before it runs would.
     */
    private final class LoopTimer implements ScheduledFuture<Object> {

        private final Runnable task;
        private final CompletableFuture<Object> outcome = new CompletableFuture<>();
        volatile @Nullable ScheduledFuture<?> delegate;

        LoopTimer(Runnable task) {
            this.task = task;
        }

        void fire() {
            pending.remove(this);
            if (outcome.isDone()) {
                return;
            }
            boolean queued = execute(() -> {
                if (!outcome.isDone()) {
                    try {
                        task.run();
                    } finally {
                        outcome.complete(null);
                    }
                }
            });
            if (!queued) {
                outcome.cancel(false);
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            pending.remove(this);
            ScheduledFuture<?> d = delegate;
            if (d != null) {
                d.cancel(false);
            }
            return outcome.cancel(false);
        }

        @Override
        public boolean isCancelled() {
            return outcome.isCancelled();
        }

        @Override
        public boolean isDone() {
            return outcome.isDone();
        }

        @Override
        public Object get() throws InterruptedException, ExecutionException {
            return outcome.get();
        }

        @Override
        public Object get(long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, TimeoutException {
            return outcome.get(timeout, unit);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            ScheduledFuture<?> d = delegate;
            return d == null ? 0 : d.getDelay(unit);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
