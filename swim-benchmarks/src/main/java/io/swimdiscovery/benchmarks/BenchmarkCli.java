package io.swimdiscovery.benchmarks;

import io.swimdiscovery.benchmarks.sim.SimCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code swim-benchmarks.jar}: {@code java -jar swim-benchmarks.jar <command> [--option value]...}.
 * Each command prints one JSON object per line on standard output; errors go to standard error
 * with exit code 2 for bad usage and 1 for a failed run.
 */
public final class BenchmarkCli {

    private final Map<String, Command> commands = new LinkedHashMap<>();

    /** The commands this jar offers; a new command is one more line here. */
    public BenchmarkCli() {
        register(new SimCommand());
        register(new RealCliCommand());
        register(new JmhCommand());
        register(new io.swimdiscovery.benchmarks.roles.RolesCommand());
        register(new io.swimdiscovery.benchmarks.readload.ReadLoadCommand());
        register(new io.swimdiscovery.benchmarks.heap.HeapCommand());
    }

    public static void main(String[] args) {
        int code = new BenchmarkCli().run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    void register(Command c) {
        commands.put(c.name(), c);
    }

    /** Runs one command line; returns the exit code. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            err.println(usage());
            return args.length == 0 ? 2 : 0;
        }
        Command c = commands.get(args[0]);
        if (c == null) {
            err.println("unknown command '" + args[0] + "'\n\n" + usage());
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            if (c instanceof RawArgsCommand raw) {
                return raw.runRaw(rest, out, err);
            }
            return c.run(CliArgs.parse(rest), out);
        } catch (IllegalArgumentException e) {
            err.println(c.name() + ": " + e.getMessage() + "\n\n" + c.usage());
            return 2;
        } catch (Exception e) {
            err.println(c.name() + " failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    private String usage() {
        StringBuilder sb = new StringBuilder("usage: java -jar swim-benchmarks.jar <command> [--option value]...\n");
        for (Command c : commands.values()) {
            sb.append("\n").append(c.usage()).append("\n");
        }
        return sb.toString();
    }
}
