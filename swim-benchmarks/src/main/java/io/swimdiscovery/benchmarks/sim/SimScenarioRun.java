package io.swimdiscovery.benchmarks.sim;

import io.swimdiscovery.benchmarks.JsonLine;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.ProtocolCounters;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.sim.HeartbeatDetector;
import io.swimdiscovery.core.sim.NodeTraffic;
import io.swimdiscovery.core.sim.ProcessLifetime;
import io.swimdiscovery.core.sim.Simulation;
import io.swimdiscovery.core.sim.TraceAnalysis;
import io.swimdiscovery.core.sim.TraceFilter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * One seeded run of one scenario: form the cluster, warm up, measure steady-state traffic, inject
 * the scenario's fault, measure what users would notice. Every phase is bounded in virtual time,
 * so a run always stops by itself.
 */
final class SimScenarioRun {

    private static final Duration FORMATION_LIMIT = Duration.ofMinutes(5);

    /** Virtual seconds between two progress lines of the {@code loss} scenario. */
    private static final long LOSS_PROGRESS_S = 10;

    private final SimOptions o;
    private final int run;
    private final long seed;
    private final SwimSettings settings;
    private final long periodNanos;

    private long tJoin = -1;
    private @Nullable NodeTraffic joinerTraffic;
    private long tFirstSuspect = -1;
    private long tFirstDead = -1;
    private long tAllDead = -1;
    private long tHeal = -1;
    private NodeTraffic steadyTraffic = new NodeTraffic(0, 0, 0, 0, 0);
    private long steadyWallNanos;
    private double steadySeconds = 1;
    private int steadyNodes = 1;
    private long falseSuspects = -1;
    private long falseDeads;
    private double probeFailRate = Double.NaN;
    /** False suspicions of the {@code loss} scenario, counted as they happen. */
    private final SuspicionEpisodes suspicions = new SuspicionEpisodes();
    /** Why live members were declared dead in the {@code loss} scenario. */
    private final FalseDeathCauses deathCauses = new FalseDeathCauses();

    private boolean converged;
    /** pause: whether anyone declared the paused (live) member dead. */
    private @Nullable Boolean victimDeclaredDead;
    /** sync: anti-entropy (sync and sync digest) bytes and messages per second, cluster-wide. */
    private double syncBytesBefore = Double.NaN;

    private double syncBytesAfter = Double.NaN;
    private double syncBytesAfterPeak = Double.NaN;
    private double syncPacketsBefore = Double.NaN;
    private double syncPacketsAfter = Double.NaN;

    SimScenarioRun(SimOptions options, int run) {
        this.o = options;
        this.run = run;
        this.seed = options.seed() + run;
        this.settings = options.settings();
        this.periodNanos = settings.protocolPeriod().toNanos();
    }

    String execute() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        boolean join = o.scenario().equals("join");
        int slots = join ? o.nodes() + 1 : o.nodes();
        Simulation.Builder builder = Simulation.builder()
                .nodes(slots)
                .seed(seed)
                .settings(settings)
                .preformed(o.isPreformed())
                .sizer(o.packetSizer())
                .metadata(i -> FormationRun.metadata(o.metadataName(), i))
                .trace(TraceFilter.withoutJoins());
        if (join) {
            String joinerName = "node-" + o.nodes();
            builder.notStarted(o.nodes())
                    .trace((observer, e) -> !(e instanceof MembershipEvent.MemberJoined)
                            || e.member().name().equals(joinerName));
        }
        if (o.scenario().equals("loss")) {
            // Every node publishes every false suspicion and its refutation: at 10,000 nodes that
            // trace outgrew the heap, so this scenario keeps deaths only and counts suspicions live.
            builder.trace((observer, e) -> e instanceof MembershipEvent.MemberFailed)
                    .listener(suspicions)
                    .listener(deathCauses);
        }
        if (o.impl().equals("heartbeat")) {
            builder.protocol(HeartbeatDetector.factory(o.heartbeatLimit()));
        }
        Simulation sim = builder.build();
        SplittableRandom choices = new SplittableRandom(seed ^ 0x5EED5EEDL);

