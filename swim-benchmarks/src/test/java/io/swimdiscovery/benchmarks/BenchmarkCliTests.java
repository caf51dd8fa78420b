package io.swimdiscovery.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchmarkCliTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new BenchmarkCli()
                .run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void simCrashPrintsOneJsonObjectPerRunWithTheDocumentedFields() {
        int code = run(
                "sim",
                "--scenario",
                "crash",
                "--nodes",
                "8",
                "--runs",
                "2",
                "--seed",
                "5",
                "--warmup-s",
                "2",
                "--steady-s",
                "5");
        String[] lines = out.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertThat(code).isZero();
        assertThat(lines).hasSize(2);
        assertThat(lines[0])
                .startsWith("{\"impl\":\"swim\",\"scenario\":\"crash\",\"n\":8,\"run\":0,\"seed\":5")
                .endsWith("}");
        assertThat(lines[1]).contains("\"run\":1,\"seed\":6");
        for (String field : new String[] {
            "t_join_ms",
            "t_first_suspect_ms",
            "t_first_dead_ms",
            "t_all_dead_ms",
            "bytes_per_node_s",
            "packets_per_node_s",
            "cpu_s",
            "heap_mb",
            "false_suspects",
            "false_deads",
            "wall_ms"
        }) {
            assertThat(lines[0]).contains("\"" + field + "\":");
        }
        assertThat(lines[0]).doesNotContain("\"t_all_dead_ms\":null");
    }

    @Test
    void sameSeedGivesTheSameVirtualTimes() {
        run("sim", "--scenario", "crash", "--nodes", "8", "--seed", "9", "--warmup-s", "1", "--steady-s", "2");
        run("sim", "--scenario", "crash", "--nodes", "8", "--seed", "9", "--warmup-s", "1", "--steady-s", "2");
        String[] lines = out.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertThat(virtualPart(lines[0])).isEqualTo(virtualPart(lines[1]));
    }

    @Test
    void heartbeatBaselineRunsTheSameScenario() {
        int code = run(
                "sim",
                "--scenario",
                "crash",
                "--impl",
                "heartbeat",
                "--nodes",
                "6",
                "--warmup-s",
                "1",
                "--steady-s",
                "2");
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\"impl\":\"heartbeat\"")
                .contains("\"packets_per_node_s\":5,");
    }

    @Test
    void badOptionIsAClearUsageError() {
        assertThat(run("sim", "--nodes", "lots")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--nodes must be an integer, was 'lots'");
        assertThat(run("sim", "--scenrio", "crash")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --scenrio");
        assertThat(run("nope")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'nope'");
    }

    /** The line up to the machine-dependent columns. */
    private static String virtualPart(String line) {
        return line.substring(0, line.indexOf("\"cpu_s\""));
    }
}
