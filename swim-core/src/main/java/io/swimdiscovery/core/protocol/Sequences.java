package io.swimdiscovery.core.protocol;

import java.util.random.RandomGenerator;

/**
 * Sequence numbers of this node's pings: random values, not a counter, because an answer
 * (ack, nack) names nothing but the sequence. A forger that cannot see the ping cannot guess it,
 * so an answer proves it came from the address the ping went to (or a relay that ping-req'd it).
 */
final class Sequences {

    private final RandomGenerator random;

    Sequences(RandomGenerator random) {
        this.random = random;
    }

    /** 35 random bits: five bytes as a varint on the wire, and 3.4e10 values for a blind forger to guess. */
    static final long BITS_MASK = (1L << 35) - 1;

    long next() {
        long s;
        do {
            s = random.nextLong() & BITS_MASK;
        } while (s == 0);
        return s;
    }
}
