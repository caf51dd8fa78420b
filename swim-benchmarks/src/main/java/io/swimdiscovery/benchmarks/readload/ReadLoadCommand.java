package io.swimdiscovery.benchmarks.readload;

import io.swimdiscovery.benchmarks.CliArgs;
import io.swimdiscovery.benchmarks.Command;
import io.swimdiscovery.benchmarks.JsonLine;
import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.ProtocolCounters;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.seed.SeedProvider;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClient;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.discovery.SwimServiceCatalog;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code readload}: does a load of discovery reads disturb probing? Real SwimNodes on 127.0.0.1;
 * node 0's membership feeds a {@link SwimServiceCatalog} as the starter does. Three phases of the
 * same length, one JSON line each: no reads, reader threads calling
 * {@code SwimDiscoveryClient.getInstances} (the catalog), and reader threads calling
 * {@code SwimNode.members()} (the hop to the protocol thread every discovery read used to make).
 * For node 0 it reports probes sent per second, the mean and last direct-ack round trip, failed
 * probes and suspicions raised during the phase, and the reads per second the readers achieved.
 */
public final class ReadLoadCommand implements Command {

    @Override
    public String name() {
        return "readload";
    }

    @Override
    public String usage() {
        return "readload [--nodes 3] [--readers 2] [--seconds 10] [--period-ms 200] [--rate 50000]   probe timing of\n"
                + "     node 0 with no reads, catalog reads, then node.members() reads; one JSON line per phase";
    }

    @Override
    public int run(CliArgs args, PrintStream out) throws Exception {
        args.rejectUnknown(Set.of("nodes", "readers", "seconds", "period-ms", "rate"));
        int n = args.intValue("nodes", 3, 2, 50);
        int readers = args.intValue("readers", 2, 1, 64);
        int seconds = args.intValue("seconds", 10, 1, 600);
        int periodMs = args.intValue("period-ms", 200, 20, 5000);
        // Reads per second over all readers; the same for both paths, so the CPU left to the node
        // differs only by what a read costs. 0: as fast as the readers can.
        int rate = args.intValue("rate", 50_000, 0, 100_000_000);
        SwimSettings settings = SwimSettings.builder()
                .protocolPeriod(Duration.ofMillis(periodMs))
                .probeTimeout(Duration.ofMillis(Math.max(10, periodMs / 4)))
                .build();
        List<SwimNode> nodes = new ArrayList<>();
        SwimServiceCatalog catalog = new SwimServiceCatalog();
        catalog.open();
        try {
            for (int i = 0; i < n; i++) {
                SwimNode.Builder b = SwimNode.builder()
                        .name("node-" + i)
                        .bindHost("127.0.0.1")
                        .bindPort(0)
                        .settings(settings)
                        .metadata(Map.of(
                                SwimMetadata.SERVICE_ID, "orders", SwimMetadata.PORT, Integer.toString(8080 + i)));
                if (i > 0) {
                    b.seeds(SeedProvider.of(List.of(nodes.get(0).localMember().address())));
                }
                SwimNode node = b.build();
                if (i == 0) {
                    node.addListener(catalog::apply);
                }
                node.start();
                nodes.add(node);
                node.join().get(10, TimeUnit.SECONDS);
            }
            SwimNode first = nodes.get(0);
            SwimDiscoveryClient client = new SwimDiscoveryClient(catalog, false, 0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (client.getInstances("orders").size() < n - 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(2_000); // let the first probes and syncs settle
            out.println(phase("none", first, readers, seconds, n, rate, null));
            out.println(phase("catalog", first, readers, seconds, n, rate, () -> client.getInstances("orders")
                    .size()));
            out.println(phase("node-members", first, readers, seconds, n, rate, () -> first.members()
                    .size()));
        } finally {
            for (SwimNode node : nodes) {
                node.close();
            }
        }
        return 0;
    }

    private static String phase(
            String reads, SwimNode node, int readers, int seconds, int n, int rate, @Nullable IntSupplier read)
            throws InterruptedException {
        // Each reader reads in batches of 10 and paces itself to its share of the rate.
        long nanosPerBatch = (rate == 0) ? 0 : 10L * readers * 1_000_000_000L / rate;
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder count = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        if (read != null) {
            for (int i = 0; i < readers; i++) {
                Thread t = new Thread(
                        () -> {
                            long sink = 0;
                            long next = System.nanoTime();
                            while (!stop.get()) {
                                for (int k = 0; k < 10; k++) {
                                    sink += read.getAsInt();
                                }
                                count.add(10);
                                if (nanosPerBatch > 0) {
                                    next += nanosPerBatch;
                                    long wait = next - System.nanoTime();
                                    if (wait > 0) {
                                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                                    }
                                }
                            }
                            if (sink == Long.MIN_VALUE) {
                                System.out.print("");
                            }
                        },
                        "reader-" + i);
                t.setDaemon(true);
                threads.add(t);
            }
        }
        ProtocolCounters before = node.statistics().protocol();
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        ProtocolCounters after = node.statistics().protocol();
        long elapsed = System.nanoTime() - start;
        stop.set(true);
        for (Thread t : threads) {
            t.join(10_000);
        }
        long acked = after.probesAcked() - before.probesAcked();
        double secs = elapsed / 1e9;
        return new JsonLine()
                .put("reads", reads)
                .put("nodes", n)
                .put("readers", read == null ? 0 : readers)
                .put("target_rate", read == null ? 0 : rate)
                .put("seconds", seconds)
                .put("reads_per_s", Math.round(count.sum() / secs))
                .put("probes_per_s", (after.probes() - before.probes()) / secs)
                .put(
                        "probe_rtt_mean_us",
                        acked == 0
                                ? -1
                                : (after.probeRttTotalNanos() - before.probeRttTotalNanos()) / (double) acked / 1000.0)
                .put("probes_failed", after.probesFailed() - before.probesFailed())
                .put("suspicions_raised", after.suspicionsRaised() - before.suspicionsRaised())
                .toString();
    }
}
