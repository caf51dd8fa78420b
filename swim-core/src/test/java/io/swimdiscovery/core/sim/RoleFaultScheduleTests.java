package io.swimdiscovery.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.RoleSettings;
import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The roles' safety invariant under random fault schedules: never two valid primary claims at
 * one virtual instant. {@code -Droles.schedules=N} runs more; {@code -Droles.firstSeed=S} starts
 * elsewhere; a failing schedule prints its seed, and {@code -Droles.schedules=1
 * -Droles.firstSeed=<seed>} replays it.
 */
class RoleFaultScheduleTests {

    @Test
    void noTwoPrimariesAtOneInstantUnderRandomFaults() {
        int count = Integer.getInteger("roles.schedules", 120);
        long first = Long.getLong("roles.firstSeed", 1);
        List<String> failures = new ArrayList<>();
        int healed = 0;
        for (long seed = first; seed < first + count; seed++) {
            int n = new int[] {3, 5, 7}[(int) (seed % 3)];
            if (Boolean.getBoolean("roles.trace")) {
                System.err.println("schedule " + seed);
            }
            RoleFaultSchedule.Outcome o = new RoleFaultSchedule(seed, n, Duration.ofSeconds(120))
                    .run(SwimSettings.lan(), RoleSettings.forGroup("g"));
            if (o.violation() != null) {
                failures.add("seed " + seed + " (n=" + n + "): " + o.violation() + "\n  faults: " + o.faults());
            }
            if (o.primaryAfterHeal()) {
                healed++;
            }
        }
        System.out.printf(
                "%d schedules, %d violations, %d with one primary within 2 min of the heal%n",
                count, failures.size(), healed);
        assertThat(failures)
                .as("replay with -Droles.schedules=1 -Droles.firstSeed=<seed>")
                .isEmpty();
        assertThat(healed)
                .as("schedules that got a primary back after the heal")
                .isEqualTo(count);
    }
}
