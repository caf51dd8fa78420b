package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.SwimInstance;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The graceful part of a leave: tells the engine, then polls until the engine says the news went
 * out or the timeout passed. Bounded whatever happens on the loop (a stop meanwhile, an engine
 * error): the future completes by {@code timeout + 1 s} at the latest. Stopping the node is the
 * caller's next step.
 */
final class LeaveSequence {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private LeaveSequence() {}

    static CompletableFuture<Void> start(
            NodeState state, EventLoop loop, DirectiveRunner runner, MembershipView view, Duration timeout) {
        CompletableFuture<Void> disseminated = new CompletableFuture<>();
        disseminated.completeOnTimeout(null, timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        long deadline = NodeState.now() + timeout.toNanos();
        loop.submit(() -> {
            SwimInstance engine = state.engine;
            if (engine == null) {
                disseminated.complete(null);
                return;
            }
            view.markDirty();
            runner.execute(engine.leave(NodeState.now()));
            poll(loop, engine, disseminated, deadline);
        });
        return disseminated;
    }

    private static void poll(EventLoop loop, SwimInstance engine, CompletableFuture<Void> done, long deadline) {
        try {
            if (engine.hasLeaveDisseminated() || NodeState.now() - deadline >= 0) {
                done.complete(null);
                return;
            }
            ScheduledFuture<?> next = loop.schedule(() -> poll(loop, engine, done, deadline), POLL_NANOS);
            if (next == null) {
                done.complete(null);
            }
        } catch (RuntimeException engineError) {
            done.complete(null);
        }
    }
}
