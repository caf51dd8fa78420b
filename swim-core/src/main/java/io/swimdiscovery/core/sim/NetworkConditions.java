package io.swimdiscovery.core.sim;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Loss, latency and partitions of the simulated network. Partitions are kept as a few
 * (from-set, to-set) cuts checked with two bit lookups each, rather than as a set of blocked
 * links, so splitting 10,000 nodes in two costs two bit sets, not fifty million entries.
 */
final class NetworkConditions {

    private record Cut(BitSet from, BitSet to) {}

    private double loss;
    private LatencyModel latency;
    private final Map<Long, Double> linkLoss = new HashMap<>();
    private final Map<Long, LatencyModel> linkLatency = new HashMap<>();
    private final List<Cut> cuts = new ArrayList<>();

    NetworkConditions(double loss, LatencyModel latency) {
        this.loss = checkProbability(loss);
        this.latency = latency;
    }

    void loss(double probability) {
        this.loss = checkProbability(probability);
    }

    double loss() {
        return loss;
    }

    void latency(LatencyModel model) {
        this.latency = model;
    }

    /** Loss of the directed link {@code from -> to}, replacing the global loss there; negative clears it. */
    void linkLoss(int from, int to, double probability) {
        if (probability < 0) {
            linkLoss.remove(link(from, to));
        } else {
            linkLoss.put(link(from, to), checkProbability(probability));
        }
    }

    void linkLatency(int from, int to, LatencyModel model) {
        linkLatency.put(link(from, to), model);
    }

    /** Messages from any node of {@code from} to any node of {@code to} are lost until {@link #heal()}. */
    void cut(BitSet from, BitSet to) {
        cuts.add(new Cut((BitSet) from.clone(), (BitSet) to.clone()));
    }

    void heal() {
        cuts.clear();
    }

    boolean isCut(int from, int to) {
        for (int i = 0, n = cuts.size(); i < n; i++) {
            Cut c = cuts.get(i);
            if (c.from.get(from) && c.to.get(to)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a best-effort datagram is lost; draws from the sender's stream only when loss is possible. */
    boolean drops(int from, int to, RandomGenerator random) {
        double p = loss;
        if (!linkLoss.isEmpty()) {
            Double l = linkLoss.get(link(from, to));
            if (l != null) {
                p = l;
            }
        }
        return p > 0 && random.nextDouble() < p;
    }

    long latencyNanos(int from, int to, RandomGenerator random) {
        LatencyModel model = latency;
        if (!linkLatency.isEmpty()) {
            LatencyModel l = linkLatency.get(link(from, to));
            if (l != null) {
                model = l;
            }
        }
        long nanos = model.sampleNanos(random);
        return Math.max(0, nanos);
    }

    private static long link(int from, int to) {
        return ((long) from << 32) | (to & 0xFFFFFFFFL);
    }

    private static double checkProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], was " + p);
        }
        return p;
    }
}
