package io.swimdiscovery.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code swim-node}: runs one SWIM node as its own process ({@code run}), or asks a running one
 * on this host ({@code members}, {@code keys}, {@code encryption}). Exit codes: 0 fine, 1 the node
 * refused a request or could not be reached, 2 bad options (one line on stderr says which).
 */
@Command(
        name = "swim-node",
        mixinStandardHelpOptions = true,
        version = "swim-node 0.1.0",
        description = "A standalone SWIM member (no Spring), and a client for its loopback control port.",
        subcommands = {RunCommand.class, SwimCli.Members.class, SwimCli.Keys.class, SwimCli.Encryption.class})
public final class SwimCli implements Callable<Integer> {

    /** Exit code for options that cannot be used. */
    static final int BAD_OPTIONS = 2;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(
                new CommandLine(this), "missing command: run, members, keys or encryption (see --help)");
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit code instead of exiting, for tests. */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new SwimCli());
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setParameterExceptionHandler((e, a) -> oneLine(err, e.getMessage()));
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            // Options that parse but cannot be used (a bad setting, an unreadable key file): 2.
            // Anything else (the port is taken, no node answers): 1. One line either way.
            int code = e instanceof IllegalArgumentException ? BAD_OPTIONS : 1;
            String message =
                    e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            err.println("swim-node: " + message);
            err.flush();
            return code;
        });
        return cli.execute(args);
    }

    private static int oneLine(PrintStream err, @Nullable String message) {
        err.println("swim-node: " + message + " (see swim-node --help)");
        err.flush();
        return BAD_OPTIONS;
    }

    /** Options every control-port client shares. */
    abstract static class ControlCommand implements Callable<Integer> {
        @Option(
                names = "--control-port",
                required = true,
                description = "The node's control port (NodeStarted prints it).")
        int controlPort;

        // Fields picocli sets before call(): NullAway cannot see that.
        @CommandLine.Spec
        @SuppressWarnings("NullAway.Init")
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(
            name = "members",
            mixinStandardHelpOptions = true,
            description = "Prints the member list and statistics of the node on this host as JSON.")
    static final class Members extends ControlCommand {
        @Override
        public Integer call() {
            return new ControlClient(controlPort).call("/members", null, out());
        }
    }

    @Command(
            name = "keys",
            mixinStandardHelpOptions = true,
            description =
                    "Rotates keys at runtime: install a new key everywhere, then use it everywhere, then remove the old one.")
    static final class Keys extends ControlCommand {
        @Parameters(index = "0", paramLabel = "install|use|remove")
        @SuppressWarnings("NullAway.Init")
        String action;

        @Parameters(index = "1", paramLabel = "BASE64_KEY")
        @SuppressWarnings("NullAway.Init")
        String key;

        @Override
        public Integer call() {
            if (!action.equals("install") && !action.equals("use") && !action.equals("remove")) {
                throw new IllegalArgumentException("keys: action must be install, use or remove, got '" + action + "'");
            }
            return new ControlClient(controlPort).call("/keys/" + action, key, out());
        }
    }

    @Command(
            name = "encryption",
            mixinStandardHelpOptions = true,
            description = "Switches the encryption mode at runtime: NONE, ROLLOUT or REQUIRED.")
    static final class Encryption extends ControlCommand {
        @Parameters(index = "0", paramLabel = "NONE|ROLLOUT|REQUIRED")
        @SuppressWarnings("NullAway.Init")
        String mode;

        @Override
        public Integer call() {
            return new ControlClient(controlPort).call("/encryption", mode, out());
        }
    }
}
