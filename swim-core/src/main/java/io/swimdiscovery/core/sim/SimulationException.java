package io.swimdiscovery.core.sim;

/**
 * A simulated protocol threw. The message names the node, the virtual time and the seed, so the
 * failure replays with the same seed.
 */
public final class SimulationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SimulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
