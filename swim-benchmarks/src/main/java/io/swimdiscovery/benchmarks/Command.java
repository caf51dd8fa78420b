package io.swimdiscovery.benchmarks;

import java.io.PrintStream;

/** One sub-command of {@link BenchmarkCli}. */
public interface Command {

    /** The word that selects it: {@code sim}, {@code real}, {@code jmh}. */
    String name();

    /** One-paragraph usage, options included. */
    String usage();

    /**
     * Runs to completion and prints results (one JSON object per line) to {@code out}.
     *
     * @return the process exit code
     * @throws IllegalArgumentException for bad options, with a message naming the option
     */
    int run(CliArgs args, PrintStream out) throws Exception;
}
