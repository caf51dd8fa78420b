package io.swimdiscovery.benchmarks.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.sim.Simulation;
import io.swimdiscovery.core.sim.TraceAnalysis;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The proof's streaming count of false suspicions against the count from a kept trace. */
class SuspicionEpisodesTests {

    @Test
    void countsTheSameFalseSuspicionsAsTheTrace_andNothingOutsideItsWindow() {
        long seed = 7;
        SuspicionEpisodes counter = new SuspicionEpisodes();
        Simulation sim = Simulation.builder()
                .nodes(30)
                .seed(seed)
                .preformed(true)
                .listener(counter)
                .build();
        sim.runFor(Duration.ofSeconds(5));
        // A crash before the window: suspicions of a process that is down are not false.
        sim.crash(29);
        sim.loss(0.25);
        long from = sim.nowNanos();
        counter.start(sim);
        sim.runFor(Duration.ofSeconds(60));
        counter.stop();
        long until = sim.nowNanos();
        sim.runFor(Duration.ofSeconds(30));

        long fromTrace = TraceAnalysis.falseSuspicions(sim, from, until);
        assertThat(fromTrace)
                .as("seed %d: 25%% loss must cause false suspicions", seed)
                .isPositive();
        assertThat(counter.count()).as("seed %d", seed).isEqualTo(fromTrace);
    }
}
