package io.swimdiscovery.benchmarks;

import io.swimdiscovery.benchmarks.real.RealCommand;
import java.io.PrintStream;
import java.util.List;

/** {@code real ...}: N real SwimNodes in this JVM on 127.0.0.1; see {@link RealCommand}. */
final class RealCliCommand implements RawArgsCommand {

    @Override
    public String name() {
        return "real";
    }

    @Override
    public String usage() {
        return """
                real --scenario crash|loss|join|leave --nodes N --runs R [--loss P] [--duration-s D] [--warmup-s W]
                     [--settings lan|memberlist|local] [--seed S] [--shared-threads T] [--join-batch B]
                     real SwimNodes on 127.0.0.1, one JSON line per run""";
    }

    @Override
    public int runRaw(List<String> args, PrintStream out, PrintStream err) throws Exception {
        return RealCommand.run(args.toArray(new String[0]), out, err);
    }
}
