package io.swimdiscovery.benchmarks.roles;

import io.swimdiscovery.benchmarks.CliArgs;
import io.swimdiscovery.benchmarks.Command;
import io.swimdiscovery.benchmarks.JsonLine;
import io.swimdiscovery.core.protocol.RoleSettings;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.sim.PrimaryClaimChecker;
import io.swimdiscovery.core.sim.ProtocolFactory;
import io.swimdiscovery.core.sim.RoleFaultSchedule;
import io.swimdiscovery.core.sim.Simulation;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Roles in the simulator (docs/roles.md): failover after the primary's process is killed or its
 * host goes silent, pauses of the primary, a primary cut into a minority, a graceful hand-over,
 * and the random fault schedules of the safety check. Every run has the invariant checker on.
 */
public final class RolesCommand implements Command {

    private static final Set<String> SCENARIOS = Set.of("kill", "crash", "pause", "minority", "handover", "schedules");

    @Override
    public String name() {
        return "roles";
    }

    @Override
    public String usage() {
        return "roles --scenario kill|crash|pause|minority|handover|schedules [--nodes 5] [--runs 40] [--seed 1]"
                + " [--pause-ms 4000] [--quorum-size 0, -1: a majority of the group] [--drift 0.01]:"
                + " primary/secondary roles in the simulator; schedules with --nodes 0 mix groups of 3, 5 and 7";
    }

    @Override
    public int run(CliArgs args, PrintStream out) {
        args.rejectUnknown(Set.of("scenario", "nodes", "runs", "seed", "pause-ms", "quorum-size", "drift"));
        String scenario = args.oneOf("scenario", "kill", SCENARIOS);
        int n = args.intValue("nodes", 5, 0, 1000);
        int runs = args.intValue("runs", 40, 1, 100_000);
        long seed = args.longValue("seed", 1);
        int pauseMs = args.intValue("pause-ms", 4000, 1, 600_000);
        double drift = args.doubleValue("drift", 0.01, 0, 0.1);
        int quorumSize = args.intValue("quorum-size", 0, -1, 1024);
        RoleSettings roles =
                RoleSettings.forGroup("g").withMaxClockDrift(drift).withQuorumSize(Math.max(0, quorumSize));
        if (scenario.equals("schedules")) {
            return schedules(n, runs, seed, roles, quorumSize < 0, out);
        }
        if (n == 0) {
            throw new IllegalArgumentException("--nodes must be at least 1 for scenario " + scenario);
        }
        List<Double> times = new ArrayList<>();
        int changes = 0;
        int violations = 0;
        int failed = 0;
        for (long s = seed; s < seed + runs; s++) {
            Simulation sim = Simulation.builder()
                    .nodes(n)
                    .seed(s)
                    .protocol(ProtocolFactory.swim(roles))
                    .clockDrift(drift)
                    .build();
            PrimaryClaimChecker checker = PrimaryClaimChecker.attach(sim);
            boolean formed =
                    sim.runUntil(() -> checker.holders().size() == 1, Duration.ofSeconds(60), Duration.ofMillis(50));
            if (!formed) {
                failed++;
                continue;
            }
            sim.runFor(Duration.ofSeconds(10));
            int primary = checker.holders().get(0);
            long at = sim.nowNanos();
            switch (scenario) {
                case "kill" -> sim.kill(primary);
                case "crash" -> sim.crash(primary);
                case "pause" -> sim.pause(primary, Duration.ofMillis(pauseMs));
                case "handover" -> sim.leave(primary);
                default -> cutIntoMinority(sim, primary);
            }
            sim.runUntil(
                    () -> checker.firstGrantAfter(at, primary) != null,
                    Duration.ofSeconds(scenario.equals("pause") ? 30 : 60),
                    Duration.ofMillis(10));
            PrimaryClaimChecker.Grant next = checker.firstGrantAfter(at, primary);
            if (next != null) {
                times.add((next.atNanos() - at) / 1e9);
                changes++;
            } else if (!scenario.equals("pause")) {
                failed++;
            }
            if (checker.violation() != null) {
                violations++;
            }
            out.println(new JsonLine()
                    .put("scenario", scenario)
                    .put("nodes", n)
                    .put("seed", s)
                    .put("primaryChanged", next != null)
                    .put("failoverS", next == null ? -1 : (next.atNanos() - at) / 1e9)
                    .put("violation", checker.violation()));
        }
        double[] sorted =
                times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        out.println(new JsonLine()
                .put("summary", scenario)
                .put("nodes", n)
                .put("runs", runs)
                .put("primaryChanges", changes)
                .put("noFailover", failed)
                .put("violations", violations)
                .put("medianS", percentile(sorted, 0.5))
                .put("p99S", percentile(sorted, 0.99))
                .put("maxS", sorted.length == 0 ? -1 : sorted[sorted.length - 1]));
        return violations == 0 ? 0 : 1;
    }

    /** Cuts the primary and as many others as still leave it a minority away from the rest. */
    private static void cutIntoMinority(Simulation sim, int primary) {
        int n = sim.size();
        int minority = (n - 1) / 2;
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        a.add(primary);
        for (int i = 0; i < n; i++) {
            if (i != primary) {
                (a.size() < minority ? a : b).add(i);
            }
        }
        sim.partition(a, b);
    }

    /** {@code n} 0: groups of 3, 5 and 7 in turn; {@code majorityQuorum}: quorum size set to a majority of each. */
    private static int schedules(
            int n, int runs, long seed, RoleSettings roles, boolean majorityQuorum, PrintStream out) {
        int violations = 0;
        int back = 0;
        long grants = 0;
        double virtual = 0;
        for (long s = seed; s < seed + runs; s++) {
            int size = n > 0 ? n : new int[] {3, 5, 7}[(int) (s % 3)];
            RoleSettings r = majorityQuorum ? roles.withQuorumSize(size / 2 + 1) : roles;
            RoleFaultSchedule.Outcome o =
                    new RoleFaultSchedule(s, size, Duration.ofSeconds(120)).run(SwimSettings.lan(), r);
            grants += o.grants();
            virtual += o.virtualSeconds();
            if (o.violation() != null) {
                violations++;
                out.println(new JsonLine()
                        .put("seed", s)
                        .put("violation", o.violation())
                        .put("faults", String.valueOf(o.faults())));
            }
            if (o.primaryAfterHeal()) {
                back++;
            }
        }
        out.println(new JsonLine()
                .put("summary", "schedules")
                .put("nodes", n)
                .put("runs", runs)
                .put("violations", violations)
                .put("primaryBackAfterHeal", back)
                .put("grants", grants)
                .put("virtualHours", virtual / 3600));
        return violations == 0 ? 0 : 1;
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
