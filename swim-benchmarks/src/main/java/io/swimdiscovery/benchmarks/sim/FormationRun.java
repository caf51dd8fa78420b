package io.swimdiscovery.benchmarks.sim;

import io.swimdiscovery.benchmarks.JsonLine;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.ProtocolCounters;
import io.swimdiscovery.core.sim.NodeTraffic;
import io.swimdiscovery.core.sim.Simulation;
import io.swimdiscovery.core.sim.TraceAnalysis;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code formation} and {@code proof}: a real join of every node (no warm start) through
 * {@code --seeds} seeds within {@code --join-window-s}, each node carrying Spring-like metadata
 * ({@code --metadata spring}: 13 keys). Measures the time until the cluster converged, the bytes
 * each node sent per second during the join window, until convergence and in the
 * {@code --after-s} seconds after it, and when the load fell to {@code --steady-bytes} per node per
 * second for good. {@code proof} then crashes one member (detection at every member), and puts
 * {@code --loss} on every link for {@code --duration-s} (false deaths, load under loss).
 */
final class FormationRun {

    private static final Duration STEP = Duration.ofMillis(100);
    private static final Duration CENSUS_EVERY = Duration.ofSeconds(60);
    /** Per-second samples are kept this long after convergence to find when the load settled. */
    private static final int SETTLE_WINDOW_S = 120;

    private final SimOptions o;
    private final int run;
    private final long seed;

    FormationRun(SimOptions options, int run) {
        this.o = options;
        this.run = run;
        this.seed = options.seed() + run;
    }

    String execute() {
        long wall0 = System.nanoTime();
        int[] seeds = new int[Math.min(o.seeds(), o.nodes())];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = i;
        }
        SuspicionEpisodes suspicions = new SuspicionEpisodes();
        FalseDeathCauses deathCauses = new FalseDeathCauses();
        Simulation sim = Simulation.builder()
                .nodes(o.nodes())
                .seed(seed)
                .settings(o.settings())
                .sizer(o.packetSizer())
                .seeds(seeds)
                .joinWithin(Duration.ofSeconds(o.joinWindowS()))
                .metadata(i -> metadata(o.metadataName(), i))
                // Only deaths are read back from the trace; suspicions are counted as they happen.
                .trace((observer, event) -> event instanceof MembershipEvent.MemberFailed)
                .listener(suspicions)
                .listener(deathCauses)
                .build();
        JsonLine line = new JsonLine()
                .put("scenario", o.scenario())
                .put("n", o.nodes())
                .put("run", run)
                .put("seed", seed)
                .put("seeds", seeds.length)
                .put("join_window_s", o.joinWindowS())
                .put("metadata", o.metadataName())
                .put("metadata_keys", metadata(o.metadataName(), 1).size())
                .put("sizer", o.sizer());

