package io.swimdiscovery.core.node;

import static io.swimdiscovery.core.node.LoopbackCluster.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberFailed;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberJoined;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberLeft;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberSuspected;
import io.swimdiscovery.core.seed.SeedProvider;
import io.swimdiscovery.core.transport.Transport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What try-with-resources, shutdown hooks and readers see: {@code close()} is a graceful leave,
 * {@code halt()} a crash, and the member views are read without waiting for the event loop.
 */
class SwimNodeLifecycleTests {

    private final LoopbackCluster cluster = new LoopbackCluster();
    private final CountDownLatch releaseLoop = new CountDownLatch(1);

    @AfterEach
    void closeCluster() {
        releaseLoop.countDown();
        cluster.close();
    }

    @Test
    void closeLeavesGracefullySoPeersSeeLeftAndNoFailure() {
        List<SwimNode> nodes = cluster.form(3);
        SwimNode leaver = nodes.get(2);
        String name = leaver.localMember().name();

        try (SwimNode closing = leaver) {
            assertThat(closing.isRunning()).isTrue();
        }

        assertThat(leaver.isRunning()).isFalse();
        assertThat(leaver.localMember().status()).isEqualTo(MemberStatus.LEFT);
        for (SwimNode peer : List.of(nodes.get(0), nodes.get(1))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !cluster.eventsAbout(peer, name, MemberLeft.class)
                    .isEmpty());
            assertThat(view(peer, name)).get().extracting(Member::status).isEqualTo(MemberStatus.LEFT);
            assertThat(cluster.eventsAbout(peer, name, MemberSuspected.class)).isEmpty();
            assertThat(cluster.eventsAbout(peer, name, MemberFailed.class)).isEmpty();
        }
    }

    @Test
    void haltStopsWithoutLeavingSoPeersDeclareTheNodeFailed() {
        List<SwimNode> nodes = cluster.form(3);
        SwimNode victim = nodes.get(1);
        String name = victim.localMember().name();

        victim.halt();

        assertThat(victim.isRunning()).isFalse();
        for (SwimNode peer : List.of(nodes.get(0), nodes.get(2))) {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() ->
                            !cluster.eventsAbout(peer, name, MemberFailed.class).isEmpty());
            assertThat(cluster.eventsAbout(peer, name, MemberLeft.class)).isEmpty();
            assertThat(peer.routableMembers()).extracting(Member::name).doesNotContain(name);
        }
    }

    @Test
    void aSecondLeaveReturnsTheFirstOneAndCloseAfterLeaveDoesNothing() {
        SwimNode node = cluster.start("twice", b -> {});

        CompletableFuture<Void> first = node.leave(Duration.ofSeconds(2));
        CompletableFuture<Void> second = node.leave(Duration.ofSeconds(2));
        first.orTimeout(10, TimeUnit.SECONDS).join();
        node.close();

        assertThat(second).isSameAs(first);
        assertThat(node.isRunning()).isFalse();
    }

    @Test
    void routableMembersFollowChangesAndAreReadWhileTheEventLoopIsBusy() throws Exception {
        AtomicBoolean blockNextSend = new AtomicBoolean();
        CountDownLatch loopBlocked = new CountDownLatch(1);
        AtomicBoolean loopStillBlocked = new AtomicBoolean();
        List<Boolean> joinedVisibleToListener = new CopyOnWriteArrayList<>();
        SwimNode a = cluster.start(
                "a",
                b -> b.transportDecorator(t -> new BlockingTransport(t, () -> {
                    if (blockNextSend.compareAndSet(true, false)) {
                        loopStillBlocked.set(true);
                        loopBlocked.countDown();
                        awaitQuietly(releaseLoop);
                        loopStillBlocked.set(false);
                    }
                })));
        a.join().join();
        a.addListener(e -> {
            if (e instanceof MemberJoined j) {
                joinedVisibleToListener.add(a.routableMembers().stream()
                        .anyMatch(m -> m.name().equals(j.member().name())));
            }
        });
        SeedProvider seed = SeedProvider.of(List.of(a.localMember().address()));
        SwimNode b = cluster.start("b", x -> x.seeds(seed));
        b.join().join();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.routableMembers().size() == 2);

        // Park the event loop inside a send, then read: a read that needed the loop could not return.
        blockNextSend.set(true);
        assertThat(loopBlocked.await(10, TimeUnit.SECONDS))
                .as("the loop sent something within 10 s")
                .isTrue();
        List<Member> routable = a.routableMembers();
        List<Member> members = a.members();
        Member self = a.localMember();
        assertThat(loopStillBlocked)
                .as("the loop was still parked while the reads returned")
                .isTrue();
        releaseLoop.countDown();

        assertThat(routable).extracting(Member::name).containsExactlyInAnyOrder("a", "b");
        assertThat(members).extracting(Member::name).containsExactlyInAnyOrder("a", "b");
        assertThat(self.name()).isEqualTo("a");
        assertThat(joinedVisibleToListener).containsExactly(true);
        assertThatImmutable(routable);

        b.halt();
        await().atMost(Duration.ofSeconds(30)).until(() -> a.routableMembers().stream()
                .noneMatch(m -> m.name().equals("b")));
        assertThat(a.members()).anyMatch(m -> m.name().equals("b") && m.status().isTerminal());
    }

    private static void assertThatImmutable(List<Member> list) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> list.add(list.get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code beforeSend} on the sending thread (the event loop) before each datagram. */
    private record BlockingTransport(Transport delegate, Runnable beforeSend) implements Transport {
        @Override
        public Address localAddress() {
            return delegate.localAddress();
        }

        @Override
        public void sendDatagram(Address to, byte[] packet) {
            beforeSend.run();
            delegate.sendDatagram(to, packet);
        }

        @Override
        public CompletableFuture<Void> sendStream(Address to, byte[] packet) {
            return delegate.sendStream(to, packet);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
