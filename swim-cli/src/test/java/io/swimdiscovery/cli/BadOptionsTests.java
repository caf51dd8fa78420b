package io.swimdiscovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A user who mistypes gets exit code 2 and one line on stderr that names the mistake. */
class BadOptionsTests {

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SwimCli.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLine(Result r, int code, String... fragments) {
        assertThat(r.code()).as("exit code; stderr %s", r.err()).isEqualTo(code);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("swim-node: ").contains(fragments);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void malformedOptionsExitWithTwo() {
        assertOneLine(run("run", "--port", "abc"), 2, "--port", "abc");
        assertOneLine(run("run", "--no-such-option"), 2, "--no-such-option");
        assertOneLine(run("run", "--encryption", "SOMETIMES"), 2, "--encryption");
        assertOneLine(run("members"), 2, "--control-port");
        assertOneLine(run(), 2, "missing command");
        assertOneLine(run("frobnicate"), 2, "frobnicate");
    }

    @Test
    void optionsThatParseButCannotBeUsedExitWithTwo() {
        assertOneLine(run("run", "--port", "0", "--set", "protocolPeriodd=1s"), 2, "unknown setting 'protocolPeriodd'");
        assertOneLine(
                run("run", "--port", "0", "--set", "probeTimeout=5s"), 2, "probeTimeout (PT5S)", "protocolPeriod");
        assertOneLine(run("run", "--port", "0", "--profile", "lab"), 2, "--profile");
        assertOneLine(run("run", "--port", "0", "--key-file", "/nonexistent/keys"), 2, "--key-file");
        assertOneLine(run("run", "--port", "70000"), 2, "bindPort must be 0..65535");
    }

    @Test
    void aQueryToAPortWhereNoNodeListensExitsWithOne() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        assertOneLine(
                run("members", "--control-port", String.valueOf(free)), 1, "no node answers on 127.0.0.1:" + free);
    }
}
