package io.swimdiscovery.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.Address;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectingTransportTests {

    private static final Address A = new Address("127.0.0.1", 1001);
    private static final Address B = new Address("127.0.0.1", 1002);
    private static final Address C = new Address("127.0.0.1", 1003);

    private final NetworkFaults faults = new NetworkFaults();
    private final Recording wire = new Recording(A);
    private final Transport fromA = new FaultInjectingTransport(wire, faults);

    @AfterEach
    void close() {
        faults.close();
    }

    @Test
    void aPerfectNetworkPassesEverything() {
        fromA.sendDatagram(B, new byte[1]);
        fromA.sendStream(B, new byte[1]).join();

        assertThat(wire.datagramsTo).containsExactly(B);
        assertThat(wire.streamsTo).containsExactly(B);
    }

    @Test
    void fullLossDropsDatagrams_butOnlyDelaysStreams_asTcpResendsWould() throws Exception {
        faults.loss(1.0);

        fromA.sendDatagram(B, new byte[1]);
        CompletableFuture<Void> stream = fromA.sendStream(B, new byte[1]);
        Thread.sleep(300);

        assertThat(wire.datagramsTo).isEmpty();
        // Every packet of the exchange is lost at first: the frame waits for TCP's resends (33 s).
        assertThat(wire.streamsTo).isEmpty();
        assertThat(stream).isNotDone();
    }

    @Test
    void partialLossDropsAboutThatShare() {
        faults.loss(0.3);

        for (int i = 0; i < 10_000; i++) {
            fromA.sendDatagram(B, new byte[1]);
        }

        assertThat(wire.datagramsTo.size()).isBetween(6_500, 7_500);
    }

    @Test
    void perPeerLossHitsOnlyThatPeer() {
        faults.lossTo(B, 1.0);

        fromA.sendDatagram(B, new byte[1]);
        fromA.sendDatagram(C, new byte[1]);

        assertThat(wire.datagramsTo).containsExactly(C);
    }

    @Test
    void aOneWayPartitionBlocksOnlyThatDirection() {
        Recording wireB = new Recording(B);
        Transport fromB = new FaultInjectingTransport(wireB, faults);
        faults.partitionOneWay(A, B);

        fromA.sendDatagram(B, new byte[1]);
        CompletableFuture<Void> stream = fromA.sendStream(B, new byte[1]);
        fromB.sendDatagram(A, new byte[1]);

        assertThat(wire.datagramsTo).isEmpty();
        assertThat(stream).isCompletedExceptionally();
        assertThat(wireB.datagramsTo).containsExactly(A);
    }

    @Test
    void aTwoWayPartitionHealsAtRuntime() {
        Recording wireB = new Recording(B);
        Transport fromB = new FaultInjectingTransport(wireB, faults);
        faults.partition(A, B);
        fromA.sendDatagram(B, new byte[1]);
        fromB.sendDatagram(A, new byte[1]);

        faults.heal();
        fromA.sendDatagram(B, new byte[1]);
        fromB.sendDatagram(A, new byte[1]);

        assertThat(wire.datagramsTo).hasSize(1);
        assertThat(wireB.datagramsTo).hasSize(1);
    }

    @Test
    void addedDelayHoldsPacketsBack() {
        faults.delay(Duration.ofMillis(300));

        fromA.sendDatagram(B, new byte[1]);

        assertThat(wire.datagramsTo).isEmpty();
        await().atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(wire.datagramsTo).hasSize(1));
    }

    /** Records what would have gone on the wire. */
    static final class Recording implements Transport {
        final Address local;
        final List<Address> datagramsTo = new CopyOnWriteArrayList<>();
        final List<Address> streamsTo = new CopyOnWriteArrayList<>();

        Recording(Address local) {
            this.local = local;
        }

        @Override
        public Address localAddress() {
            return local;
        }

        @Override
        public void sendDatagram(Address to, byte[] packet) {
            datagramsTo.add(to);
        }

        @Override
        public CompletableFuture<Void> sendStream(Address to, byte[] packet) {
            streamsTo.add(to);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {}
    }
}
