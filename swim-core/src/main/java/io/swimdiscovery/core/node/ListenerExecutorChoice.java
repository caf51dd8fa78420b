package io.swimdiscovery.core.node;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * Where a node's listeners run, and the thread the node must shut down itself, if any. Apart from
 * {@link SwimNode} because the three cases have different owners: the caller's executor and the
 * shared resources' pool belong to the caller, only the node's own daemon thread is the node's.
 * Every case gets one drain of this node's listeners at a time ({@link ListenerDelivery}), so
 * events stay in order.
 *
 * @param executor where {@link ListenerDelivery} drains
 * @param owned the node's own listener thread, to shut down at stop; null when the executor is the caller's
 */
record ListenerExecutorChoice(Executor executor, @Nullable ExecutorService owned) {

    static ListenerExecutorChoice of(NodeConfig config, @Nullable SwimResources shared, String label) {
        Executor given = config.listenerExecutor();
        if (given != null) {
            return new ListenerExecutorChoice(given, null);
        }
        if (shared != null) {
            return new ListenerExecutorChoice(shared.listenerPool(), null);
        }
        ExecutorService own = Executors.newSingleThreadExecutor(EventLoop.daemon("swim-events-" + label));
        return new ListenerExecutorChoice(own, own);
    }
}
