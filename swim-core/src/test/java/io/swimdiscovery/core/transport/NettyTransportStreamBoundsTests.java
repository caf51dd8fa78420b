package io.swimdiscovery.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.Address;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or broken peer can make a listener hold: the limits of a stream connection close
 * it and are counted (by reason), and the listener keeps serving well-behaved peers.
 */
class NettyTransportStreamBoundsTests {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Recorder bind(UnaryOperator<TransportConfig> tuning) {
        Recorder r = new Recorder();
        r.transport = NettyTransport.bind(tuning.apply(TransportConfig.of("127.0.0.1", 0)), r);
        open.add(r.transport);
        return r;
    }

    private Socket connect(Recorder to) throws IOException {
        Socket s = new Socket();
        open.add(s);
        Address a = to.transport.localAddress();
        s.connect(new InetSocketAddress(a.host(), a.port()), 2000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static byte[] header(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    @Test
    void aFrameOfExactlyTheLimitIsSentAndReceived() {
        Recorder sender = bind(c -> c.withMaxFrameSize(1024));
        Recorder receiver = bind(c -> c.withMaxFrameSize(1024));
        byte[] frame = new byte[1024];
        frame[1023] = 9;

        sender.transport.sendStream(receiver.transport.localAddress(), frame).join();

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(receiver.streams).singleElement().isEqualTo(frame));
        assertThat(receiver.drops).isEmpty();
    }

    @Test
    void aLengthZeroFrameClosesTheConnectionAndIsCounted() throws Exception {
        Recorder r = bind(UnaryOperator.identity());
        Socket s = connect(r);
        s.getOutputStream().write(header(0));
        s.getOutputStream().flush();

        assertThat(s.getInputStream().read()).isEqualTo(-1);
        await().atMost(Duration.ofSeconds(5)).until(() -> r.drops.contains(TransportDrops.EMPTY_FRAME));
    }

    @Test
    void aFrameAnnouncingOneByteOverTheLimitClosesTheConnectionAndIsCounted() throws Exception {
        Recorder r = bind(c -> c.withMaxFrameSize(1024));
        Socket s = connect(r);
        s.getOutputStream().write(header(1025));
        s.getOutputStream().flush();

        assertThat(s.getInputStream().read()).isEqualTo(-1);
        await().atMost(Duration.ofSeconds(5)).until(() -> r.drops.contains(TransportDrops.FRAME_TOO_LARGE));
    }

    @Test
    void aPeerTricklingOneByteAtATimeIsClosedAtTheFrameDeadline() throws Exception {
        // The idle timeout alone would never fire: every byte arrives well within it.
        Recorder r = bind(c -> c.withIdleTimeout(Duration.ofSeconds(30)).withFrameReadTimeout(Duration.ofMillis(500)));
        Socket s = connect(r);
        OutputStream out = s.getOutputStream();
        out.write(header(1000));
        out.flush();
        Thread trickle = new Thread(() -> {
            try {
                for (int i = 0; i < 200 && !Thread.currentThread().isInterrupted(); i++) {
                    out.write(1);
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException closed) {
                // The listener closed the connection: what the test waits for.
            }
        });
        trickle.setDaemon(true);
        trickle.start();
        try {
            await().atMost(Duration.ofSeconds(8)).until(() -> r.drops.contains(TransportDrops.READ_TIMEOUT));
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        } finally {
            trickle.interrupt();
            trickle.join(5000);
        }
        assertThat(r.streams).isEmpty();
    }

    @Test
    void connectionsBeyondTheCapAreClosedAndCountedAndTheListenerStillServes() throws Exception {
        Recorder r = bind(c -> c.withMaxInboundConnections(4));
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sockets.add(connect(r));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> r.drops.size() >= 2);
        int closed = 0;
        for (Socket s : sockets) {
            s.setSoTimeout(300);
            try {
                if (s.getInputStream().read() == -1) {
                    closed++;
                }
            } catch (SocketTimeoutException stillOpen) {
                // Within the cap: the listener keeps it.
            }
        }
        assertThat(closed).isEqualTo(2);
        assertThat(r.drops).containsExactly(TransportDrops.CONNECTION_LIMIT, TransportDrops.CONNECTION_LIMIT);

        for (Socket s : sockets) {
            s.close();
        }
        Recorder peer = bind(UnaryOperator.identity());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            peer.transport
                    .sendStream(r.transport.localAddress(), new byte[] {5})
                    .join();
            assertThat(r.streams).isNotEmpty();
        });
    }

    @Test
    void partialFramesBeyondTheSharedMemoryBudgetCloseTheConnectionThatWouldExceedIt() throws Exception {
        int limit = 64 * 1024;
        int partial = 55 * 1024;
        Recorder r = bind(c -> c.withMaxFrameSize(limit)
                .withMaxInboundStreamBytes(100 * 1024)
                .withFrameReadTimeout(Duration.ofSeconds(30))
                .withIdleTimeout(Duration.ofSeconds(30)));
        // Each announces a legal frame and sends most of it; together they exceed the budget.
        List<Socket> sockets = List.of(connect(r), connect(r));
        for (Socket s : sockets) {
            s.getOutputStream().write(header(limit));
            s.getOutputStream().write(new byte[partial]);
            s.getOutputStream().flush();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> r.drops.contains(TransportDrops.STREAM_MEMORY));

        // The connection within the budget completes its frame; the other was closed.
        for (Socket s : sockets) {
            try {
                s.getOutputStream().write(new byte[limit - partial]);
                s.getOutputStream().flush();
            } catch (IOException closedByTheListener) {
                // The connection that went over the budget.
            }
        }
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(r.streams).singleElement().satisfies(f -> assertThat(f)
                        .hasSize(limit)));
        assertThat(r.drops).containsExactly(TransportDrops.STREAM_MEMORY);
    }

    static final class Recorder implements Transport.InboundHandler {
        Transport transport;
        final List<byte[]> streams = new CopyOnWriteArrayList<>();
        final List<String> drops = new CopyOnWriteArrayList<>();

        @Override
        public void onDatagram(Address from, byte[] packet) {}

        @Override
        public void onStream(Address from, byte[] packet) {
            streams.add(packet);
        }

        @Override
        public void onDropped(String reason) {
            drops.add(reason);
        }
    }
}
