package io.swimdiscovery.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Loops sharing a pool: each one serial and in order, timers cancellable, stops that drop. */
class SharedLoopRunnerTests {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        pool.shutdownNow();
        timers.shutdownNow();
    }

    @Test
    void tasksOfOneLoopRunOneAtATimeAndInOrderOnAPoolOfFour() throws Exception {
        int loops = 8;
        int perLoop = 2_000;
        List<SharedLoopRunner> runners = new ArrayList<>();
        List<List<Integer>> seen = new ArrayList<>();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(loops);
        for (int l = 0; l < loops; l++) {
            runners.add(new SharedLoopRunner(pool, timers));
            seen.add(new ArrayList<>());
        }
        for (int l = 0; l < loops; l++) {
            SharedLoopRunner r = runners.get(l);
            List<Integer> out = seen.get(l);
            AtomicBoolean running = new AtomicBoolean();
            Thread producer = new Thread(() -> {
                for (int i = 0; i < perLoop; i++) {
                    int value = i;
                    r.execute(() -> {
                        if (!running.compareAndSet(false, true)) {
                            overlaps.incrementAndGet();
                        }
                        assertThat(r.inLoop()).isTrue();
                        out.add(value);
                        running.set(false);
                        if (value == perLoop - 1) {
                            done.countDown();
                        }
                    });
                }
            });
            producer.start();
        }

        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(overlaps).hasValue(0);
        for (List<Integer> out : seen) {
            assertThat(out).hasSize(perLoop).isSorted();
        }
        assertThat(runners.get(0).inLoop()).isFalse();
    }

    @Test
    void aCancelledTimerDoesNotRunAndAnotherDoes() throws Exception {
        SharedLoopRunner r = new SharedLoopRunner(pool, timers);
        AtomicBoolean cancelledRan = new AtomicBoolean();
        CountDownLatch fired = new CountDownLatch(1);

        ScheduledFuture<?> cancelled = r.schedule(() -> cancelledRan.set(true), TimeUnit.MILLISECONDS.toNanos(50));
        r.schedule(fired::countDown, TimeUnit.MILLISECONDS.toNanos(100));
        assertThat((Object) cancelled).isNotNull();
        cancelled.cancel(false);

        assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cancelled.isCancelled()).isTrue();
        assertThat(cancelledRan).isFalse();
    }

    @Test
    void afterAStopTasksAndTimersAreDroppedAndTheStopWaitsForTheRunningTask() throws Exception {
        SharedLoopRunner r = new SharedLoopRunner(pool, timers);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ranAfter = new AtomicInteger();
        r.execute(() -> {
            started.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        r.execute(ranAfter::incrementAndGet);
        ScheduledFuture<?> timer = r.schedule(ranAfter::incrementAndGet, TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        r.shutdownNow();
        assertThat(r.awaitIdle(50, TimeUnit.MILLISECONDS)).isFalse();
        release.countDown();

        assertThat(r.awaitIdle(5, TimeUnit.SECONDS)).isTrue();
        assertThat(r.execute(ranAfter::incrementAndGet)).isFalse();
        assertThat((Object) r.schedule(ranAfter::incrementAndGet, 0)).isNull();
        assertThat((Object) timer).isNotNull();
        assertThat(timer.isCancelled()).isTrue();
        Thread.sleep(100);
        assertThat(ranAfter).hasValue(0);
    }
}
