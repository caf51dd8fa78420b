package io.swimdiscovery.benchmarks.real;

import io.swimdiscovery.core.protocol.SwimSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code real --scenario crash|loss|join|leave --nodes N --runs R [--loss P] [--duration-s D]
 * [--warmup-s W] [--settings lan|memberlist|local] [--seed S] [--shared-threads T]}: N real nodes on
 * 127.0.0.1 in this JVM, one JSON line per run.
 *
 * <p>{@code --shared-threads T} (T at least 1) runs every node on one {@code SwimResources} with T
 * protocol threads and one Netty I/O thread, so a thousand nodes need a handful of threads
 * instead of three each; 0 (the default) gives each node threads of its own. {@code --join-batch B}
 * joins the nodes in waves of B, each once the seed lists the previous one (default: all at once).
 * {@code --join-deadline-s J} is how long the joins, and then the convergence, may each take
 * (default max(120, N / 2) s): a run that has not converged by then prints a census of the views.
 *
 * <p>Settings default to {@link SwimSettings#lan()}; {@code --settings memberlist} is
 * {@link SwimSettings#memberlist()}, memberlist's DefaultLANConfig (1 s period, 500 ms probe
 * timeout, 3 indirect probes, suspicion multiplier 4, gossip every 200 ms to 3, push-pull every
 * 30 s, awareness up to 8x), so figures compare on equal terms.
 * {@code --warmup-s} waits that long after the join news has spread before measuring (so the first
 * round of push-pull syncs, due within 1.5 base intervals of each start, can pass);
 * {@code --duration-s} is the steady-state window in which traffic, CPU and (for the loss scenario)
 * false suspicions are measured: default 20 s, 120 s for the loss scenario.
 */
public final class RealCommand {

    private RealCommand() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the process exit code (2 for bad arguments). */
    public static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        RealScenario.Kind kind = RealScenario.Kind.CRASH;
        int nodes = 10;
        int runs = 1;
        double loss = 0.10;
        Double durationS = null;
        double warmupS = 0;
        String settingsName = "lan";
        long seed = 1;
        int sharedThreads = 0;
        int joinBatch = 0;
        int joinDeadlineS = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("real")) {
                    continue;
                }
                String v = i + 1 < args.length ? args[i + 1] : null;
                if (v == null) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                i++;
                switch (a) {
                    case "--scenario" -> kind = RealScenario.Kind.valueOf(v.toUpperCase(Locale.ROOT));
                    case "--nodes" -> nodes = Integer.parseInt(v);
                    case "--runs" -> runs = Integer.parseInt(v);
                    case "--loss" -> loss = Double.parseDouble(v);
                    case "--duration-s" -> durationS = Double.parseDouble(v);
                    case "--warmup-s" -> warmupS = Double.parseDouble(v);
                    case "--settings" -> settingsName = v;
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--shared-threads" -> sharedThreads = Integer.parseInt(v);
                    case "--join-batch" -> joinBatch = Integer.parseInt(v);
                    case "--join-deadline-s" -> joinDeadlineS = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (nodes < 2 || runs < 1 || loss < 0 || loss > 1 || sharedThreads < 0 || joinDeadlineS < 0) {
                throw new IllegalArgumentException(
                        "need --nodes >= 2, --runs >= 1, --loss 0..1, --shared-threads >= 0, --join-deadline-s >= 0");
            }
        } catch (IllegalArgumentException e) {
            err.println("real: " + e.getMessage());
            err.println("usage: real --scenario crash|loss|join|leave --nodes N --runs R [--loss P] [--duration-s D]"
                    + " [--warmup-s W] [--settings lan|memberlist|local] [--seed S] [--shared-threads T]"
                    + " [--join-batch B] [--join-deadline-s J]");
            return 2;
        }
        SwimSettings settings =
                switch (settingsName) {
                    case "local" -> SwimSettings.local();
                    case "wan" -> SwimSettings.wan();
                    case "memberlist" -> SwimSettings.memberlist();
                    default -> SwimSettings.lan();
                };
        Duration steady = Duration.ofMillis(
                (long) ((durationS != null ? durationS : kind == RealScenario.Kind.LOSS ? 120 : 20) * 1000));
        for (int run = 0; run < runs; run++) {
            RealScenario scenario = new RealScenario(
                    kind,
                    nodes,
                    kind == RealScenario.Kind.LOSS ? loss : 0,
                    Duration.ofMillis((long) (warmupS * 1000)),
                    steady,
                    settings,
                    seed + run,
                    sharedThreads,
                    joinBatch,
                    joinDeadlineS);
            out.println(scenario.run(run).toJson());
            out.flush();
        }
        return 0;
    }
}
