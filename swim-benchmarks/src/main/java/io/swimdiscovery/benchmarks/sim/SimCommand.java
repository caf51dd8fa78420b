package io.swimdiscovery.benchmarks.sim;

import io.swimdiscovery.benchmarks.CliArgs;
import io.swimdiscovery.benchmarks.Command;
import java.io.PrintStream;

/** {@code sim}: seeded cluster scenarios on the simulator, one JSON line per run. */
public final class SimCommand implements Command {

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public String usage() {
        return """
                sim --scenario crash|kill|pause|sync|loss|join|leave|partition|slow|formation|proof --nodes N --runs R --seed S
                    [--impl swim|heartbeat] [--settings lan|memberlist] [--loss P] [--duration-s D]
                    [--lifeguard on|off] [--k K] [--hb-limit L] [--warmup-s W] [--steady-s S] [--slow-ms M]
                    [--pause-ms M] [--preformed auto|on|off] [--sizer wire|estimate]
                    [--seeds K] [--join-window-s W] [--metadata none|spring] [--after-s A] [--steady-bytes B]
                    [--gossip-fanout F]
                  Runs R simulated clusters of N nodes in virtual time; run r uses seed S + r and replays
                  exactly. --settings memberlist: memberlist's DefaultLANConfig parameters (suspicion
                  multiplier 4) instead of our LAN preset. crash: one node's host goes away after warm-up
                  (silence); kill: one node's process dies on a live host (streams to it are refused);
                  pause: one node pauses M ms (a GC pause), then D s more, victim_declared_dead says whether
                  anyone declared it dead; sync: anti-entropy bytes/s over S s before one crash and D s after;
                  loss: loss P on every link for D s; --gossip-fanout F: members pushed to per gossip
                  interval instead of the preset's 3;
                  join: one more node joins; leave: one node leaves; partition: halves split for D s,
                  then heal; slow: 5% of nodes handle every message M ms late for D s.
                  formation: all N nodes join through K seeds within W s (a real join, --metadata spring:
                  13 Spring-like keys each); convergence time and bytes/node/s during, A s after, and
                  when the load fell to B bytes/node/s for good. proof: formation, then one crash, then
                  loss P for D s (false deaths, load, largest message, heap). Prints one JSON
                  object per run (times in virtual ms; cpu_s, heap_mb, wall_ms of this JVM). Bytes are the
                  wire codec's exact sizes plus 28 B of IP+UDP header per datagram (40 B IP+TCP per stream message).""";
    }

    @Override
    public int run(CliArgs args, PrintStream out) {
        SimOptions options = SimOptions.from(args);
        for (int run = 0; run < options.runs(); run++) {
            boolean formation =
                    options.scenario().equals("formation") || options.scenario().equals("proof");
            out.println(
                    formation ? new FormationRun(options, run).execute() : new SimScenarioRun(options, run).execute());
            out.flush();
        }
        return 0;
    }
}
