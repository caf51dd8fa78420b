package io.swimdiscovery.benchmarks.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.benchmarks.JsonLine;
import io.swimdiscovery.core.sim.Simulation;
import io.swimdiscovery.core.sim.TraceAnalysis;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The loss scenario's reading of why live members were declared dead. */
class FalseDeathCausesTests {

    @Test
    void aMemberPausedPastItsSuspicionTimeoutIsDeclaredDeadWithoutHavingRefuted() {
        long seed = 11;
        FalseDeathCauses causes = new FalseDeathCauses();
        Simulation sim = Simulation.builder()
                .nodes(20)
                .seed(seed)
                .preformed(true)
                .listener(causes)
                .build();
        causes.start(sim);
        sim.runFor(Duration.ofSeconds(5));
        long from = sim.nowNanos();
        // Far past the pause tolerance and the longest suspicion timeout of 20 members: it cannot
        // answer, so it cannot refute, yet its process is up the whole time.
        sim.pause(7, Duration.ofSeconds(60));
        sim.runFor(Duration.ofSeconds(45));

        String line = causes.put(new JsonLine()).toString();
        assertThat(TraceAnalysis.falseDeaths(sim, from, sim.nowNanos()))
                .as("seed %d", seed)
                .isEqualTo(1);
        assertThat(line)
                .as("seed %d", seed)
                .contains("\"fd_first_declarations\":1,")
                .contains("\"fd_subject_had_refuted\":0,")
                .contains("\"fd_subject_had_not_refuted\":1,")
                .contains("\"fd_subject_had_rejoined\":0,")
                .contains("\"fd_no_suspicion_seen\":0,");
        // The pause tolerance (5 s by default) is the shortest a suspicion of silence may last.
        long age = Long.parseLong(line.replaceAll(".*\"fd_suspicion_age_ms_min\":(\\d+).*", "$1"));
        assertThat(age).as("seed %d", seed).isBetween(5_000L, 12_000L);
    }

    @Test
    void aCrashedMembersDeathIsNotCounted_eachLiveOneOnceHoweverManyDeclareIt() {
        long seed = 5;
        FalseDeathCauses causes = new FalseDeathCauses();
        Simulation sim = Simulation.builder()
                .nodes(30)
                .seed(seed)
                .preformed(true)
                .listener(causes)
                .build();
        causes.start(sim);
        sim.runFor(Duration.ofSeconds(5));
        sim.crash(3);
        sim.pause(4, Duration.ofSeconds(60));
        sim.pause(5, Duration.ofSeconds(60));
        sim.runFor(Duration.ofSeconds(45));

        String line = causes.put(new JsonLine()).toString();
        assertThat(TraceAnalysis.falseDeathEvents(sim, 0, sim.nowNanos()))
                .as("seed %d: every other member declares the paused ones dead", seed)
                .isGreaterThan(2 * 20);
        assertThat(field(line, "fd_first_declarations")).as("seed %d", seed).isEqualTo(2);
        assertThat(field(line, "fd_subject_had_not_refuted"))
                .as("seed %d", seed)
                .isEqualTo(2);
    }

    private static long field(String line, String name) {
        return Long.parseLong(line.replaceAll(".*\"" + name + "\":(\\d+).*", "$1"));
    }
}
