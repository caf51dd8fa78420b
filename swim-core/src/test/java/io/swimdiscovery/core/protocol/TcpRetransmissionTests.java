package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TcpRetransmissionTests {

    @Test
    void aLosslessLink_addsNothing() {
        assertThat(TcpRetransmission.delayNanos(() -> false, () -> false)).isZero();
    }

    @Test
    void aLostSyn_costsTheOneSecondInitialTimeout_andALostDataSegmentTheTwoHundredMillisecondOne() {
        boolean[] forward = {true, false, true, false}; // SYN lost once, then data lost once
        int[] i = {0};
        long delay = TcpRetransmission.delayNanos(() -> forward[i[0]++], () -> false);
        assertThat(delay).isEqualTo(1_000_000_000L + 200_000_000L);
    }

    @Test
    void atTenPercentLoss_aboutAQuarterOfExchangesAreLate_andEveryOneIsBounded() {
        SplittableRandom random = new SplittableRandom(1);
        int late = 0;
        int runs = 100_000;
        for (int r = 0; r < runs; r++) {
            long d = TcpRetransmission.delayNanos(() -> random.nextDouble() < 0.1, () -> random.nextDouble() < 0.1);
            assertThat(d).isLessThanOrEqualTo(2 * 15_000_000_000L + 3_000_000_000L);
            if (d > 0) {
                late++;
            }
        }
        // 1 - 0.9^3 = 27.1% of exchanges lose at least one of their three packets.
        assertThat(late / (double) runs).isBetween(0.26, 0.28);
    }
}
