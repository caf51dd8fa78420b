package io.swimdiscovery.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.swimdiscovery.core.protocol.Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many nodes in one process share one I/O group (SwimResources): their datagrams must be read on
 * all of its threads, not all on one. Each transport registers two sockets, so taking a thread
 * per socket in turn from a group of two put every UDP socket on the same thread.
 */
class SharedGroupBalanceTests {

    /** Records which I/O thread read each transport's datagrams. */
    private static final class ThreadRecorder implements Transport.InboundHandler {
        final Set<String> readers = ConcurrentHashMap.newKeySet();

        @Override
        public void onDatagram(Address from, byte[] packet) {
            readers.add(Thread.currentThread().getName());
        }

        @Override
        public void onStream(Address from, byte[] packet) {}
    }

    @Test
    void datagramsOfTransportsSharingAGroupOfTwo_areReadOnBothThreads() throws Exception {
        EventLoopGroup group = NettyTransport.newEventLoopGroup(2, "balance-io");
        List<NettyTransport> transports = new ArrayList<>();
        List<ThreadRecorder> recorders = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                ThreadRecorder r = new ThreadRecorder();
                recorders.add(r);
                transports.add(NettyTransport.bind(TransportConfig.of("127.0.0.1", 0), group, r));
            }
            NettyTransport sender = transports.get(0);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (NettyTransport t : transports) {
                    sender.sendDatagram(t.localAddress(), new byte[] {1});
                }
                assertThat(recorders).allSatisfy(r -> assertThat(r.readers).isNotEmpty());
            });
            Set<String> threads = ConcurrentHashMap.newKeySet();
            recorders.forEach(r -> threads.addAll(r.readers));
            assertThat(threads).as("I/O threads that read datagrams").hasSize(2);
        } finally {
            transports.forEach(NettyTransport::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }
}
