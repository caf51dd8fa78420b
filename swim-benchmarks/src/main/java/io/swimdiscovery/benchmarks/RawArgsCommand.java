package io.swimdiscovery.benchmarks;

import java.io.PrintStream;
import java.util.List;

/** A command that parses its own command line (JMH's, or one with its own option parser). */
public interface RawArgsCommand extends Command {

    /** Runs with the arguments after the command word; returns the exit code. */
    int runRaw(List<String> args, PrintStream out, PrintStream err) throws Exception;

    @Override
    default int run(CliArgs args, PrintStream out) {
        throw new UnsupportedOperationException(name() + " takes its arguments raw");
    }
}
