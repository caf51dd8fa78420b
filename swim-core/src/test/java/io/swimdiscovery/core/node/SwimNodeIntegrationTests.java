package io.swimdiscovery.core.node;

import static io.swimdiscovery.core.node.LoopbackCluster.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberJoined;
import io.swimdiscovery.core.seed.SeedProvider;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The node's API on a few real nodes: lifecycle, join errors, listeners, metadata, statistics. */
class SwimNodeIntegrationTests {

    private final LoopbackCluster cluster = new LoopbackCluster();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void closeAll() {
        cluster.close();
        pool.shutdownNow();
    }

    @Test
    void aNodeOnPortZeroAdvertisesTheBoundPortAndJoinsAloneAtOnceWithoutSeeds() {
        SwimNode node = cluster.start("solo", b -> {});

        node.join().join();

        assertThat(node.isRunning()).isTrue();
        assertThat(node.localMember().address().host()).isEqualTo("127.0.0.1");
        assertThat(node.localMember().address().port()).isPositive();
        assertThat(node.members()).extracting(m -> m.name()).containsExactly("solo");
    }

    @Test
    void joinThroughASeedNobodyAnswersFailsNamingTheSeedAndKeepsRetryingInTheBackground() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        Address nobody = new Address("127.0.0.1", freePort);
        SwimNode node = cluster.start(
                "lonely", b -> b.joinTimeout(Duration.ofSeconds(1)).seeds(SeedProvider.of(List.of(nobody))));

        CompletableFuture<Void> join = node.join();

        assertThatThrownBy(join::join)
                .hasCauseInstanceOf(JoinFailedException.class)
                .hasMessageContaining("127.0.0.1:" + freePort)
                .hasMessageContaining("retrying");

