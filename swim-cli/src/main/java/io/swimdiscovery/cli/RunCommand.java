package io.swimdiscovery.cli;

import io.swimdiscovery.core.protocol.RoleSettings;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.security.EncryptionMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swim-node run ...}: the options of one node; {@link NodeRunner} runs it. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one SWIM node until SIGTERM (leaves gracefully) or SIGKILL.",
            "Prints every membership event as one JSON line on stdout."
        })
final class RunCommand implements Callable<Integer> {

    /** The three presets of SwimSettings. */
    enum Profile {
        LAN,
        WAN,
        LOCAL;

        SwimSettings settings() {
            return switch (this) {
                case LAN -> SwimSettings.lan();
                case WAN -> SwimSettings.wan();
                case LOCAL -> SwimSettings.local();
            };
        }
    }

    @Option(names = "--name", description = "Member name, unique in the cluster (default host:port).")
    String name = "";

    @Option(names = "--bind-host", description = "Address to bind UDP and TCP to (default ${DEFAULT-VALUE}).")
    String bindHost = "0.0.0.0";

    @Option(names = "--port", description = "Port for UDP and TCP; 0 picks one (default ${DEFAULT-VALUE}).")
    int port = 7946;

    @Option(
            names = "--advertise-host",
            description = "Address peers should use (default: the bind address, or the first site-local one).")
    String advertiseHost = "";

    @Option(names = "--advertise-port", description = "Port peers should use (default: the bound port).")
    int advertisePort = -1;

    @Option(
            names = "--seed",
            split = ",",
            paramLabel = "HOST[:PORT]",
            description = "A member to join through; repeatable or comma-separated. PORT defaults to --port.")
    List<String> seeds = new ArrayList<>();

    @Option(
            names = "--seed-dns",
            paramLabel = "NAME",
            description = "A DNS name whose A/AAAA records are the seeds (e.g. a Kubernetes headless service).")
    @Nullable
    String seedDns;

    @Option(
            names = {"--cluster", "--cluster-name"},
            description = "Cluster name; nodes with another one are rejected (default ${DEFAULT-VALUE}).")
    String cluster = "swim";

    @Option(
            names = "--key-file",
            paramLabel = "FILE",
            description = "File with one Base64 AES key per line (16, 24 or 32 bytes); the first seals.")
    @Nullable
    Path keyFile;

    @Option(
            names = "--encryption",
            paramLabel = "MODE",
            description = "NONE, ROLLOUT or REQUIRED (default: REQUIRED with a key file, else NONE).")
    @Nullable
    EncryptionMode encryption;

    @Option(names = "--profile", paramLabel = "lan|wan|local", description = "Settings preset (default lan).")
    String profile = "lan";

    @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "Metadata entry; repeatable.")
    Map<String, String> metadata = new LinkedHashMap<>();

    @Option(
            names = "--set",
            paramLabel = "SETTING=VALUE",
            description = {
                "Any protocol setting of SwimSettings, e.g. protocolPeriod=1s, probeTimeout=500ms,",
                "suspicionMultiplier=2; repeatable. Durations: 500ms, 1s, 2m, 1h or PT1S."
            })
    List<String> settings = new ArrayList<>();

    @Option(
            names = "--role-group",
            paramLabel = "GROUP",
            description = {
                "Takes part in this role group: at most one member is primary (docs/roles.md).",
                "Prints PrimaryGranted/Revoked/Changed and RoleState lines (with the lease as wall time)."
            })
    String roleGroup = "";

    @Option(
            names = "--role-step-down-after",
            paramLabel = "DURATION",
            description = "How long a primary keeps the role without a quorum (default ${DEFAULT-VALUE}).")
    String roleStepDownAfter = "3s";

    @Option(
            names = "--role-safety-margin",
            paramLabel = "DURATION",
            description = "Extra wait before a secondary takes over (default ${DEFAULT-VALUE}).")
    String roleSafetyMargin = "500ms";

    @Option(
            names = "--role-max-clock-drift",
            paramLabel = "FRACTION",
            description = "Largest clock-rate difference, 0 to 0.1 (default ${DEFAULT-VALUE}).")
    double roleMaxClockDrift = 0.01;

    @Option(
            names = "--role-quorum-size",
            paramLabel = "N",
            description = "Fewest endorsements besides a majority; 0: a majority alone (default ${DEFAULT-VALUE}).")
    int roleQuorumSize = 0;

    @Option(
            names = "--role-formation-delay",
            paramLabel = "DURATION",
            description = "How long a new group waits for its view to settle (default ${DEFAULT-VALUE}).")
    String roleFormationDelay = "5s";

    @Option(
            names = "--control-port",
            description =
                    "Loopback-only control port for 'members' and 'keys'; 0 picks one, -1 disables (default ${DEFAULT-VALUE}).")
    int controlPort = 0;

    @Option(
            names = "--join-timeout",
            paramLabel = "DURATION",
            description =
                    "How long join waits for a seed before reporting (default ${DEFAULT-VALUE}); it keeps retrying.")
    String joinTimeout = "10s";

    @Option(
            names = "--leave-timeout",
            paramLabel = "DURATION",
            description = "How long a graceful leave on SIGTERM may take (default ${DEFAULT-VALUE}).")
    String leaveTimeout = "3s";

    /** The settings the options describe: the profile, then each {@code --set} in order. */
    SwimSettings swimSettings() {
        Profile p;
        try {
            p = Profile.valueOf(profile.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--profile must be lan, wan or local, got '" + profile + "'", e);
        }
        return SettingsOverrides.apply(p.settings(), settings);
    }

    /** The role settings the options describe: off without {@code --role-group}. */
    RoleSettings roleSettings() {
        if (roleGroup.isEmpty()) {
            return RoleSettings.disabled();
        }
        try {
            return new RoleSettings(
                    roleGroup,
                    SettingsOverrides.duration(roleStepDownAfter),
                    SettingsOverrides.duration(roleSafetyMargin),
                    roleMaxClockDrift,
                    roleQuorumSize,
                    SettingsOverrides.duration(roleFormationDelay));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("role options: " + e.getMessage(), e);
        }
    }

    Duration joinTimeout() {
        return parseDuration("--join-timeout", joinTimeout);
    }

    Duration leaveTimeout() {
        return parseDuration("--leave-timeout", leaveTimeout);
    }

    private static Duration parseDuration(String option, String text) {
        try {
            Duration d = SettingsOverrides.duration(text);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(option + " must be positive, got '" + text + "'");
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a duration (use 500ms, 3s, 1m)", e);
        }
    }

    @Override
    public Integer call() throws Exception {
        NodeRunner runner = NodeRunner.start(this, System.out);
        Thread hook = new Thread(() -> runner.stopGracefully(), "swim-node-sigterm");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = runner.awaitStopped();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it prints the final line.
        }
        return code;
    }
}
