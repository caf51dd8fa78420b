package io.swimdiscovery.benchmarks.real;

import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.node.SwimResources;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.seed.SeedProvider;
import io.swimdiscovery.core.transport.FaultInjectingTransport;
import io.swimdiscovery.core.transport.NetworkFaults;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One run of a scenario with N real {@link SwimNode}s on 127.0.0.1 in this JVM, every node behind
 * a traffic meter and a fault-injecting transport. Every phase has a deadline, so a run stops by
 * itself even when the cluster does not converge (the missing figure is then null).
 *
 * <p>Times come from the engine: {@code statusChangedAtNanos} of the member in each event is the
 * {@code System.nanoTime()} at which that node's engine decided the change, so listener delivery
 * delays do not inflate detection times.
 */
final class RealScenario {

    enum Kind {
        CRASH,
        LOSS,
        JOIN,
        LEAVE
    }

    private final Duration joinDeadline;
    private final Duration detectDeadline;
    private final Duration settleDeadline;
    /** Between two looks at every node's view: a look at n views of n members is O(n²). */
    private final long pollMillis;
    /** Protocol threads of the shared {@link SwimResources}, or 0: every node on threads of its own. */
    private final int sharedThreads;
    /** Nodes that join at once (0: all); the next wave waits until the seed lists this one. */
    private final int joinBatch;

    private final Kind kind;
    private final int n;
    private final double loss;
    private final Duration steady;
    private final Duration warmup;
    private final SwimSettings settings;
    private final Random random;

    RealScenario(
            Kind kind,
            int n,
            double loss,
            Duration warmup,
            Duration steady,
            SwimSettings settings,
            long seed,
            int sharedThreads,
            int joinBatch,
            int joinDeadlineS) {
        this.kind = kind;
        this.sharedThreads = sharedThreads;
        this.joinBatch = joinBatch;
        // Deadlines grow with n: a thousand nodes on two cores form more slowly than a hundred.
        this.joinDeadline = Duration.ofSeconds(joinDeadlineS > 0 ? joinDeadlineS : Math.max(120, n / 2));
        this.detectDeadline = Duration.ofSeconds(120);
        this.settleDeadline = Duration.ofSeconds(Math.max(60, n / 4));
        this.pollMillis = Math.max(50, n / 2);
        this.n = n;
        this.loss = loss;
        this.steady = steady;
        this.warmup = warmup;
        this.settings = settings;
        this.random = new Random(seed);
    }

    /** A suspicion or death one node's engine decided. */
    private record Seen(String observer, MembershipEvent event) {}

