package io.swimdiscovery.core.sim;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from the one simulation seed, keyed by component and node,
 * so adding a random draw in one place (a node's engine, another node's network) never shifts the
 * draws anywhere else, and a failing run replays from its seed alone.
 */
final class RandomStreams {

    static final long ENGINE = 0x454e47494e45L;
    static final long NETWORK = 0x4e4554574f524bL;
    static final long SCENARIO = 0x5343454e4152L;
    static final long IDENTITY = 0x4944454e54L;

    private final long seed;

    RandomStreams(long seed) {
        this.seed = seed;
    }

    long seed() {
        return seed;
    }

    /** A stream for {@code component} of node {@code index} in its {@code generation}-th process start. */
    SplittableRandom fork(long component, int index, int generation) {
        long h = mix(seed ^ mix(component));
        h = mix(h ^ mix(index + 0x9E3779B97F4A7C15L));
        h = mix(h ^ mix(generation * 0xBF58476D1CE4E5B9L + 1));
        return new SplittableRandom(h);
    }

    /** SplitMix64's finaliser: a bijective mix with good avalanche, so nearby keys give unrelated streams. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