        form(sim);
        sim.loss(o.loss());
        deathCauses.start(sim);
        sim.runFor(Duration.ofSeconds(o.warmupS()));
        long steadyFrom = sim.nowNanos();
        measureSteady(sim);
        switch (o.scenario()) {
            case "crash" -> crash(sim, choices, false);
            case "kill" -> crash(sim, choices, true);
            case "pause" -> pause(sim, choices);
            case "sync" -> sync(sim, choices);
            case "join" -> join(sim);
            case "leave" -> leave(sim, choices);
            case "partition" -> partition(sim);
            case "loss" -> lossOnly(sim);
            case "slow" -> slow(sim);
            default -> throw new IllegalStateException(o.scenario());
        }
        if (falseSuspects < 0) {
            falseSuspects = TraceAnalysis.falseSuspicions(sim, steadyFrom, sim.nowNanos());
            falseDeads = TraceAnalysis.falseDeaths(sim, steadyFrom, sim.nowNanos());
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - wall0;
        System.gc();
        Runtime rt = Runtime.getRuntime();
        double heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
        double simSeconds = sim.nowNanos() / 1e9;
        boolean swim = o.impl().equals("swim");

        JsonLine line = new JsonLine()
                .put("impl", o.impl())
                .put("scenario", o.scenario())
                .put("n", o.nodes())
                .put("run", run)
                .put("seed", seed)
                .put("loss", o.loss())
                .put("lifeguard", o.lifeguard())
                .put("k", o.indirectProbes())
                .put("preformed", o.isPreformed())
                .put("sizer", o.sizer())
                .put("settings", o.settingsName());
        if (o.scenario().equals("pause")) {
            line.put("pause_ms", o.pauseMs()).put("victim_declared_dead", Boolean.TRUE.equals(victimDeclaredDead));
        }
        if (o.scenario().equals("sync")) {
            line.put("sync_bytes_per_s_before", syncBytesBefore)
                    .put("sync_bytes_per_s_after", syncBytesAfter)
                    .put("sync_bytes_per_s_after_peak_10s", syncBytesAfterPeak)
                    .put("sync_packets_per_s_before", syncPacketsBefore)
                    .put("sync_packets_per_s_after", syncPacketsAfter);
        }
        if (!swim) {
            line.put("hb_limit", o.heartbeatLimit());
        }
        if (joinerTraffic != null) {
            line.put("metadata", o.metadataName())
                    .put("joiner_bytes_received", joinerTraffic.bytesReceived())
                    .put("joiner_packets_received", joinerTraffic.packetsReceived())
                    .put("joiner_bytes_sent", joinerTraffic.bytesSent())
                    .put("joiner_packets_sent", joinerTraffic.packetsSent())
                    .put("largest_message_bytes", sim.largestMessageBytes())
                    .put("largest_message_type", sim.largestMessageType());
        }
        line.putMillis("t_join_ms", tJoin)
                .putMillis("t_first_suspect_ms", swim ? tFirstSuspect : -1)
                .putMillis("t_first_dead_ms", tFirstDead)
                .putMillis("t_all_dead_ms", tAllDead)
                .putMillis("t_heal_ms", tHeal)
                .put("rounds_join", tJoin < 0 ? Double.NaN : tJoin / (double) periodNanos)
                .put("bytes_per_node_s", steadyTraffic.bytesSent() / (steadyNodes * steadySeconds))
                .put("packets_per_node_s", steadyTraffic.packetsSent() / (steadyNodes * steadySeconds))
                .put("packets_per_period", steadyTraffic.packetsSent() / (steadySeconds * 1e9 / periodNanos))
                .put("probe_fail_rate", probeFailRate)
                .put("cpu_s", cpu / 1e9)
                .put("heap_mb", heapMb);
        if (swim) {
            line.put("false_suspects", falseSuspects);
        } else {
            line.putNull("false_suspects");
        }
        if (swim) {
            EngineTotals.put(sim, line);
            if (o.scenario().equals("loss")) {
                deathCauses.put(line);
            }
        }
        return line.put("false_deads", falseDeads)
                .put("converged", converged)
                .put("sim_s", simSeconds)
                .put("wall_ms", wall / 1e6)
                .put("wall_us_per_node_s", wall / 1e3 / (o.nodes() * simSeconds))
                .put("steady_wall_us_per_node_s", steadyWallNanos / 1e3 / (steadyNodes * steadySeconds))
                .toString();
    }

    private void form(Simulation sim) {
        converged = sim.runUntil(sim::isConverged, FORMATION_LIMIT, Duration.ofMillis(100));
        if (converged && !o.isPreformed()) {
            long lastStart = 0;
            for (ProcessLifetime l : sim.lifetimes()) {
                lastStart = Math.max(lastStart, l.startedAtNanos());
            }
            tJoin = sim.nowNanos() - lastStart;
        }
    }