        // Join: one-second traffic samples until convergence (bounded by --duration-s past the window).
        List<NodeTraffic> perSecond = new ArrayList<>();
        perSecond.add(sim.totalTraffic());
        long limit = Duration.ofSeconds(o.joinWindowS() + o.durationS()).toNanos();
        long convergedAt = -1;
        long windowEnd = Duration.ofSeconds(o.joinWindowS()).toNanos();
        Map<String, Long> byTypeInWindow = null;
        while (sim.nowNanos() < limit) {
            sim.runFor(STEP);
            if (byTypeInWindow == null && sim.nowNanos() >= windowEnd) {
                byTypeInWindow = sim.bytesSentByType();
            }
            if (sim.nowNanos() % 1_000_000_000L == 0) {
                perSecond.add(sim.totalTraffic());
            }
            if (sim.nowNanos() >= Duration.ofSeconds(o.joinWindowS()).toNanos() && sim.isConverged()) {
                convergedAt = sim.nowNanos();
                break;
            }
            if (sim.nowNanos() > windowEnd && (sim.nowNanos() - windowEnd) % CENSUS_EVERY.toNanos() == 0) {
                // A join that does not converge: what is still missing, once a minute, to stderr.
                JsonLine census = new JsonLine().put("t_s", sim.nowNanos() / 1e9);
                ViewCensus.put(sim, census);
                System.err.println("# census: " + census);
            }
        }
        long wallJoin = System.nanoTime() - wall0;
        line.putMillis("t_converged_ms", convergedAt).put("converged", convergedAt >= 0);
        putRejections(sim, line);
        if (convergedAt < 0) {
            ViewCensus.put(sim, line);
        }
        if (byTypeInWindow != null && o.joinWindowS() > 0) {
            for (Map.Entry<String, Long> e : byTypeInWindow.entrySet()) {
                line.put("join_bytes_per_node_s_" + e.getKey(), e.getValue() / ((double) o.nodes() * o.joinWindowS()));
            }
        }
        int convergedSecond = perSecond.size() - 1;
        // After: keep sampling to see the load settle, and what the first seconds after are made of.
        Map<String, Long> byTypeAtConvergence = sim.bytesSentByType();
        for (int s = 0; s < Math.max(o.afterS(), SETTLE_WINDOW_S); s++) {
            long next = (sim.nowNanos() / 1_000_000_000L + 1) * 1_000_000_000L;
            sim.runUntilNanos(next);
            perSecond.add(sim.totalTraffic());
            if (s + 1 == o.afterS()) {
                for (Map.Entry<String, Long> e : sim.bytesSentByType().entrySet()) {
                    long d = e.getValue() - byTypeAtConvergence.getOrDefault(e.getKey(), 0L);
                    line.put("after_bytes_per_node_s_" + e.getKey(), d / ((double) o.nodes() * o.afterS()));
                }
            }
        }
        int n = o.nodes();
        line.put("bytes_per_node_s_join_window", rate(perSecond, 0, Math.min(o.joinWindowS(), convergedSecond), n))
                .put("bytes_per_node_s_window_to_converged", rate(perSecond, o.joinWindowS(), convergedSecond, n))
                .put("bytes_per_node_s_after", rate(perSecond, convergedSecond, convergedSecond + o.afterS(), n))
                .put("packets_per_node_s_after", packets(perSecond, convergedSecond, convergedSecond + o.afterS(), n))
                .put("bytes_per_node_s_settled", rate(perSecond, perSecond.size() - 31, perSecond.size() - 1, n))
                .put("t_steady_after_converged_s", settledAfter(perSecond, convergedSecond, n));
        line.put("largest_message_bytes_join", sim.largestMessageBytes())
                .put("largest_message_type_join", sim.largestMessageType())
                .put("wall_ms_join", wallJoin / 1e6)
                .put("heap_mb_after_join", liveHeapMb());
        if (o.scenario().equals("proof")) {
            // A proof at 10,000 runs for hours: what is known so far goes to stderr at each phase's
            // end, so a run stopped during the loss phase still leaves its join and crash figures.
            progress("joined", line);
            proof(sim, suspicions, deathCauses, line);
        }
        return line.put("sim_s", sim.nowNanos() / 1e9)
                .put("wall_ms", (System.nanoTime() - wall0) / 1e6)
                .put("heap_mb_peak", peakHeapMb())
                .toString();
    }

    /** One crash, detected everywhere; then loss on every link for --duration-s. */
    private void proof(Simulation sim, SuspicionEpisodes suspicions, FalseDeathCauses deathCauses, JsonLine line) {
        SplittableRandom choices = new SplittableRandom(seed ^ 0x5EED5EEDL);
        int victimIndex = o.seeds() + choices.nextInt(o.nodes() - o.seeds());
        long at = sim.nowNanos();
        MemberId victim = sim.crash(victimIndex);
        int others = sim.upNodes().size();
        sim.runUntil(
                () -> sim.observersSeeing(victimIndex, MemberStatus.DEAD) == others,
                Duration.ofSeconds(120),
                Duration.ofMillis(20));
        line.putMillis(
                        "t_first_dead_ms",
                        TraceAnalysis.firstDeath(sim, victim, at).orElse(-1))
                .putMillis(
                        "t_all_dead_ms",
                        TraceAnalysis.deathSeenByAll(sim, victim, at).orElse(-1))
                .put("detected_by", sim.observersSeeing(victimIndex, MemberStatus.DEAD))
                .put("survivors", others);
        progress("crash detected", line);
        sim.loss(o.loss());
        suspicions.start(sim);
        deathCauses.start(sim);
        NodeTraffic before = sim.totalTraffic();
        Map<String, Long> byTypeBefore = sim.bytesSentByType();
        for (long s = 0; s < o.durationS(); s += 60) {
            sim.runFor(Duration.ofSeconds(Math.min(60, o.durationS() - s)));
            System.err.printf(
                    "# loss: %d of %d s, %d false deaths so far, %s%n",
                    Math.min(s + 60, o.durationS()),
                    o.durationS(),
                    TraceAnalysis.falseDeaths(sim, at, sim.nowNanos()),
                    deathCauses.put(EngineTotals.put(sim, new JsonLine())));
        }
        suspicions.stop();
        NodeTraffic during = sim.totalTraffic().minus(before);
        double nodeSeconds = (double) sim.upNodes().size() * o.durationS();
        for (Map.Entry<String, Long> e : sim.bytesSentByType().entrySet()) {
            long was = byTypeBefore.getOrDefault(e.getKey(), 0L);
            line.put("loss_bytes_per_node_s_" + e.getKey(), (e.getValue() - was) / nodeSeconds);
        }
        line.put("loss", o.loss())
                .put("loss_s", o.durationS())
                .put("bytes_per_node_s_loss", during.bytesSent() / nodeSeconds)
                .put("packets_per_node_s_loss", during.packetsSent() / nodeSeconds)
                .put("false_suspects_loss", suspicions.count())
                .put("false_deads", TraceAnalysis.falseDeaths(sim, at, sim.nowNanos()))
                .put("converged_at_loss_end", sim.isConverged());
        EngineTotals.put(sim, line);
        deathCauses.put(line);
        sim.loss(0);
        long healed = sim.nowNanos();
        boolean converged = sim.runUntil(sim::isConverged, Duration.ofSeconds(120), Duration.ofMillis(100));
        line.putMillis("t_converged_after_loss_ms", converged ? sim.nowNanos() - healed : -1)
                .put("largest_message_bytes", sim.largestMessageBytes())
                .put("largest_message_type", sim.largestMessageType());
    }

    private static void progress(String phase, JsonLine line) {
        System.err.println("# " + phase + ": " + line + " (so far)");
    }

    /** Claims verified and news rejected by reason, summed over the up nodes: why a join is slow. */
    private static void putRejections(Simulation sim, JsonLine line) {
        long verified = 0;
        Map<String, Long> rejected = new java.util.TreeMap<>();
        for (int i : sim.upNodes()) {
            ProtocolCounters c = sim.swimInstance(i).counters();
            verified += c.claimsVerified();
            c.newsRejected().forEach((k, v) -> rejected.merge(k, v, Long::sum));
        }
        line.put("claims_verified", verified);
        rejected.forEach((k, v) -> line.put("rejected_" + k, v));
    }

    /**
     * Seconds after convergence until the load fell to {@code --steady-bytes} per node per second
     * (5-s average) and stayed there for the rest of the sampled window; -1 if it never did.
     */
    private double settledAfter(List<NodeTraffic> perSecond, int from, int n) {
        int last = perSecond.size() - 1;
        int settled = -1;
        for (int s = last - 5; s >= from; s--) {
            if (rate(perSecond, s, s + 5, n) > o.steadyBytes()) {
                break;
            }
            settled = s;
        }
        return settled < 0 ? -1 : settled - from;
    }

    private static double rate(List<NodeTraffic> perSecond, int from, int to, int n) {
        if (to <= from || to >= perSecond.size()) {
            return Double.NaN;
        }
        return (perSecond.get(to).bytesSent() - perSecond.get(from).bytesSent()) / ((double) n * (to - from));
    }

    private static double packets(List<NodeTraffic> perSecond, int from, int to, int n) {
        if (to <= from || to >= perSecond.size()) {
            return Double.NaN;
        }
        return (perSecond.get(to).packetsSent() - perSecond.get(from).packetsSent()) / ((double) n * (to - from));
    }

    /**
     * Metadata of node {@code i}: none, or 13 keys as a Spring Boot instance publishes them
     * (service id, host, port, scheme, status, management port and path, health path, zone,
     * instance id, version, secure flag, application name), about 330 bytes.
     */
    static Map<String, String> metadata(String kind, int i) {
        if (kind.equals("none")) {
            return Map.of();
        }
        String host = "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255);
        Map<String, String> m = new HashMap<>();
        m.put("swim.service-id", "orders-service");
        m.put("swim.host", host);
        m.put("swim.port", "8080");
        m.put("swim.scheme", "http");
        m.put("swim.status", "UP");
        m.put("management.port", "8081");
        m.put("management.context-path", "/actuator");
        m.put("health.path", "/actuator/health");
        m.put("zone", "zone-" + (i % 3));
        m.put("instance-id", "orders-service:" + host + ":8080:" + Long.toHexString(0x9E3779B97F4A7C15L * (i + 1)));
        m.put("version", "1.4." + (i % 7));
        m.put("secure", "false");
        m.put("spring.application.name", "orders-service");
        return m;
    }

    private static double liveHeapMb() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
    }

    /** Sum over the heap pools of the peak each reached (an upper bound of the peak heap in use). */
    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024.0 * 1024.0);
    }
}
