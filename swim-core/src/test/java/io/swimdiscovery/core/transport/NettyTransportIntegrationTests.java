package io.swimdiscovery.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.Address;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class NettyTransportIntegrationTests {

    private final List<Transport> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(Transport::close);
    }

    private Recorder bind(String host) {
        Recorder r = new Recorder();
        r.transport = NettyTransport.bind(
                TransportConfig.of(host, 0)
                        .withConnectTimeout(Duration.ofMillis(500))
                        .withIdleTimeout(Duration.ofSeconds(1)),
                r);
        open.add(r.transport);
        return r;
    }

    @Test
    void datagramAndStreamArriveOnTheSamePortOverIpv4() {
        Recorder a = bind("127.0.0.1");
        Recorder b = bind("127.0.0.1");
        assertThat(b.transport.localAddress().port()).isPositive();

        a.transport.sendDatagram(b.transport.localAddress(), new byte[] {1, 2, 3});
        a.transport.sendStream(b.transport.localAddress(), new byte[] {4, 5}).join();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(b.datagrams).singleElement().isEqualTo(new byte[] {1, 2, 3});
            assertThat(b.streams).singleElement().isEqualTo(new byte[] {4, 5});
        });
        assertThat(b.datagramSenders).containsExactly(a.transport.localAddress());
    }

    @Test
    void aDatagramLargerThanNettysDefaultReadBufferArrivesWhole() {
        Recorder a = bind("127.0.0.1");
        Recorder b = bind("127.0.0.1");
        byte[] big = new byte[9_000];
        java.util.Arrays.fill(big, (byte) 7);

        a.transport.sendDatagram(b.transport.localAddress(), big);

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(b.datagrams).singleElement().isEqualTo(big));
    }

    @Test
    void worksOverIpv6Loopback() throws Exception {
        Assumptions.assumeTrue(ipv6LoopbackUsable(), "no IPv6 loopback on this host");
        Recorder a = bind("::1");
        Recorder b = bind("::1");

        a.transport.sendDatagram(b.transport.localAddress(), new byte[] {9});
        a.transport.sendStream(b.transport.localAddress(), new byte[] {8}).join();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(b.datagrams).hasSize(1);
            assertThat(b.streams).hasSize(1);
        });
        assertThat(b.transport.localAddress().host()).contains(":");
    }

    @Test
    void aStreamFrameLargerThanADatagramArrivesWhole() {
        Recorder a = bind("127.0.0.1");
        Recorder b = bind("127.0.0.1");
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }

        a.transport.sendStream(b.transport.localAddress(), big).join();

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(b.streams).singleElement().isEqualTo(big));
    }

    @Test
    void aStreamToAnAddressNobodyListensOnFailsAsRefused_insteadOfHanging() {
        Recorder a = bind("127.0.0.1");
        Recorder gone = bind("127.0.0.1");
        Address dead = gone.transport.localAddress();
        gone.transport.close();

        CompletableFuture<Void> sent = a.transport.sendStream(dead, new byte[] {1});

        // Refused, not timed out: the engine suspects a probe target at once on this (docs/protocol.md).
        assertThatThrownBy(() -> sent.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining(dead.toString())
                .hasCauseInstanceOf(ConnectionRefusedException.class);
    }

    @Test
    void aFrameOverTheLimitIsRefusedBeforeConnecting() {
        Recorder a = new Recorder();
        a.transport = NettyTransport.bind(TransportConfig.of("127.0.0.1", 0).withMaxFrameSize(1024), a);
        open.add(a.transport);

        CompletableFuture<Void> sent = a.transport.sendStream(a.transport.localAddress(), new byte[2048]);

        assertThatThrownBy(() -> sent.get(5, TimeUnit.SECONDS)).hasMessageContaining("exceeds the limit of 1024");
    }

    @Test
    void aPeerAnnouncingAnOversizedFrameIsDisconnectedAndTheListenerKeepsWorking() throws Exception {
        Recorder a = new Recorder();
        a.transport = NettyTransport.bind(TransportConfig.of("127.0.0.1", 0).withMaxFrameSize(1024), a);
        open.add(a.transport);
        Address local = a.transport.localAddress();

        try (Socket hostile = new Socket()) {
            hostile.connect(new InetSocketAddress(local.host(), local.port()), 2000);
            hostile.setSoTimeout(5000);
            OutputStream out = hostile.getOutputStream();
            out.write(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            out.flush();
            // The transport closes the connection: read returns end of stream instead of blocking.
            assertThat(hostile.getInputStream().read()).isEqualTo(-1);
        }
        Recorder b = bind("127.0.0.1");
        b.transport.sendStream(local, new byte[] {7}).join();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(a.streams).hasSize(1));
    }

    @Test
    void anIdleInboundConnectionIsClosed() throws Exception {
        Recorder a = bind("127.0.0.1");
        Address local = a.transport.localAddress();
        try (Socket idle = new Socket()) {
            idle.connect(new InetSocketAddress(local.host(), local.port()), 2000);
            idle.setSoTimeout(10_000);
            assertThat(idle.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aTakenFixedPortFailsWithTheAddressInTheMessage() {
        Recorder a = bind("127.0.0.1");
        int port = a.transport.localAddress().port();

        assertThatThrownBy(() -> NettyTransport.bind(TransportConfig.of("127.0.0.1", port), new Recorder()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void nothingIsDeliveredAfterClose() throws Exception {
        Recorder a = bind("127.0.0.1");
        Recorder b = bind("127.0.0.1");
        b.transport.close();

        a.transport.sendDatagram(b.transport.localAddress(), new byte[] {1});
        Thread.sleep(200);

        assertThat(b.datagrams).isEmpty();
    }

    private static boolean ipv6LoopbackUsable() {
        try (java.net.DatagramSocket s =
                new java.net.DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
            return s.getLocalPort() > 0;
        } catch (Exception e) {
            return false;
        }
    }

    static final class Recorder implements Transport.InboundHandler {
        Transport transport;
        final List<byte[]> datagrams = new CopyOnWriteArrayList<>();
        final List<Address> datagramSenders = new CopyOnWriteArrayList<>();
        final List<byte[]> streams = new CopyOnWriteArrayList<>();

        @Override
        public void onDatagram(Address from, byte[] packet) {
            datagramSenders.add(from);
            datagrams.add(packet);
        }

        @Override
        public void onStream(Address from, byte[] packet) {
            streams.add(packet);
        }
    }
}
