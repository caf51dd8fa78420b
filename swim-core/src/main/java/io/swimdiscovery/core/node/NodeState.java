package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.RoleState;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.transport.Transport;
import org.jspecify.annotations.Nullable;

/**
 * What the node's parts share once it runs: the engine, the bound transport, and whether it runs.
 * The engine is touched only on the event loop; the rest is volatile because the API and the
 * transport threads read it.
 */
final class NodeState {

    /** Owned by the event loop: set by the start task, read only by loop tasks. */
    @Nullable
    SwimInstance engine;

    volatile @Nullable Transport transport;
    volatile @Nullable Address selfAddress;
    volatile boolean running;
    /** The engine's role state as of its last input, published before that input's sends go out. */
    volatile RoleState roleState = RoleState.NONE;

    volatile boolean closed;

    /**
     * The engine's clock, and so the clock of every {@code Member.statusChangedAtNanos()}: this
     * JVM's {@link System#nanoTime()}, monotonic and comparable only within this process.
     */
    static long now() {
        return System.nanoTime();
    }

    /** @throws IllegalStateException unless the node runs, saying whether it was closed or never started */
    void requireRunning() {
        if (!running) {
            throw new IllegalStateException(closed ? "node is closed" : "node is not started; call start() first");
        }
    }

    /** Where the node is in its life, for {@code toString}. */
    String phase() {
        return running ? "running" : closed ? "closed" : "not started";
    }

    /** The engine if the node runs, for a loop task; null once it stopped. */
    @Nullable
    SwimInstance runningEngine() {
        return running ? engine : null;
    }
}
