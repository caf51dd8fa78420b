package io.swimdiscovery.core.node;

import io.netty.channel.EventLoopGroup;
import io.swimdiscovery.core.transport.NettyTransport;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that many {@link SwimNode}s in one process share ({@link SwimNode.Builder#sharedResources}),
 * so a thousand nodes in one JVM (tests, benchmarks, an embedding that runs one node per tenant)
 * need a handful of threads instead of three per node:
 *
 * <ul>
 *   <li>a protocol pool that runs every node's event loop: each node's tasks still run one at a
 *       time and in order, so each engine sees exactly what it would on a thread of its own;
 *   <li>one timer thread that fires every node's timers onto its loop;
 *   <li>a Netty I/O group for every node's sockets;
 *   <li>a listener pool where each node's listeners run (in order per node), unless the node has
 *       a {@link SwimNode.Builder#listenerExecutor listener executor} of its own;
 *   <li>a helper pool for the blocking work of joining (seed DNS look-ups).
 * </ul>
 *
 * <p>Owned by whoever created it: nodes never close it. Close every node first, then this; a node
 * still running when its resources close stops processing (its tasks are refused) and should be
 * halted. A user listener that blocks delays only the other nodes' listeners, never a probe.
 */
public final class SwimResources implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final int protocolThreads;
    private final int ioThreads;
    private final ExecutorService protocolPool;
    private final ScheduledThreadPoolExecutor timers;
    private final EventLoopGroup ioGroup;
    private final ExecutorService listenerPool;
    private final ExecutorService helperPool;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SwimResources(int protocolThreads, int ioThreads) {
        if (protocolThreads < 1 || protocolThreads > 1024) {
            throw new IllegalArgumentException("protocolThreads must be 1..1024, was " + protocolThreads);
        }
        if (ioThreads < 1 || ioThreads > 1024) {
            throw new IllegalArgumentException("ioThreads must be 1..1024, was " + ioThreads);
        }
        this.protocolThreads = protocolThreads;
        this.ioThreads = ioThreads;
        String id = "swim-shared" + COUNTER.incrementAndGet();
        this.protocolPool = Executors.newFixedThreadPool(protocolThreads, numbered(id + "-loop-"));
        this.timers = new ScheduledThreadPoolExecutor(1, numbered(id + "-timer-"));
        timers.setRemoveOnCancelPolicy(true);
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.ioGroup = NettyTransport.newEventLoopGroup(ioThreads, id + "-io");
        this.listenerPool = Executors.newFixedThreadPool(Math.min(2, protocolThreads), numbered(id + "-events-"));
        this.helperPool = Executors.newFixedThreadPool(2, numbered(id + "-seeds-"));
    }

    /**
     * Resources sized for this machine: as many protocol threads as processors, and up to two
     * I/O threads (a node does little I/O; Netty's default of twice the processors is for servers).
     */
    public static SwimResources create() {
        int cpus = Runtime.getRuntime().availableProcessors();
        return new SwimResources(cpus, Math.max(1, Math.min(2, cpus)));
    }

    /**
     * Resources with the given thread counts.
     *
     * @throws IllegalArgumentException if a count is not 1..1024
     */
    public static SwimResources create(int protocolThreads, int ioThreads) {
        return new SwimResources(protocolThreads, ioThreads);
    }

    /** Threads that run the nodes' event loops. */
    public int protocolThreads() {
        return protocolThreads;
    }

    /** Netty I/O threads. */
    public int ioThreads() {
        return ioThreads;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Stops every thread (bounded: waits up to 5 s for the I/O group). Close the nodes first.
     * Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timers.shutdownNow();
        protocolPool.shutdownNow();
        helperPool.shutdownNow();
        listenerPool.shutdown();
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "SwimResources[protocolThreads=" + protocolThreads + ", ioThreads=" + ioThreads
                + (closed.get() ? ", closed" : "") + "]";
    }

    /** @throws IllegalStateException if closed: a node cannot start on stopped threads */
    void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the shared SwimResources are closed");
        }
    }

    Executor protocolPool() {
        return protocolPool;
    }

    ScheduledThreadPoolExecutor timers() {
        return timers;
    }

    EventLoopGroup ioGroup() {
        return ioGroup;
    }

    Executor listenerPool() {
        return listenerPool;
    }

    Executor helperPool() {
        return helperPool;
    }

    private static ThreadFactory numbered(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
