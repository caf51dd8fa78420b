package io.swimdiscovery.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A flood of the same failure logs one stack trace per reason per minute, not one per packet. */
class ThrottledErrorLogTests {

    private final AtomicLong clock = new AtomicLong();
    private final ThrottledErrorLog log =
            new ThrottledErrorLog(System.getLogger("test.throttled"), clock::get, Duration.ofMinutes(1));

    @Test
    void oneFullTracePerKeyPerWindow() {
        int full = 0;
        for (int i = 0; i < 1_000; i++) {
            clock.addAndGet(Duration.ofMillis(10).toNanos());
            if (log.error("gossip", "engine failed", new IllegalStateException("boom"))) {
                full++;
            }
        }
        // 1,000 failures over 10 s: one trace.
        assertThat(full).isEqualTo(1);
        // Another reason has its own allowance.
        assertThat(log.error("ping", "engine failed", new IllegalStateException("boom")))
                .isTrue();
        // After the window the same reason logs in full again.
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(log.error("gossip", "engine failed", new IllegalStateException("boom")))
                .isTrue();
        assertThat(log.error("gossip", "engine failed", new IllegalStateException("boom")))
                .isFalse();
    }
}
