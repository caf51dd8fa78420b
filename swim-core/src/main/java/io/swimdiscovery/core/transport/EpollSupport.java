package io.swimdiscovery.core.transport;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;

/**
 * Every reference to Netty's epoll classes, kept in one class that is loaded only after
 * {@link #available()} said yes: the epoll jars are optional, and a JVM without them must still
 * load {@link NettyIo} and fall back to NIO.
 */
final class EpollSupport {

    private EpollSupport() {}

    static boolean available() {
        try {
            return Epoll.isAvailable();
        } catch (Throwable missing) {
            // Classes or the native library absent (NoClassDefFoundError, UnsatisfiedLinkError).
            return false;
        }
    }

    static IoHandlerFactory ioHandlerFactory() {
        return EpollIoHandler.newFactory();
    }

    static Class<EpollDatagramChannel> datagramChannel() {
        return EpollDatagramChannel.class;
    }

    static Class<EpollServerSocketChannel> serverChannel() {
        return EpollServerSocketChannel.class;
    }

    static Class<EpollSocketChannel> socketChannel() {
        return EpollSocketChannel.class;
    }
}
