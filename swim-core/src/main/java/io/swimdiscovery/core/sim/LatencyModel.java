package io.swimdiscovery.core.sim;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * One-way delay of a simulated datagram. Draws come from the sending node's own network stream,
 * so a model is a pure function of that stream and every run replays from its seed.
 */
@FunctionalInterface
public interface LatencyModel {

    /** Delay of one datagram, in nanoseconds, never negative. */
    long sampleNanos(RandomGenerator random);

    /** Every datagram takes exactly {@code delay}. */
    static LatencyModel constant(Duration delay) {
        long nanos = nonNegative(delay, "delay");
        return random -> nanos;
    }

    /**
     * {@code base} plus a uniform jitter in {@code [0, jitter)}; with probability {@code spikeProbability}
     * a further uniform delay in {@code [0, spike)}, for the occasional slow packet (a busy switch, a
     * retransmitting NIC) that makes probe timeouts fire on a healthy network.
     */
    static LatencyModel jittered(Duration base, Duration jitter, double spikeProbability, Duration spike) {
        long baseNanos = nonNegative(base, "base");
        long jitterNanos = nonNegative(jitter, "jitter");
        long spikeNanos = nonNegative(spike, "spike");
        if (!(spikeProbability >= 0 && spikeProbability <= 1)) {
            throw new IllegalArgumentException("spikeProbability must be in [0, 1], was " + spikeProbability);
        }
        return random -> {
            long delay = baseNanos;
            if (jitterNanos > 0) {
                delay += random.nextLong(jitterNanos);
            }
            if (spikeNanos > 0 && spikeProbability > 0 && random.nextDouble() < spikeProbability) {
                delay += random.nextLong(spikeNanos);
            }
            return delay;
        };
    }

    /**
     * A data-center LAN: 200 µs plus up to 800 µs of jitter, and one packet in 200 delayed by up to
     * 100 ms more. The default of {@link Simulation.Builder}.
     */
    static LatencyModel lan() {
        return jittered(Duration.ofNanos(200_000), Duration.ofNanos(800_000), 0.005, Duration.ofMillis(100));
    }

    private static long nonNegative(Duration d, String name) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
        return d.toNanos();
    }
}
