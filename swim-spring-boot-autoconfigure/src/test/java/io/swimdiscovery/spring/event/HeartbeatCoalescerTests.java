package io.swimdiscovery.spring.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** At most one publication per interval, only of changed values, and the last value is never lost. */
class HeartbeatCoalescerTests {

    private static final long INITIAL = 0;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    private final List<Long> published = new CopyOnWriteArrayList<>();

    private final AtomicLong clock = new AtomicLong(1_000);

    @AfterEach
    void stop() {
        this.scheduler.shutdownNow();
    }

    @Test
    void theFirstChangeGoesOutAndABurstWithinTheIntervalIsHeld() {
        HeartbeatCoalescer coalescer = coalescer(Duration.ofHours(1));
        coalescer.offer(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> this.published.size() == 1);
        coalescer.offer(2);
        coalescer.offer(3);
        // Held until the hour is over: nothing more now.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> this.published.size() == 1);
        assertThat(this.published).containsExactly(1L);
    }

    @Test
    void anUnchangedValueIsNeverPublished() {
        HeartbeatCoalescer coalescer = coalescer(Duration.ZERO);
        coalescer.offer(INITIAL);
        coalescer.offer(INITIAL);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(this.published::isEmpty);
        coalescer.offer(7);
        await().atMost(Duration.ofSeconds(5)).until(() -> this.published.size() == 1);
        coalescer.offer(7);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> this.published.size() == 1);
        assertThat(this.published).containsExactly(7L);
    }

    @Test
    void theLastValueOfABurstGoesOutOnceTheIntervalIsOver() {
        HeartbeatCoalescer coalescer = coalescer(Duration.ofMillis(200));
        coalescer.offer(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> this.published.size() == 1);
        coalescer.offer(2);
        coalescer.offer(3);
        // The clock moves past the interval (the scheduler waits the real 200 ms).
        this.clock.addAndGet(Duration.ofMillis(200).toNanos());
        await().atMost(Duration.ofSeconds(5)).until(() -> this.published.size() == 2);
        assertThat(this.published).containsExactly(1L, 3L);
    }

    @Test
    void aChangeBackToThePublishedValueWithinTheIntervalPublishesNothing() {
        HeartbeatCoalescer coalescer = coalescer(Duration.ofMillis(200));
        coalescer.offer(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> this.published.size() == 1);
        coalescer.offer(2);
        coalescer.offer(1);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).until(() -> this.published.size() == 1);
        assertThat(this.published).containsExactly(1L);
    }

    private HeartbeatCoalescer coalescer(Duration interval) {
        return new HeartbeatCoalescer(
                interval.toNanos(), this.clock::get, this.scheduler, this.published::add, INITIAL);
    }
}
