package io.swimdiscovery.core.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Chooses the Netty flavour once per JVM: native epoll when the platform has it (fewer copies,
 * no selector wake-ups), NIO otherwise. Set {@code -Dswim.transport.epoll=false} to force NIO.
 *
 * <p>Also owns the I/O threads shared by every transport in the JVM: a node does little I/O, so
 * many nodes in one process (tests, benchmarks) share a couple of daemon threads instead of each
 * starting its own. Like Reactor Netty's global loop resources, the group lives as long as the JVM.
 */
final class NettyIo {

    static final boolean EPOLL =
            !"false".equals(System.getProperty("swim.transport.epoll")) && EpollSupport.available();

    private NettyIo() {}

    static String flavour() {
        return EPOLL ? "epoll" : "nio";
    }

    static EventLoopGroup sharedGroup() {
        return SharedGroup.GROUP;
    }

    static EventLoopGroup newGroup(int threads, String threadPrefix) {
        return new MultiThreadIoEventLoopGroup(
                threads, new DefaultThreadFactory(threadPrefix, true), ioHandlerFactory());
    }

    static IoHandlerFactory ioHandlerFactory() {
        return EPOLL ? EpollSupport.ioHandlerFactory() : NioIoHandler.newFactory();
    }

    static Class<? extends DatagramChannel> datagramChannel() {
        return EPOLL ? EpollSupport.datagramChannel() : NioDatagramChannel.class;
    }

    static Class<? extends ServerSocketChannel> serverChannel() {
        return EPOLL ? EpollSupport.serverChannel() : NioServerSocketChannel.class;
    }

    static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSupport.socketChannel() : NioSocketChannel.class;
    }

    /** Holder: the group starts with the first transport, not when the class loads. */
    private static final class SharedGroup {
        static final EventLoopGroup GROUP =
                newGroup(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), "swim-io");
    }
}
