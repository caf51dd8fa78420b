package io.swimdiscovery.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The sim scenarios of issue 8's tables: pause, kill, sync, and memberlist's parameters. */
class SimFaultScenarioTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private String sim(String... args) {
        out.reset();
        String[] all = new String[args.length + 1];
        all[0] = "sim";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = new BenchmarkCli()
                .run(
                        all,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8).trim();
    }

    private static double number(String line, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9.eE+]+)").matcher(line);
        assertThat(m.find()).as("%s in %s", field, line).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aShortPauseIsSurvived_aPauseFarBeyondTheSuspicionTimeoutIsDeclaredDead() {
        String brief = sim(
                "--scenario",
                "pause",
                "--nodes",
                "5",
                "--seed",
                "3",
                "--pause-ms",
                "1000",
                "--warmup-s",
                "2",
                "--steady-s",
                "2",
                "--duration-s",
                "10");
        assertThat(brief)
                .contains("\"scenario\":\"pause\"")
                .contains("\"pause_ms\":1000")
                .contains("\"victim_declared_dead\":false");
        // 20 s is more than the LAN preset's longest suspicion timeout at n = 5 (6 x 1.5 s) plus a period.
        String fatal = sim(
                "--scenario",
                "pause",
                "--nodes",
                "5",
                "--seed",
                "3",
                "--pause-ms",
                "20000",
                "--warmup-s",
                "2",
                "--steady-s",
                "2",
                "--duration-s",
                "10");
        assertThat(fatal).contains("\"victim_declared_dead\":true");
        assertThat(number(fatal, "t_first_dead_ms")).isLessThan(20_000);
    }

    @Test
    void killIsDetectedByEveryMember() {
        String line = sim("--scenario", "kill", "--nodes", "8", "--seed", "4", "--warmup-s", "2", "--steady-s", "2");
        assertThat(line).contains("\"scenario\":\"kill\"").doesNotContain("\"t_all_dead_ms\":null");
    }

    @Test
    void eachParameterSetWaitsItsMinimum_andOnlyTheLanPresetShortensItWhenTheProcessIsGone() {
        // Silence. memberlist: suspicion timeout at least 4 x max(1, log10 8) x 1 s = 4 s after the
        // first failed probe, which itself ends a period (>= 0.5 s) after the crash; our LAN preset:
        // at least the 5-s pause tolerance.
        String ml = sim(
                "--scenario",
                "crash",
                "--settings",
                "memberlist",
                "--nodes",
                "8",
                "--seed",
                "4",
                "--warmup-s",
                "2",
                "--steady-s",
                "2");
        assertThat(ml).contains("\"settings\":\"memberlist\"");
        assertThat(number(ml, "t_first_dead_ms")).isGreaterThanOrEqualTo(4500);
        String lan = sim("--scenario", "crash", "--nodes", "8", "--seed", "4", "--warmup-s", "2", "--steady-s", "2");
        assertThat(lan).contains("\"settings\":\"lan\"");
        assertThat(number(lan, "t_first_dead_ms")).isGreaterThanOrEqualTo(5500);
        // A killed process (refused streams): the LAN preset ends its suspicion after 1 s,
        // memberlist's parameters have no such path.
        String mlKill = sim(
                "--scenario",
                "kill",
                "--settings",
                "memberlist",
                "--nodes",
                "8",
                "--seed",
                "4",
                "--warmup-s",
                "2",
                "--steady-s",
                "2");
        String lanKill = sim("--scenario", "kill", "--nodes", "8", "--seed", "4", "--warmup-s", "2", "--steady-s", "2");
        assertThat(number(lanKill, "t_first_dead_ms")).isLessThan(number(mlKill, "t_first_dead_ms"));
        assertThat(number(lanKill, "t_first_dead_ms")).isLessThan(3500);
    }

    @Test
    void syncReportsAntiEntropyTrafficBeforeAndAfterTheCrash() {
        String line = sim(
                "--scenario",
                "sync",
                "--nodes",
                "40",
                "--seed",
                "2",
                "--warmup-s",
                "5",
                "--steady-s",
                "60",
                "--duration-s",
                "30");
        // 40 members push-pull with one member each every 30 s or so: some sync traffic before.
        assertThat(number(line, "sync_packets_per_s_before")).isPositive();
        assertThat(number(line, "sync_bytes_per_s_before")).isPositive();
        assertThat(number(line, "sync_bytes_per_s_after")).isNotNegative();
        assertThat(number(line, "sync_bytes_per_s_after_peak_10s"))
                .isGreaterThanOrEqualTo(number(line, "sync_bytes_per_s_after"));
        assertThat(line).doesNotContain("\"t_all_dead_ms\":null");
    }
}
