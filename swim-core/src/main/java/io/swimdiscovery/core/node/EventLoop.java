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
 * The node's one protocol thread. Every input to the engine (a packet, a timer, a call from the
 * API) is a task here, so the engine needs no lock and sees its inputs in one order. After
 * {@link #shutdownNow()} new tasks are dropped, by design: input after a stop is meaningless.
 */
final class EventLoop {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final ScheduledThreadPoolExecutor executor;
    private final ThrottledErrorLog errors = new ThrottledErrorLog(LOG);
    private volatile @Nullable Thread thread;

    EventLoop(String label) {
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "swim-node-" + label);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Whether the caller is the loop itself (a call from a loop task must not wait for the loop). */
    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Queues {@code task}; after a stop it is dropped. Exceptions are logged, never thrown.
     *
     * @return whether the task was queued (false once the loop stopped)
     */
    boolean submit(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    errors.error(e.getClass().getName(), "SWIM event loop task failed; continuing", e);
                }
            });
            return true;
        } catch (RejectedExecutionException stopped) {
            // Stopped: input after a stop is dropped by design.
            return false;
        }
    }

    /** Runs {@code task} after {@code delayNanos}; null if the loop is stopping (nothing to run then). */
    @Nullable
    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        try {
            return executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            return null;
        }
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
        try {
            executor.execute(() -> {
                try {
                    f.complete(call.get());
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
            return f.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("node is closed", e);
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
        executor.shutdownNow();
        if (!inLoop()) {
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, "SWIM event loop did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