    private void measureSteady(Simulation sim) {
        NodeTraffic before = sim.totalTraffic();
        long wall0 = System.nanoTime();
        sim.runFor(Duration.ofSeconds(o.steadyS()));
        steadyWallNanos = System.nanoTime() - wall0;
        steadyTraffic = sim.totalTraffic().minus(before);
        steadySeconds = o.steadyS();
        steadyNodes = sim.upNodes().size();
    }

    /** One member other than the seed stops: its host goes away ({@code crash}) or only its process ({@code kill}). */
    private void crash(Simulation sim, SplittableRandom choices, boolean processOnly) {
        int victimIndex = 1 + choices.nextInt(o.nodes() - 1);
        long at = sim.nowNanos();
        MemberId victim = processOnly ? sim.kill(victimIndex) : sim.crash(victimIndex);
        int others = sim.upNodes().size();
        sim.runUntil(
                () -> sim.observersSeeing(victimIndex, MemberStatus.DEAD) == others,
                Duration.ofSeconds(o.durationS()),
                Duration.ofMillis(20));
        tFirstSuspect = orNegative(TraceAnalysis.firstSuspicion(sim, victim, at));
        tFirstDead = orNegative(TraceAnalysis.firstDeath(sim, victim, at));
        tAllDead = orNegative(TraceAnalysis.deathSeenByAll(sim, victim, at));
    }

    /**
     * One member other than the seed stops processing for {@code --pause-ms} (a GC pause), at a
     * seeded random phase of the protocol period; then {@code --duration-s} more to let any
     * suspicion run out. The member is alive throughout: any death declared is false.
     */
    private void pause(Simulation sim, SplittableRandom choices) {
        int victimIndex = 1 + choices.nextInt(o.nodes() - 1);
        sim.runFor(Duration.ofNanos(choices.nextLong(periodNanos)));
        long at = sim.nowNanos();
        MemberId victim = Objects.requireNonNull(sim.memberId(victimIndex));
        sim.pause(victimIndex, Duration.ofMillis(o.pauseMs()));
        sim.runFor(Duration.ofMillis(o.pauseMs()).plusSeconds(o.durationS()));
        tFirstSuspect = orNegative(TraceAnalysis.firstSuspicion(sim, victim, at));
        tFirstDead = orNegative(TraceAnalysis.firstDeath(sim, victim, at));
        victimDeclaredDead = tFirstDead >= 0;
        falseSuspects = TraceAnalysis.falseSuspicions(sim, at, sim.nowNanos(), id -> !id.equals(victim));
        falseDeads = TraceAnalysis.falseDeaths(sim, at, sim.nowNanos(), id -> !id.equals(victim));
        converged = sim.isConverged();
    }

    /**
     * Anti-entropy traffic (sync and sync digest messages, every member together) over
     * {@code --steady-s} before one member other than the seed crashes and over {@code --duration-s}
     * after, with the busiest 10-s window after the crash.
     */
    private void sync(Simulation sim, SplittableRandom choices) {
        long[] before0 = syncCounters(sim);
        sim.runFor(Duration.ofSeconds(o.steadyS()));
        long[] before1 = syncCounters(sim);
        syncBytesBefore = (before1[0] - before0[0]) / (double) o.steadyS();
        syncPacketsBefore = (before1[1] - before0[1]) / (double) o.steadyS();
        int victimIndex = 1 + choices.nextInt(o.nodes() - 1);
        long at = sim.nowNanos();
        MemberId victim = sim.crash(victimIndex);
        long[] last = before1;
        double peak = 0;
        for (int s = 0; s < o.durationS(); s += 10) {
            int window = Math.min(10, o.durationS() - s);
            sim.runFor(Duration.ofSeconds(window));
            long[] now = syncCounters(sim);
            peak = Math.max(peak, (now[0] - last[0]) / (double) window);
            last = now;
        }
        syncBytesAfter = (last[0] - before1[0]) / (double) o.durationS();
        syncPacketsAfter = (last[1] - before1[1]) / (double) o.durationS();
        syncBytesAfterPeak = peak;
        tFirstDead = orNegative(TraceAnalysis.firstDeath(sim, victim, at));
        tAllDead = orNegative(TraceAnalysis.deathSeenByAll(sim, victim, at));
    }

    /** Bytes and messages of type Sync (full syncs and digests) sent since the start. */
    private static long[] syncCounters(Simulation sim) {
        return new long[] {
            sim.bytesSentByType().getOrDefault("Sync", 0L),
            sim.packetsSentByType().getOrDefault("Sync", 0L)
        };
    }

