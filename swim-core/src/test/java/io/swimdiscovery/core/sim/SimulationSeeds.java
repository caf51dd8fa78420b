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

    /**
     * {@code count} seeds from {@code defaultFirst} on, for a test that states a median over runs;
     * {@code -Dsim.seed} replays that one seed alone. Call {@link #running} with each as it starts.
     */
    public static long[] seeds(long defaultFirst, int count) {
        Long replay = Long.getLong("sim.seed");
        if (replay != null) {
            return new long[] {replay};
        }
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = defaultFirst + i;
        }
        return seeds;
    }

    /** Remembers {@code seed} as the one a failure now reports. */
    public static void running(long seed) {
        CURRENT.set(seed);
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
