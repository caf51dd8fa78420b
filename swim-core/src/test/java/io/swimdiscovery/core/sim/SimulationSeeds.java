package io.swimdiscovery.core.sim;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Seeds for simulation tests: each test names its default seed, {@code -Dsim.seed=N} replaces it
 * to replay or explore, and a failing test prints the seed it ran with. Register with
 * {@code @ExtendWith(SimulationSeeds.class)}.
 */
public final class SimulationSeeds implements TestWatcher {

    private static final ThreadLocal<Long> CURRENT = new ThreadLocal<>();

    /** The seed to run with: {@code -Dsim.seed} if given, else {@code defaultSeed}; remembered for the report. */
    public static long seed(long defaultSeed) {
        long seed = Long.getLong("sim.seed", defaultSeed);
        CURRENT.set(seed);
        return seed;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Long seed = CURRENT.get();
        System.err.println(context.getDisplayName() + " failed with seed " + seed + "; replay with -Dsim.seed=" + seed
                + " -Dtest=" + context.getRequiredTestClass().getSimpleName() + "#"
                + context.getRequiredTestMethod().getName());
        CURRENT.remove();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        CURRENT.remove();
    }
}
