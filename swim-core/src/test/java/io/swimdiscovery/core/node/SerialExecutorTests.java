package io.swimdiscovery.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTests {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void tasksOnAPoolRunOneAtATimeInSubmissionOrder() {
        SerialExecutor serial = new SerialExecutor(pool);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();

        for (int i = 0; i < 2_000; i++) {
            int n = i;
            serial.execute(() -> {
                maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                ran.add(n);
                concurrent.decrementAndGet();
            });
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 2_000);
        assertThat(ran)
                .containsExactlyElementsOf(IntStream.range(0, 2_000).boxed().toList());
        assertThat(maxConcurrent.get()).isEqualTo(1);
    }
}