    private void join(Simulation sim) {
        long at = sim.nowNanos();
        sim.start(o.nodes());
        boolean ok = sim.runUntil(sim::isConverged, Duration.ofSeconds(o.durationS()), Duration.ofMillis(20));
        tJoin = ok ? sim.nowNanos() - at : -1;
        converged = ok;
        // What the joiner paid, from its start until the cluster converged: the seed's full state
        // (in chunks) and the acks to every member's check of its claim.
        joinerTraffic = sim.traffic(o.nodes());
    }

    private void leave(Simulation sim, SplittableRandom choices) {
        int leaverIndex = 1 + choices.nextInt(o.nodes() - 1);
        long at = sim.nowNanos();
        MemberId leaver = sim.memberId(leaverIndex);
        sim.leave(leaverIndex);
        sim.runUntil(
                () -> !sim.isUp(leaverIndex) && sim.isConverged(),
                Duration.ofSeconds(o.durationS()),
                Duration.ofMillis(20));
        tAllDead = orNegative(TraceAnalysis.removalSeenByAll(sim, leaver, at));
        tFirstSuspect = orNegative(TraceAnalysis.firstSuspicion(sim, leaver, at));
        tFirstDead = orNegative(TraceAnalysis.firstDeath(sim, leaver, at));
        converged = sim.isConverged();
    }

    private void partition(Simulation sim) {
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        for (int i = 0; i < o.nodes(); i++) {
            (i % 2 == 0 ? a : b).add(i);
        }
        sim.partition(a, b);
        sim.runFor(Duration.ofSeconds(o.durationS()));
        sim.heal();
        long healedAt = sim.nowNanos();
        converged = sim.runUntil(sim::isConverged, FORMATION_LIMIT, Duration.ofMillis(100));
        tHeal = converged ? sim.nowNanos() - healedAt : -1;
        // Deaths across the cut are expected during a partition, not false.
        falseSuspects = 0;
        falseDeads = 0;
    }

    private void lossOnly(Simulation sim) {
        long from = sim.nowNanos();
        long[] before = probeCounts(sim);
        suspicions.start(sim);
        long wall0 = System.nanoTime();
        // In steps, with a progress line on stderr after each: at 10,000 nodes a virtual minute of
        // loss takes most of an hour of wall time, and the figures so far say whether to go on.
        for (long s = 0; s < o.durationS(); s += LOSS_PROGRESS_S) {
            long step = Math.min(LOSS_PROGRESS_S, o.durationS() - s);
            sim.runFor(Duration.ofSeconds(step));
            System.err.printf(
                    "# loss: %d of %d s, wall %d s, %d false suspicions and %d false deaths so far, %s%n",
                    s + step,
                    o.durationS(),
                    (System.nanoTime() - wall0) / 1_000_000_000L,
                    suspicions.count(),
                    TraceAnalysis.falseDeaths(sim, from, sim.nowNanos()),
                    deathCauses.put(EngineTotals.put(sim, new JsonLine())));
        }
        long[] after = probeCounts(sim);
        if (after[0] > before[0]) {
            probeFailRate = (after[1] - before[1]) / (double) (after[0] - before[0]);
        }
        suspicions.stop();
        falseSuspects = suspicions.count();
        falseDeads = TraceAnalysis.falseDeaths(sim, from, sim.nowNanos());
        converged = sim.isConverged();
    }

    private void slow(Simulation sim) {
        Set<String> slow = new HashSet<>();
        int count = Math.max(1, o.nodes() / 20);
        for (int i = 0; i < count; i++) {
            int index = (int) ((long) i * o.nodes() / count) + 1;
            sim.slow(index, Duration.ofMillis(o.slowMs()));
            slow.add(sim.name(index));
        }
        long from = sim.nowNanos();
        sim.runFor(Duration.ofSeconds(o.durationS()));
        // Accuracy about the healthy members: the slow ones are suspected for a reason.
        falseSuspects = TraceAnalysis.falseSuspicions(sim, from, sim.nowNanos(), id -> !slow.contains(id.name()));
        falseDeads = TraceAnalysis.falseDeaths(sim, from, sim.nowNanos(), id -> !slow.contains(id.name()));
    }

    /** Probes sent and probes failed, summed over the up nodes; zeros when the nodes do not run SWIM. */
    private long[] probeCounts(Simulation sim) {
        long[] counts = new long[2];
        if (o.impl().equals("swim")) {
            for (int i : sim.upNodes()) {
                ProtocolCounters c = sim.swimInstance(i).counters();
                counts[0] += c.probes();
                counts[1] += c.probesFailed();
            }
        }
        return counts;
    }

    private static long orNegative(OptionalLong t) {
        return t.orElse(-1);
    }
}
