package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SuspicionTests {

    private static final long MIN = Duration.ofSeconds(8).toNanos();
    private static final long MAX = Duration.ofSeconds(48).toNanos();

    @Test
    void timeout_withoutConfirmations_isTheMaximum() {
        assertThat(Suspicion.timeoutNanos(0, 2, MIN, MAX)).isEqualTo(MAX);
    }

    @Test
    void timeout_withAllExpectedConfirmations_isTheMinimum() {
        assertThat(Suspicion.timeoutNanos(2, 2, MIN, MAX)).isEqualTo(MIN);
    }

    @Test
    void timeout_withOneOfTwoConfirmations_followsTheLifeguardLogCurve() {
        // max - (max - min) * log(2) / log(3) = 48 - 40 * 0.6309 = 22.76 s
        assertThat(Suspicion.timeoutNanos(1, 2, MIN, MAX) / 1e9)
                .isCloseTo(22.76, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void timeout_whenNoConfirmationsCanBeExpected_isTheMinimumAtOnce() {
        assertThat(Suspicion.timeoutNanos(0, 0, MIN, MAX)).isEqualTo(MIN);
    }

    @Property
    void timeout_neverGrowsWithConfirmations_andStaysWithinMinMax(
            @ForAll @IntRange(min = 0, max = 10) int c, @ForAll @IntRange(min = 1, max = 10) int k) {
        long now = Suspicion.timeoutNanos(c, k, MIN, MAX);
        long more = Suspicion.timeoutNanos(c + 1, k, MIN, MAX);
        assertThat(more).isLessThanOrEqualTo(now);
        assertThat(now).isBetween(MIN, MAX);
    }

    @Test
    void minTimeout_scalesWithLog10OfClusterSize_clampedAtOnePeriodPerMultiplier() {
        long period = Duration.ofSeconds(1).toNanos();
        assertThat(Suspicion.minTimeoutNanos(4, 1, period))
                .isEqualTo(Duration.ofSeconds(4).toNanos());
        assertThat(Suspicion.minTimeoutNanos(4, 10, period))
                .isEqualTo(Duration.ofSeconds(4).toNanos());
        assertThat(Suspicion.minTimeoutNanos(4, 100, period))
                .isEqualTo(Duration.ofSeconds(8).toNanos());
        assertThat(Suspicion.minTimeoutNanos(4, 1000, period))
                .isEqualTo(Duration.ofSeconds(12).toNanos());
    }

    @Test
    void confirm_countsEachIndependentMemberOnce_andNotTheOrigin() {
        Suspicion s = new Suspicion("origin", 0, MIN, MAX, 2);
        assertThat(s.confirm("origin")).isFalse();
        assertThat(s.confirm("b")).isTrue();
        assertThat(s.confirm("b")).isFalse();
        assertThat(s.deadlineNanos()).isEqualTo(Suspicion.timeoutNanos(1, 2, MIN, MAX));
        assertThat(s.confirm("c")).isTrue();
        assertThat(s.confirm("d")).as("no use counting past k").isFalse();
        assertThat(s.deadlineNanos()).isEqualTo(MIN);
    }
}
