package io.swimdiscovery.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Two standalone nodes in this JVM on 127.0.0.1: their event lines, the control query, a graceful stop. */
class StandaloneNodeTests {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private final List<NodeRunner> runners = new ArrayList<>();

    @AfterEach
    void stop() {
        runners.forEach(r -> r.node().halt());
    }

    private record Started(NodeRunner runner, ByteArrayOutputStream out) {
        String lines() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private Started start(String... args) throws Exception {
        RunCommand options = new RunCommand();
        new CommandLine(options).parseArgs(args);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        NodeRunner runner = NodeRunner.start(options, out);
        runners.add(runner);
        return new Started(runner, bytes);
    }

    private static String query(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SwimCli.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as("exit code of %s, stderr %s", List.of(args), err).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsEventsAsJsonLinesAnswersTheControlQueryAndLeavesGracefully() throws Exception {
        Started a = start(
                "--name", "a", "--bind-host", "127.0.0.1", "--port", "0", "--profile", "local", "--meta", "zone=z1");
        int aPort = a.runner().node().localMember().address().port();
        Started b = start(
                "--name",
                "b",
                "--bind-host",
                "127.0.0.1",
                "--port",
                "0",
                "--profile",
                "local",
                "--seed",
                "127.0.0.1:" + aPort,
                "--set",
                "protocolPeriod=500ms",
                "--set",
                "probeTimeout=200ms");

        await().atMost(BOUND).until(() -> b.lines().contains("\"event\":\"MemberJoined\",\"name\":\"a\""));
        String bLines = b.lines();
        assertThat(bLines.lines().findFirst().orElseThrow())
                .startsWith("{\"ts\":\"")
                .contains("\"event\":\"NodeStarted\"")
                .contains("\"name\":\"b\"")
                .contains("\"controlPort\":" + b.runner().controlPort());
        assertThat(bLines).contains("\"event\":\"Joined\"");
        assertThat(bLines.lines())
                .allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        String joined = bLines.lines()
                .filter(l -> l.contains("\"event\":\"MemberJoined\",\"name\":\"a\""))
                .findFirst()
                .orElseThrow();
        assertThat(joined)
                .contains(
                        "\"address\":\"127.0.0.1:" + aPort + "\"",
                        "\"status\":\"ALIVE\"",
                        "\"uid\":\""
                                + Long.toHexString(
                                        a.runner().node().localMember().id().uid()) + "\"",
                        "\"decidedAtNanos\":",
                        "\"decidedAt\":\"",
                        "\"metadata\":{\"zone\":\"z1\"}");

        await().atMost(BOUND).until(() -> query(
                        "members", "--control-port", String.valueOf(a.runner().controlPort()))
                .contains("\"name\":\"b\""));
        String members =
                query("members", "--control-port", String.valueOf(a.runner().controlPort()));
        assertThat(members)
                .startsWith("{\"local\":{\"name\":\"a\"")
                .contains("\"members\":[")
                .contains("\"statistics\":{\"membersByStatus\":{\"ALIVE\":2}")
                .contains("\"probes\":")
                .contains("\"encryptionMode\":\"NONE\"")
                .contains("\"keys\":0");

        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(query(
                        "keys",
                        "install",
                        key,
                        "--control-port",
                        String.valueOf(a.runner().controlPort())))
                .contains("\"keys\":1");
        assertThat(query("members", "--control-port", String.valueOf(a.runner().controlPort())))
                .contains("\"keys\":1");

        b.runner().stopGracefully();
        assertThat(b.lines()).contains("\"event\":\"NodeStopped\",\"reason\":\"left\"");
        await().atMost(BOUND).until(() -> a.lines().contains("\"event\":\"MemberLeft\",\"name\":\"b\""));
    }

    @Test
    void controlEndpointListensOnLoopbackOnlyAndRefusesBadRequests() throws Exception {
        Started a = start("--name", "solo", "--bind-host", "127.0.0.1", "--port", "0");
        int port = a.runner().controlPort();
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2_000);
            assertThat(s.getLocalAddress().isLoopbackAddress()).isTrue();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SwimCli.execute(
                new String[] {
                    "keys",
                    "use",
                    Base64.getEncoder().encodeToString(new byte[16]),
                    "--control-port",
                    String.valueOf(port)
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"error\":\"key is not installed");
    }

    @Test
    void aNodeInARoleGroupOfOnePrintsItsGrantWithTheLeaseAndAnswersItsRole() throws Exception {
        Started a = start(
                "--name",
                "solo",
                "--bind-host",
                "127.0.0.1",
                "--port",
                "0",
                "--profile",
                "local",
                "--role-group",
                "jobs",
                "--role-formation-delay",
                "0s",
                "--role-step-down-after",
                "1s");
        // A group of one is its own quorum.
        await().atMost(BOUND).until(() -> a.lines().contains("\"event\":\"PrimaryGranted\""));
        String granted = a.lines()
                .lines()
                .filter((line) -> line.contains("\"event\":\"PrimaryGranted\""))
                .findFirst()
                .orElseThrow();
        assertThat(granted)
                .contains("\"name\":\"solo\"")
                .contains("\"group\":\"jobs\"")
                .contains("\"token\":1")
                .contains("\"leaseUntil\":\"");
        await().atMost(BOUND)
                .until(() -> a.lines().contains("\"event\":\"RoleState\"")
                        && a.lines().contains("\"holdsClaim\":true"));
        String members =
                query("members", "--control-port", String.valueOf(a.runner().controlPort()));
        assertThat(members)
                .contains("\"role\":{\"group\":\"jobs\",\"primary\":\"solo\"")
                .contains("\"primaryNow\":true");
        a.runner().stopGracefully();
        assertThat(a.lines()).contains("\"event\":\"PrimaryRevoked\"").contains("\"reason\":\"leave\"");
    }
}
