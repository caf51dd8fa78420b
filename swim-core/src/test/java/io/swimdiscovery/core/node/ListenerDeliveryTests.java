package io.swimdiscovery.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberFailed;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberJoined;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberSuspected;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listener delivery: in order, one at a time, never blocking the loop, and a bounded backlog that coalesces. */
class ListenerDeliveryTests {

    private final TrafficCounters traffic = new TrafficCounters();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    /** An executor that runs nothing until the test says so: a listener that is stuck. */
    private final Queue<Runnable> stuck = new ArrayDeque<>();

    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static Member member(String name, MemberStatus status) {
        return new Member(new MemberId(name, new Address("10.0.0.1", 7946), 1), status, 0, Map.of(), 0);
    }

    private static MembershipEvent joined(String name) {
        return new MemberJoined(member(name, MemberStatus.ALIVE));
    }

    private static String describe(MembershipEvent e) {
        return e.getClass().getSimpleName() + ":" + e.member().name();
    }

    private void runStuck() {
        Runnable r;
        while ((r = stuck.poll()) != null) {
            r.run();
        }
    }

    @Test
    void onAPool_eventsReachListenersOneAtATime_inOrder() {
        ListenerDelivery delivery = new ListenerDelivery(pool, traffic, 100_000);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        delivery.add(e -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            seen.add(e.member().name());
            concurrent.decrementAndGet();
        });
        for (int i = 0; i < 2_000; i++) {
            delivery.publish(joined("m" + i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2_000);
        assertThat(seen)
                .containsExactlyElementsOf(
                        IntStream.range(0, 2_000).mapToObj(i -> "m" + i).toList());
        assertThat(maxConcurrent.get()).isEqualTo(1);
    }

    @Test
    void aStuckListener_holdsAtMostTheBacklog_andTheRestIsCounted() {
        ListenerDelivery delivery = new ListenerDelivery(stuck::add, traffic, 4);
        delivery.add(e -> seen.add(describe(e)));
        for (int i = 0; i < 10; i++) {
            delivery.publish(joined("m" + i));
        }
        assertThat(delivery.pending()).isEqualTo(4);
        assertThat(traffic.dropped()).containsEntry(NodeDrops.LISTENER_EVENTS_BACKLOG_FULL, 6L);
        runStuck();
        assertThat(seen).containsExactly("MemberJoined:m0", "MemberJoined:m1", "MemberJoined:m2", "MemberJoined:m3");
        assertThat(delivery.pending()).isZero();
    }

    @Test
    void aFullBacklog_replacesAMembersPendingEventWithItsLatest_inPlace() {
        ListenerDelivery delivery = new ListenerDelivery(stuck::add, traffic, 3);
        delivery.add(e -> seen.add(describe(e)));
        delivery.publish(joined("a"));
        delivery.publish(new MemberSuspected(member("a", MemberStatus.SUSPECT), true)); // below the bound: kept
        delivery.publish(joined("b"));
        delivery.publish(new MemberFailed(member("a", MemberStatus.DEAD)));
        delivery.publish(new MemberSuspected(member("b", MemberStatus.SUSPECT), true));
        runStuck();
        assertThat(seen)
                .as("a's events stay in order, its latest replacing the last pending one; b's latest replaces its join")
                .containsExactly("MemberJoined:a", "MemberFailed:a", "MemberSuspected:b");
        assertThat(traffic.dropped()).containsEntry(NodeDrops.LISTENER_EVENTS_COALESCED, 2L);
    }

    @Test
    void belowTheBound_nothingIsCoalesced() {
        ListenerDelivery delivery = new ListenerDelivery(stuck::add, traffic, 10);
        delivery.add(e -> seen.add(describe(e)));
        delivery.publish(joined("a"));
        delivery.publish(new MemberSuspected(member("a", MemberStatus.SUSPECT), true));
        delivery.publish(new MemberFailed(member("a", MemberStatus.DEAD)));
        runStuck();
        assertThat(seen).containsExactly("MemberJoined:a", "MemberSuspected:a", "MemberFailed:a");
        assertThat(traffic.dropped()).containsEntry(NodeDrops.LISTENER_EVENTS_COALESCED, 0L);
    }
}
