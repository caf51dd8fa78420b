package io.swimdiscovery.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.security.Keyring;
import io.swimdiscovery.core.wire.PacketCodec;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node whose protocol thread falls behind drops inbound datagrams beyond its queue bound and
 * counts them, instead of queueing without limit; acks to its own probes still get through.
 */
class InboundQueueBoundsTests {

    private static final int QUEUE = 8;

    private final CountDownLatch release = new CountDownLatch(1);
    private final SwimNode node = SwimNode.builder()
            .name("bounded")
            .bindHost("127.0.0.1")
            .bindPort(0)
            .maxQueuedDatagrams(QUEUE)
            .build();
    private final PacketCodec peerCodec = new PacketCodec(
            "swim", Keyring.empty(), EncryptionMode.NONE, SwimSettings.lan().maxPacketSize());

    @AfterEach
    void stop() {
        release.countDown();
        node.halt();
    }

    @Test
    void aFullQueueDropsAndCountsDatagramsWhileAcksStillGetThrough() throws Exception {
        node.start();
        Address self = node.localMember().address();
        CountDownLatch blocked = new CountDownLatch(1);
        node.eventLoop().submit(() -> {
            blocked.countDown();
            awaitQuietly(release);
        });
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();

        MemberId peer = new MemberId("flooder", new Address("127.0.0.1", 1), 7);
        byte[] gossip = peerCodec.encode(new Message.GossipPush(peer, List.of()));
        byte[] ack = peerCodec.encode(new Message.Ack(99, List.of()));
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress to = new InetSocketAddress(self.host(), self.port());
            for (int i = 0; i < 50; i++) {
                socket.send(new DatagramPacket(gossip, gossip.length, to));
            }
            for (int i = 0; i < 5; i++) {
                socket.send(new DatagramPacket(ack, ack.length, to));
            }
        }
        // The drops are counted on the I/O thread, so they are visible while the loop is still stuck.
        await().atMost(Duration.ofSeconds(10)).until(() -> rejectedWhileBlocked() >= 50 - QUEUE);
        release.countDown();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            NodeStatistics s = node.statistics();
            assertThat(s.rejectedPackets()).containsEntry(PacketRejections.INBOUND_QUEUE_FULL, (long) (50 - QUEUE));
            assertThat(s.messagesReceived())
                    .containsEntry("gossip", (long) QUEUE)
                    .containsEntry("ack", 5L);
        });
    }

    private long rejectedWhileBlocked() {
        return node.trafficForTests().rejectedPackets().getOrDefault(PacketRejections.INBOUND_QUEUE_FULL, 0L);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
