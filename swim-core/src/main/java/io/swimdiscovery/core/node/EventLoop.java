package io.swimdiscovery.core.node;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The node's protocol thread. Every input to the engine (a packet, a timer, a call from the API)
 * is a task here, so the engine needs no lock and sees its inputs in one order. After
 * {@link #shutdownNow()} new tasks are dropped, by design: input after a stop is meaningless.
 *
 * <p>Two ways to run: on a thread of the node's own ({@link #dedicated}, the default), or as a
 * serial queue over a pool shared by many nodes ({@link #shared}, {@link SwimResources}): tasks
 * of one node still run one at a time and in order, so the engine cannot tell the difference.
 */
final class EventLoop {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final LoopRunner runner;
    private final ThrottledErrorLog errors = new ThrottledErrorLog(LOG);

    private EventLoop(LoopRunner runner) {
        this.runner = runner;
    }

    /** A loop on a daemon thread of its own, "swim-node-LABEL". */
    static EventLoop dedicated(String label) {
        return new EventLoop(new DedicatedRunner(label));
    }

    /** A loop whose tasks run, one at a time, on {@code resources}' protocol pool. */
    static EventLoop shared(SwimResources resources) {
        return new EventLoop(new SharedLoopRunner(resources.protocolPool(), resources.timers()));
    }

    /** Whether the caller is the loop itself (a call from a loop task must not wait for the loop). */
    boolean inLoop() {
        return runner.inLoop();
    }

    /**
     * Queues {@code task}; after a stop it is dropped. Exceptions are logged, never thrown.
     *
     * @return whether the task was queued (false once the loop stopped)
     */
    boolean submit(Runnable task) {
        return runner.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                errors.error(e.getClass().getName(), "SWIM event loop task failed; continuing", e);
            }
        });
    }

    /** Runs {@code task} after {@code delayNanos}; null if the loop is stopping (nothing to run then). */
    @Nullable
    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return runner.schedule(task, delayNanos);
    }

    /**
     * Runs {@code call} on the loop and waits, bounded, for its result.
     *
     * @throws IllegalStateException if the loop has stopped or did not answer in time
     */
    <T> T call(Supplier<T> call) {
        if (inLoop()) {
            return call.get();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        boolean queued = runner.execute(() -> {
            try {
                f.complete(call.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        if (!queued) {
            throw new IllegalStateException("node is closed");
        }
        try {
            return f.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the node's event loop", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the node's event loop did not answer within " + CALL_TIMEOUT, e);
        }
    }

    /** Drops queued tasks and timers, and waits (bounded) for the running one unless called from it. */
    void shutdownNow() {
        runner.shutdownNow();
        if (!inLoop() && !runner.awaitIdle(5, TimeUnit.SECONDS)) {
            LOG.log(System.Logger.Level.WARNING, "SWIM event loop did not stop within 5 s");
        }
    }

    static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Where a loop's tasks run: the two implementations above. */
    interface LoopRunner {
        boolean inLoop();

        /** Queues a task; false once stopped. */
        boolean execute(Runnable task);

        @Nullable
        ScheduledFuture<?> schedule(Runnable task, long delayNanos);

        void shutdownNow();

        /** Waits until no task runs any more; true if that happened in time. */
        boolean awaitIdle(long timeout, TimeUnit unit);
    }

    /** One thread of the node's own, timers included: the loop before shared resources existed. */
    private static final class DedicatedRunner implements LoopRunner {

        private final ScheduledThreadPoolExecutor executor;
        private volatile @Nullable Thread thread;

        DedicatedRunner(String label) {
            this.executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "swim-node-" + label);
                t.setDaemon(true);
                thread = t;
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }

        @Override
        public boolean inLoop() {
            return Thread.currentThread() == thread;
        }

        @Override
        public boolean execute(Runnable task) {
            try {
                executor.execute(task);
                return true;
            } catch (RejectedExecutionException stopped) {
                // Stopped: input after a stop is dropped by design.
                return false;
            }
        }

        @Override
        public @Nullable ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
            try {
                return executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                return null;
            }
        }

        @Override
        public void shutdownNow() {
            executor.shutdownNow();
        }

        @Override
        public boolean awaitIdle(long timeout, TimeUnit unit) {
            try {
                return executor.awaitTermination(timeout, unit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