    RealRunResult run(int runIndex) throws InterruptedException {
        NetworkFaults faults = new NetworkFaults();
        TrafficMeter meter = new TrafficMeter();
        ExecutorService listenerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-events");
            t.setDaemon(true);
            return t;
        });
        List<SwimNode> nodes = new ArrayList<>();
        // Appended by the listener thread, read by this one. Not a CopyOnWriteArrayList: at
        // n = 1000 a join produces hundreds of thousands of events, and copying the whole array
        // per event made the harness itself the largest allocator in the JVM.
        Queue<Seen> seen = new ConcurrentLinkedQueue<>();
        Map<String, Boolean> gone = new ConcurrentHashMap<>();
        RealRunResult result = new RealRunResult()
                .put("impl", "swim")
                .put("scenario", kind.name().toLowerCase())
                .put("n", n)
                .put("run", runIndex);
        long heapBaseline = usedHeapAfterGc();
        @Nullable
        SwimResources shared = sharedThreads > 0
                ? SwimResources.create(
                        sharedThreads,
                        Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())))
                : null;
        result.put("shared_threads", sharedThreads);
        try {
            // Form the cluster: every node joins through the first one.
            for (int i = 0; i < n; i++) {
                String name = "node-" + i;
                SwimNode.Builder b = SwimNode.builder()
                        .name(name)
                        .bindHost("127.0.0.1")
                        .bindPort(0)
                        .settings(settings)
                        .listenerExecutor(listenerThread)
                        .joinTimeout(joinDeadline)
                        .sharedResources(shared)
                        .transportDecorator(t -> meter.wrap(new FaultInjectingTransport(t, faults)));
                if (i > 0) {
                    b.seeds(SeedProvider.of(List.of(nodes.get(0).localMember().address())));
                }
                SwimNode node = b.build();
                node.addListener(e -> {
                    if (e instanceof MembershipEvent.MemberSuspected
                            || e instanceof MembershipEvent.MemberFailed
                            || e instanceof MembershipEvent.MemberLeft) {
                        seen.add(new Seen(name, e));
                    }
                });
                node.start();
                nodes.add(node);
            }
            List<CompletableFuture<Void>> joins = new ArrayList<>();
            long firstJoinCall = System.nanoTime();
            int batch = joinBatch > 0 ? joinBatch : n;
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                for (SwimNode node : nodes.subList(from, to)) {
                    joins.add(node.join());
                }
                if (to < n) {
                    // Waves: the next one starts once the seed lists this one (bounded), as a
                    // rolling start of a large deployment would.
                    waitUntil(() -> aliveCount(nodes.get(0)) >= to, Duration.ofSeconds(60));
                }
            }
            long lastJoinCall = System.nanoTime();
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new))
                    .get(joinDeadline.toMillis(), TimeUnit.MILLISECONDS);
            boolean converged = waitUntil(() -> nodes.stream().allMatch(x -> aliveCount(x) == n), joinDeadline);
            result.put("t_join_ms", converged ? millisSince(lastJoinCall) : null);
            result.put("t_join_from_first_ms", converged ? millisSince(firstJoinCall) : null);
            result.put("join_batch", batch);
            ClusterCounters.describe(nodes, "c_", result);
            if (!converged) {
                ViewCensus.describe(nodes, result);
                return finish(result, seen, gone, null, null, null);
            }

            // Let the join news finish spreading (every gossip queue empty, bounded), so the window
            // below measures the steady state rather than the tail of the join.
            long settleStart = System.nanoTime();
            boolean settled = waitUntil(
                    () -> nodes.stream().allMatch(x -> x.statistics().gossipQueueDepth() == 0), settleDeadline);
            result.put("t_settle_ms", settled ? millisSince(settleStart) : null);

            // Optionally let the first round of push-pull syncs pass: each node's first sync comes
            // within 1.5 base intervals of its start, before the interval has grown with n.
            Thread.sleep(warmup.toMillis());

            // Steady state (with the injected loss for the loss scenario): traffic, CPU, heap.
            if (kind == Kind.LOSS) {
                faults.loss(loss);
            }
            Duration window = steady;
            Map<String, Long> payloadBefore = payloadByType(nodes);
            TrafficMeter.Reading before = meter.read();
            long cpuBefore = processCpuNanos();
            long windowStart = System.nanoTime();
            Thread.sleep(window.toMillis());
            double windowS = (System.nanoTime() - windowStart) / 1e9;
            TrafficMeter.Reading after = meter.read();
            Map<String, Long> payloadAfter = payloadByType(nodes);
            long cpuNanos = processCpuNanos() - cpuBefore;
            faults.clear();
            double heapMb = usedHeapAfterGc() / (1024.0 * 1024.0);
            result.put("bytes_per_node_s", (after.bytes() - before.bytes()) / windowS / n)
                    .put("packets_per_node_s", (after.packets() - before.packets()) / windowS / n)
                    .put("cpu_s", cpuNanos / 1e9)
                    .put("heap_mb", heapMb)
                    .put("cpu_s_per_node_min", cpuNanos / 1e9 / n / (windowS / 60))
                    .put("heap_mb_per_node", (usedHeapAfterGc() - heapBaseline) / (1024.0 * 1024.0) / n)
                    .put("window_s", windowS);
            // Payload bytes (no IP headers) by message type, to show where the bytes go.
            for (String type : List.of("ping", "ack", "ping-req", "nack", "gossip", "sync", "sync-digest")) {
                long d = payloadAfter.getOrDefault(type, 0L) - payloadBefore.getOrDefault(type, 0L);
                result.put("payload_" + type.replace('-', '_') + "_per_node_s", d / windowS / n);
            }

            if (kind == Kind.CRASH || kind == Kind.LEAVE) {
                SwimNode victim = nodes.get(1 + random.nextInt(n - 1));
                String victimName = victim.localMember().name();
                gone.put(victimName, true);
                long t0 = System.nanoTime();
                if (kind == Kind.CRASH) {
                    victim.halt();
                } else {
                    victim.leave(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
                }
                List<SwimNode> survivors =
                        nodes.stream().filter(x -> x != victim).toList();
                MemberStatus terminal = kind == Kind.CRASH ? MemberStatus.DEAD : MemberStatus.LEFT;
                boolean allSaw = waitUntil(
                        () -> survivors.stream().allMatch(x -> x.members().stream()
                                .filter(m -> m.name().equals(victimName))
                                .allMatch(m -> m.status() == terminal)),
                        detectDeadline);
                // Let the listener thread catch up with the events already decided.
                waitUntil(() -> terminalEvents(seen, victimName) >= survivors.size(), Duration.ofSeconds(5));
                @Nullable Long firstSuspect = firstAt(seen, victimName, MembershipEvent.MemberSuspected.class, t0);
                Class<? extends MembershipEvent> end =
                        kind == Kind.CRASH ? MembershipEvent.MemberFailed.class : MembershipEvent.MemberLeft.class;
                @Nullable Long firstDead = firstAt(seen, victimName, end, t0);
                @Nullable Long allDead = allSaw ? lastAt(seen, victimName, end, t0) : null;
                return finish(result, seen, gone, firstSuspect, firstDead, allDead);
            }
            return finish(result, seen, gone, null, null, null);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            result.put("error", String.valueOf(e.getCause() != null ? e.getCause() : e));
            return finish(result, seen, gone, null, null, null);
        } finally {
            nodes.parallelStream().forEach(SwimNode::halt);
            faults.close();
            listenerThread.shutdownNow();
            if (shared != null) {
                shared.close();
            }
        }
    }

    private RealRunResult finish(
            RealRunResult result,
            Collection<Seen> seen,
            Map<String, Boolean> gone,
            @Nullable Long firstSuspect,
            @Nullable Long firstDead,
            @Nullable Long allDead) {
        result.putIfAbsent("t_join_ms");
        result.put("t_first_suspect_ms", firstSuspect)
                .put("t_first_dead_ms", firstDead)
                .put("t_all_dead_ms", allDead);
        // A false suspicion is one suspicion of a live member (its name and incarnation), however
        // many nodes heard of it; a false death is a live member some node declared dead.
        Set<String> falseSuspects = new HashSet<>();
        Set<String> falseDeads = new HashSet<>();
        int falseSuspectEvents = 0;
        for (Seen s : seen) {
            Member m = s.event().member();
            if (gone.containsKey(m.name())) {
                continue;
            }
            if (s.event() instanceof MembershipEvent.MemberSuspected) {
                falseSuspects.add(m.name() + "#" + m.incarnation());
                falseSuspectEvents++;
            } else if (s.event() instanceof MembershipEvent.MemberFailed) {
                falseDeads.add(m.name());
            }
        }
        result.put("false_suspects", falseSuspects.size())
                .put("false_deads", falseDeads.size())
                .put("false_suspect_events", falseSuspectEvents);
        result.putIfAbsent("bytes_per_node_s");
        result.putIfAbsent("packets_per_node_s");
        result.putIfAbsent("cpu_s");
        result.putIfAbsent("heap_mb");
        return result;
    }

    private static Map<String, Long> payloadByType(List<SwimNode> nodes) {
        Map<String, Long> sum = new java.util.HashMap<>();
        for (SwimNode node : nodes) {
            node.statistics().bytesSent().forEach((k, v) -> sum.merge(k, v, Long::sum));
        }
        return sum;
    }

    private static int terminalEvents(Collection<Seen> seen, String victim) {
        int c = 0;
        for (Seen s : seen) {
            if (s.event().member().name().equals(victim)
                    && (s.event() instanceof MembershipEvent.MemberFailed
                            || s.event() instanceof MembershipEvent.MemberLeft)) {
                c++;
            }
        }
        return c;
    }

    private static @Nullable Long firstAt(
            Collection<Seen> seen, String victim, Class<? extends MembershipEvent> type, long t0) {
        long best = Long.MAX_VALUE;
        for (Seen s : seen) {
            if (type.isInstance(s.event()) && s.event().member().name().equals(victim)) {
                best = Math.min(best, s.event().member().statusChangedAtNanos());
            }
        }
        return best == Long.MAX_VALUE ? null : Math.max(0, (best - t0) / 1_000_000);
    }

    private static @Nullable Long lastAt(
            Collection<Seen> seen, String victim, Class<? extends MembershipEvent> type, long t0) {
        long worst = Long.MIN_VALUE;
        for (Seen s : seen) {
            if (type.isInstance(s.event()) && s.event().member().name().equals(victim)) {
                worst = Math.max(worst, s.event().member().statusChangedAtNanos());
            }
        }
        return worst == Long.MIN_VALUE ? null : Math.max(0, (worst - t0) / 1_000_000);
    }

    private static long aliveCount(SwimNode node) {
        return node.members().stream()
                .filter(m -> m.status() == MemberStatus.ALIVE)
                .count();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private boolean waitUntil(BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(pollMillis);
        }
        return condition.getAsBoolean();
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
