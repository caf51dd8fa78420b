package io.swimdiscovery.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.security.Keyring;
import io.swimdiscovery.core.seed.SeedProvider;
import io.swimdiscovery.core.transport.Transport;
import io.swimdiscovery.core.wire.PacketCodec;
import java.io.DataOutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Full-state syncs in flight are capped: beyond the cap a sync is not sent and a sync digest not
 * taken, both counted; a permit comes back when its stream send ends.
 */
class FullStateLimitTests {

    private static final int CAP = 2;

    /** Stream sends the fake network holds: they end only when the test says so. */
    private final Queue<CompletableFuture<Void>> held = new ConcurrentLinkedQueue<>();

    private final SwimNode node = SwimNode.builder()
            .name("capped")
            .bindHost("127.0.0.1")
            .bindPort(0)
            .settings(SwimSettings.builder()
                    .protocolPeriod(Duration.ofMillis(200))
                    .probeTimeout(Duration.ofMillis(100))
                    .build())
            .seeds(SeedProvider.of(
                    List.of(new Address("127.0.0.1", 1), new Address("127.0.0.1", 2), new Address("127.0.0.1", 3))))
            .maxConcurrentSyncs(CAP)
            .transportDecorator(this::holdingStreams)
            .build();

    @AfterEach
    void stop() {
        held.forEach(f -> f.complete(null));
        node.halt();
    }

    @Test
    void syncsBeyondTheCap_areDroppedAndCounted_untilASendEnds() throws Exception {
        node.start();
        node.join(); // a full-state sync to each of the three seeds
        await().atMost(Duration.ofSeconds(10)).until(() -> dropped() >= 1);
        assertThat(held).hasSize(CAP);

        sendDigest(node.localMember().address());
        await().atMost(Duration.ofSeconds(10))
                .alias("a digest while the cap is reached is not taken")
                .until(() -> dropped() >= 2);
        assertThat(node.statistics().messagesReceived()).containsEntry("sync-digest", 1L);

        held.forEach(f -> f.completeExceptionally(new java.io.IOException("gone")));
        held.clear();
        // Alone and not joined, the node retries a seed every two periods: the freed permits let it.
        await().atMost(Duration.ofSeconds(10)).until(() -> !held.isEmpty());
    }

    private long dropped() {
        return node.statistics().dropped().get(NodeDrops.SYNC_CONCURRENCY_LIMIT);
    }

    private void sendDigest(Address to) throws Exception {
        PacketCodec codec = new PacketCodec(
                "swim", Keyring.empty(), EncryptionMode.NONE, SwimSettings.lan().maxPacketSize());
        MemberId peer = new MemberId("peer", new Address("127.0.0.1", 9), 5);
        byte[] frame = codec.encodeStream(new Message.SyncDigest(peer, 42));
        try (Socket s = new Socket(to.host(), to.port());
                DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            out.write(frame); // the codec's frame: length prefix, then the packet
            out.flush();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> node.statistics().messagesReceived().getOrDefault("sync-digest", 0L) >= 1);
        }
    }

    private Transport holdingStreams(Transport real) {
        return new Transport() {
            @Override
            public Address localAddress() {
                return real.localAddress();
            }

            @Override
            public void sendDatagram(Address to, byte[] packet) {
                real.sendDatagram(to, packet);
            }

            @Override
            public CompletableFuture<Void> sendStream(Address to, byte[] packet) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                held.add(f);
                return f;
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }
}
