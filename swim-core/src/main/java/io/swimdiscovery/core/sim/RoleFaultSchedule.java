package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.RoleSettings;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * One seeded random fault schedule for a role group (docs/roles.md), with the safety invariant
 * checked after every event ({@link PrimaryClaimChecker}): crashes, kills, restarts, pauses of
 * every length, partitions both ways and one way, loss, late joins and leaves, on clocks that
 * drift by up to the settings' {@link RoleSettings#maxClockDrift()}. The same seed replays the
 * same schedule.
 *
 * @param seed the seed of the schedule and the simulation
 * @param nodes group size (every node is in the group)
 * @param duration virtual time the faults run for; then everything heals and the run goes on
 *     until a primary is back or two more minutes pass
 */
public record RoleFaultSchedule(long seed, int nodes, Duration duration) {

    /** What one run showed. */
    public record Outcome(
            long seed,
            @Nullable String violation,
            int grants,
            List<String> faults,
            boolean primaryAfterHeal,
            double virtualSeconds) {}

    /** Runs with clocks that drift exactly as far as {@code roles} allows. */
    public Outcome run(SwimSettings settings, RoleSettings roles) {
        return run(settings, roles, roles.maxClockDrift());
    }

    /**
     * Runs with clocks drifting up to {@code clockDrift}; more than {@code roles} allows breaks
     * the assumption the guarantee rests on (which shows the checker can see a violation).
     */
    public Outcome run(SwimSettings settings, RoleSettings roles, double clockDrift) {
        SplittableRandom r = new SplittableRandom(seed);
        int late = r.nextInt(3) == 0 ? 1 + r.nextInt(Math.max(1, nodes / 3)) : 0;
        int[] held = new int[late];
        for (int i = 0; i < late; i++) {
            held[i] = nodes - 1 - i;
        }
        Simulation sim = Simulation.builder()
                .nodes(nodes)
                .seed(seed)
                .settings(settings)
                .protocol(ProtocolFactory.swim(roles))
                .clockDrift(clockDrift)
                .notStarted(held)
                .build();
        PrimaryClaimChecker checker = PrimaryClaimChecker.attach(sim);
        List<String> faults = new ArrayList<>();
        long end = duration.toNanos();
        // Faults begin once the group formed: a group that forms while partitioned needs a
        // configured quorum size (docs/roles.md), which the schedules with one test separately.
        boolean formed = roles.quorumSize() > 0
                || sim.runUntil(() -> checker.holders().size() == 1, Duration.ofSeconds(60), Duration.ofMillis(100));
        if (!formed) {
            return new Outcome(seed, "no primary within 60 s of the start", 0, List.of(), false, sim.nowNanos() / 1e9);
        }
        sim.runFor(Duration.ofSeconds(r.nextInt(20)));
        while (sim.nowNanos() < end && checker.violation() == null) {
            String fault;
            try {
                fault = inject(sim, r);
            } catch (IllegalStateException e) {
                fault = "skipped (" + e.getMessage() + ")"; // e.g. a pause of a node that is leaving
            }
            faults.add(String.format(java.util.Locale.ROOT, "%.1fs %s", sim.nowNanos() / 1e9, fault));
            sim.runFor(Duration.ofMillis(200 + r.nextInt(15_000)));
        }
        sim.heal();
        sim.loss(0);
        for (int i = 0; i < nodes; i++) {
            if (!sim.isUp(i)) {
                sim.restart(i);
            }
        }
        boolean back = sim.runUntil(
                () -> checker.violation() != null || checker.holders().size() == 1,
                Duration.ofMinutes(2),
                Duration.ofMillis(100));
        return new Outcome(
                seed,
                checker.violation(),
                checker.grants().size(),
                faults,
                back && checker.violation() == null,
                sim.nowNanos() / 1e9);
    }

    private String inject(Simulation sim, SplittableRandom r) {
        int n = sim.size();
        int i = r.nextInt(n);
        switch (r.nextInt(10)) {
            case 0:
                if (sim.isUp(i)) {
                    sim.crash(i);
                    return "crash " + i;
                }
                return "none";
            case 1:
                if (sim.isUp(i)) {
                    sim.kill(i);
                    return "kill " + i;
                }
                return "none";
            case 2:
                if (!sim.isUp(i)) {
                    sim.restart(i);
                    return "restart " + i;
                }
                return "none";
            case 3:
            case 4:
                if (sim.isUp(i)) {
                    Duration d = Duration.ofMillis(100 + r.nextInt(r.nextBoolean() ? 6_000 : 30_000));
                    sim.pause(i, d);
                    return "pause " + i + " for " + d.toMillis() + " ms";
                }
                return "none";
            case 5:
            case 6: {
                List<Integer> a = new ArrayList<>();
                List<Integer> b = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    (r.nextBoolean() ? a : b).add(k);
                }
                if (r.nextInt(3) == 0) {
                    sim.partitionOneWay(a, b);
                    return "one-way cut " + a + " -> " + b;
                }
                sim.partition(a, b);
                return "partition " + a + " | " + b;
            }
            case 7:
                sim.heal();
                return "heal";
            case 8: {
                double p = r.nextInt(4) * 0.1;
                sim.loss(p);
                return "loss " + p;
            }
            default:
                if (sim.isUp(i) && r.nextInt(4) == 0) {
                    sim.leave(i);
                    return "leave " + i;
                }
                return "none";
        }
    }
}