        // The seed comes up on that port later: the node gets in without another join() call.
        SwimNode late = cluster.start("late-seed", b -> b.bindPort(freePort));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> view(late, "lonely").isPresent()
                        && view(node, "late-seed").isPresent());
    }

    @Test
    void nodesBoundToTheWildcardAdvertiseTheirOwnAddressAndFormACluster() {
        SwimNode a = cluster.start("wild-a", b -> b.bindHost("0.0.0.0").advertiseHost("127.0.0.1"));
        SwimNode b2 = cluster.start("wild-b", b -> b.bindHost("0.0.0.0")
                .advertiseHost("127.0.0.1")
                .seeds(SeedProvider.of(List.of(a.localMember().address()))));

        b2.join().join();

        assertThat(a.localMember().address().host()).isEqualTo("127.0.0.1");
        await().atMost(Duration.ofSeconds(10)).until(() -> view(a, "wild-b").isPresent());
    }

    @Test
    void threeNodesFormAClusterOverIpv6Loopback() {
        Assumptions.assumeTrue(ipv6LoopbackUsable(), "no IPv6 loopback on this host");
        SwimNode a = cluster.start("v6-a", b -> b.bindHost("::1"));
        SeedProvider seed = SeedProvider.of(List.of(a.localMember().address()));
        cluster.start("v6-b", b -> b.bindHost("::1").seeds(seed)).join().join();
        cluster.start("v6-c", b -> b.bindHost("::1").seeds(seed)).join().join();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> cluster.running().stream().allMatch(n -> LoopbackCluster.alive(n) == 3));
        assertThat(a.localMember().address().host()).contains(":");
    }

    private static boolean ipv6LoopbackUsable() {
        try (java.net.DatagramSocket s =
                new java.net.DatagramSocket(new java.net.InetSocketAddress(java.net.InetAddress.getByName("::1"), 0))) {
            return s.getLocalPort() > 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aSeedGivenByHostNameIsResolvedBeforeTheEngineSeesIt() {
        SwimNode seed = cluster.start("named-seed", b -> {});
        int port = seed.localMember().address().port();

        SwimNode node =
                cluster.start("by-name", b -> b.seeds(SeedProvider.of(List.of(new Address("localhost", port)))));
        node.join().join();

        await().atMost(Duration.ofSeconds(10)).until(() -> view(seed, "by-name").isPresent());
    }

    @Test
    void listenersSeeEventsInOrderOffTheLoopAndAThrowingListenerIsCountedNotFatal() {
        List<String> threads = new CopyOnWriteArrayList<>();
        List<MembershipEvent> seen = new CopyOnWriteArrayList<>();
        SwimNode a = cluster.start("a", b -> b.listenerExecutor(pool));
        a.addListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        a.addListener(e -> {
            threads.add(Thread.currentThread().getName());
            seen.add(e);
        });
        a.join().join();
        SeedProvider seed = SeedProvider.of(List.of(a.localMember().address()));

        for (int i = 0; i < 3; i++) {
            cluster.start("b" + i, b -> b.seeds(seed)).join().join();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 3);
        assertThat(seen).allMatch(e -> e instanceof MemberJoined);
        assertThat(threads).noneMatch(t -> t.startsWith("swim-node-"));
        assertThat(a.listenerFailures()).isGreaterThanOrEqualTo(3);
        assertThat(a.isRunning()).isTrue();
    }

    @Test
    void metadataUpdatesReachTheOtherNodes() {
        List<SwimNode> nodes = cluster.form(3, b -> b.metadata(Map.of("zone", "a")));

        nodes.get(1)
                .updateMetadata(Map.of("zone", "b", "status", "OUT_OF_SERVICE"))
                .join();

        String name = nodes.get(1).localMember().name();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> cluster.running().stream().allMatch(n -> view(n, name)
                        .map(m -> "OUT_OF_SERVICE".equals(m.metadata().get("status")))
                        .orElse(false)));
        assertThat(nodes.get(1).localMember().incarnation()).isPositive();
    }

    @Test
    void metadataOverTheLimitIsRefusedWithoutHarmingTheNode() {
        SwimNode node = cluster.start("meta", b -> {});

        CompletableFuture<Void> update = node.updateMetadata(Map.of("big", "x".repeat(10_000)));

        assertThatThrownBy(update::join).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(node.isRunning()).isTrue();
    }

    @Test
    void statisticsCountMessagesAndBytesByTypeAndMembersByStatus() {
        List<SwimNode> nodes = cluster.form(3);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> nodes.get(0).statistics().messagesSent().getOrDefault("ping", 0L) > 2);

        NodeStatistics s = nodes.get(0).statistics();
        assertThat(s.messagesSent()).containsKeys("ping", "ack", "sync");
        assertThat(s.messagesReceived()).containsKeys("ping", "ack", "sync");
        assertThat(s.bytesSent().get("ping")).isGreaterThan(s.messagesSent().get("ping"));
        assertThat(s.membersByStatus()).containsEntry(io.swimdiscovery.core.protocol.MemberStatus.ALIVE, 3);
        assertThat(s.protocol().probesAcked()).isPositive();
        assertThat(s.rejectedPackets()).isEmpty();
    }

    @Test
    void aGarbageDatagramIsCountedAsRejectedAndTheNodeCarriesOn() throws Exception {
        SwimNode node = cluster.start("target", b -> {});
        Address at = node.localMember().address();

        try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
            byte[] junk = "definitely not a swim packet".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            s.send(new java.net.DatagramPacket(
                    junk, junk.length, java.net.InetAddress.getByName(at.host()), at.port()));
        }

        await().atMost(Duration.ofSeconds(5))
                .until(() -> !node.statistics().rejectedPackets().isEmpty());
        assertThat(node.isRunning()).isTrue();
    }

    @Test
    void aSyncInADatagram_whoseSourceCouldBeForged_isRejectedAndNotAnswered() throws Exception {
        SwimNode node = cluster.start("target", b -> {});
        Address at = node.localMember().address();
        // A well-formed sync naming a stranger: over a stream it would be merged and answered with
        // the full state; in a datagram it is dropped and counted.
        io.swimdiscovery.core.protocol.MemberId stranger =
                new io.swimdiscovery.core.protocol.MemberId("stranger", new Address("127.0.0.1", 9), 7);
        byte[] sync = new io.swimdiscovery.core.wire.PacketCodec(
                        "swim",
                        io.swimdiscovery.core.security.Keyring.empty(),
                        io.swimdiscovery.core.security.EncryptionMode.NONE,
                        1400)
                .encode(new io.swimdiscovery.core.protocol.Message.Sync(
                        stranger,
                        false,
                        false,
                        List.of(new io.swimdiscovery.core.protocol.Gossip(
                                stranger, io.swimdiscovery.core.protocol.MemberStatus.ALIVE, 0, Map.of(), null))));

        try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
            s.send(new java.net.DatagramPacket(
                    sync, sync.length, java.net.InetAddress.getByName(at.host()), at.port()));
        }

        await().atMost(Duration.ofSeconds(5))
                .until(() -> node.statistics().rejectedPackets().getOrDefault("stream-only-in-datagram", 0L) == 1L);
        assertThat(node.members()).extracting(m -> m.name()).doesNotContain("stranger");
    }

    @Test
    void leaveOfANodeAloneCompletesAtOnceAndStopsIt() {
        SwimNode node = cluster.start("alone", b -> {});

        node.leave(Duration.ofSeconds(5))
                .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                .join();

        assertThat(node.isRunning()).isFalse();
        assertThat(node.localMember().status()).isEqualTo(io.swimdiscovery.core.protocol.MemberStatus.LEFT);
    }

    @Test
    void closeIsIdempotentAndAClosedNodeAnswersReadsFromItsLastState() {
        SwimNode node = cluster.start("closing", b -> {});
        node.start();

        node.close();
        node.close();

        assertThat(node.isRunning()).isFalse();
        assertThat(node.members()).hasSize(1);
        assertThat(node.localMember().name()).isEqualTo("closing");
        assertThatThrownBy(node::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(node::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theBuilderNamesTheSettingThatIsWrong() {
        assertThatThrownBy(() -> SwimNode.builder().bindPort(70_000).build()).hasMessageContaining("bindPort");
        assertThatThrownBy(() -> SwimNode.builder()
                        .keys(List.of(new byte[5]))
                        .encryptionMode(io.swimdiscovery.core.security.EncryptionMode.REQUIRED)
                        .build())
                .hasMessageContaining("16, 24 or 32");
        assertThatThrownBy(() -> SwimNode.builder()
                        .encryptionMode(io.swimdiscovery.core.security.EncryptionMode.REQUIRED)
                        .build())
                .hasMessageContaining("needs at least one key");
        assertThatThrownBy(() -> SwimNode.builder().clusterName("").build()).hasMessageContaining("clusterName");
        assertThatThrownBy(() -> SwimNode.builder().joinTimeout(Duration.ZERO).build())
                .hasMessageContaining("joinTimeout");
    }
}
