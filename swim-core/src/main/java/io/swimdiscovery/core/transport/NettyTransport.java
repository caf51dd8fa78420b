package io.swimdiscovery.core.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.timeout.WriteTimeoutHandler;
import io.swimdiscovery.core.protocol.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link Transport} on Netty: a UDP socket for datagrams and a TCP listener for stream frames, both
 * on the same port. A stream send opens a short-lived connection, writes one frame (4-byte
 * big-endian length, then the packet) and closes it, like memberlist's push-pull: syncs are rare,
 * and a connection per sync means no pool to keep healthy.
 *
 * <p>Bounded everywhere: connects time out, inbound connections are capped, a frame longer than
 * the limit (or of length 0) closes the connection before anything is allocated for it, a frame
 * must arrive whole within the frame read timeout, partial frames of all connections share one
 * memory budget, an idle inbound connection is closed, and a write to a peer that stopped reading
 * times out. Each such close is reported to {@link InboundHandler#onDropped} ({@link TransportDrops}).
 */
public final class NettyTransport implements Transport {

    private static final System.Logger LOG = System.getLogger(NettyTransport.class.getName());
    private static final int PORT_ATTEMPTS = 16;

    private final TransportConfig config;
    private final EventLoopGroup group;
    private final InboundHandler inbound;
    private final Channel udp;
    private final Channel tcp;
    private final Address localAddress;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong datagramSendFailures = new AtomicLong();
    /** Inbound stream connections open now, against {@link TransportConfig#maxInboundConnections()}. */
    private final AtomicInteger inboundConnections = new AtomicInteger();
    /** Bytes all inbound connections buffer for incomplete frames, against the stream memory budget. */
    private final AtomicLong inboundStreamBytes = new AtomicLong();

    private NettyTransport(TransportConfig config, EventLoopGroup group, InboundHandler inbound) {
        this.config = config;
        this.group = group;
        this.inbound = inbound;
        Channel[] bound = bindBoth();
        this.tcp = bound[0];
        this.udp = bound[1];
        InetSocketAddress local = (InetSocketAddress) udp.localAddress();
        this.localAddress = new Address(local.getAddress().getHostAddress(), local.getPort());
        LOG.log(System.Logger.Level.DEBUG, () -> "bound UDP+TCP " + localAddress + " (" + NettyIo.flavour() + ")");
    }

    /**
     * Binds UDP and TCP on {@code config}'s host and port and starts delivering to {@code inbound}.
     *
     * @throws UncheckedIOException naming the address if a socket could not be bound
     */
    public static NettyTransport bind(TransportConfig config, InboundHandler inbound) {
        return new NettyTransport(config, NettyIo.sharedGroup(), inbound);
    }

    /**
     * As {@link #bind(TransportConfig, InboundHandler)}, on {@code group}'s I/O threads instead of
     * the JVM-wide ones. The group belongs to the caller: closing the transport leaves it running.
     */
    public static NettyTransport bind(TransportConfig config, EventLoopGroup group, InboundHandler inbound) {
        return new NettyTransport(config, group, inbound);
    }

    /**
     * A new group of {@code threads} daemon I/O threads named {@code threadPrefix-N}, of the
     * flavour this JVM uses (epoll or NIO), for {@link #bind(TransportConfig, EventLoopGroup,
     * InboundHandler)}. The caller shuts it down.
     */
    public static EventLoopGroup newEventLoopGroup(int threads, String threadPrefix) {
        return NettyIo.newGroup(threads, threadPrefix);
    }

    /** Which Netty flavour this JVM uses: {@code "epoll"} or {@code "nio"}. */
    public static String flavour() {
        return NettyIo.flavour();
    }

    @Override
    public Address localAddress() {
        return localAddress;
    }

    /** Datagrams that could not be handed to the socket (full buffer, unresolvable host, closed). */
    public long datagramSendFailures() {
        return datagramSendFailures.get();
    }

    @Override
    public void sendDatagram(Address to, byte[] packet) {
        if (closed.get()) {
            return;
        }
        InetSocketAddress target;
        try {
            target = socketAddress(to);
        } catch (RuntimeException e) {
            datagramSendFailures.incrementAndGet();
            return;
        }
        udp.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet), target))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        datagramSendFailures.incrementAndGet();
                    }
                });
    }

    @Override
    public CompletableFuture<Void> sendStream(Address to, byte[] packet) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed.get()) {
            done.completeExceptionally(new IOException("transport closed"));
            return done;
        }
        if (packet.length > config.maxFrameSize()) {
            done.completeExceptionally(new IOException(
                    "frame of " + packet.length + " bytes exceeds the limit of " + config.maxFrameSize()));
            return done;
        }
        InetSocketAddress target;
        try {
            target = socketAddress(to);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return done;
        }
        long writeTimeoutMillis = config.idleTimeout().toMillis();
        Bootstrap client = new Bootstrap()
                .group(group)
                .channel(NettyIo.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new WriteTimeoutHandler(writeTimeoutMillis, TimeUnit.MILLISECONDS));
                    }
                });
        client.connect(target).addListener((ChannelFuture connected) -> {
            if (!connected.isSuccess()) {
                Throwable cause = connected.cause();
                String message = "cannot connect to " + to + ": " + cause.getMessage();
                // Netty's connect timeout is a ConnectException too, and the epoll transport reports
                // some local errors (network unreachable, address not available) as one: only
                // ECONNREFUSED, the peer host's RST, says nobody listens there. A local error must
                // never count against the remote member.
                boolean refused = cause instanceof ConnectException
                        && !(cause instanceof ConnectTimeoutException)
                        && String.valueOf(cause.getMessage())
                                .toLowerCase(java.util.Locale.ROOT)
                                .contains("refused");
                done.completeExceptionally(
                        refused ? new ConnectionRefusedException(message, cause) : new IOException(message, cause));
                return;
            }
            ByteBuf frame =
                    Unpooled.wrappedBuffer(Unpooled.buffer(4).writeInt(packet.length), Unpooled.wrappedBuffer(packet));
            connected.channel().writeAndFlush(frame).addListener((ChannelFuture written) -> {
                written.channel().close();
                if (written.isSuccess()) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(new IOException(
                            "cannot write to " + to + ": " + written.cause().getMessage(), written.cause()));
                }
            });
        });
        return done;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Bounded: a close that does not finish in time is left to the event loop.
        udp.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        tcp.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    private Channel[] bindBoth() {
        InetAddress host = resolveBindHost(config.bindHost());
        IOException last = null;
        int attempts = config.bindPort() == 0 ? PORT_ATTEMPTS : 1;
        for (int i = 0; i < attempts; i++) {
            // Both sockets of this node on one I/O thread, the next node's on the next: with a group
            // shared by many nodes, two registrations per node taken in turn from a group of two
            // threads put every node's UDP socket on the same thread (at 500 nodes it decoded all
            // datagrams at 90% of a core while the other idled, and answers queued for seconds).
            EventLoop loop = group.next();
            // TCP first: its ephemeral range is where an OS hands out free ports, and UDP on the
            // same number is then rarely taken; when it is, try another number.
            ChannelFuture tcpBound = serverBootstrap(loop)
                    .bind(new InetSocketAddress(host, config.bindPort()))
                    .awaitUninterruptibly();
            if (!tcpBound.isSuccess()) {
                last = asIo(tcpBound.cause(), "TCP", host, config.bindPort());
                continue;
            }
            int port = ((InetSocketAddress) tcpBound.channel().localAddress()).getPort();
            ChannelFuture udpBound = datagramBootstrap(loop)
                    .bind(new InetSocketAddress(host, port))
                    .awaitUninterruptibly();
            if (udpBound.isSuccess()) {
                return new Channel[] {tcpBound.channel(), udpBound.channel()};
            }
            last = asIo(udpBound.cause(), "UDP", host, port);
            tcpBound.channel().close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        throw new UncheckedIOException(last);
    }

    private static IOException asIo(Throwable cause, String proto, InetAddress host, int port) {
        return new IOException(
                "cannot bind " + proto + " " + host.getHostAddress() + ":" + port + ": " + cause.getMessage(), cause);
    }

    private static InetAddress resolveBindHost(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot resolve bind host '" + host + "'", e));
        }
    }

    private Bootstrap datagramBootstrap(EventLoop loop) {
        return new Bootstrap()
                .group(loop)
                .channel(NettyIo.datagramChannel())
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(config.maxDatagramSize()))
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .handler(new DatagramInbound());
    }

    private ServerBootstrap serverBootstrap(EventLoop loop) {
        long idleMillis = config.idleTimeout().toMillis();
        long frameNanos = config.frameReadTimeout().toNanos();
        return new ServerBootstrap()
                .group(loop, group)
                .channel(NettyIo.serverChannel())
                // A node restarted on its port must not wait out TIME_WAIT of its previous life.
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (inboundConnections.incrementAndGet() > config.maxInboundConnections()) {
                            inboundConnections.decrementAndGet();
                            dropped(TransportDrops.CONNECTION_LIMIT);
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(f -> inboundConnections.decrementAndGet());
                        ch.pipeline()
                                .addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
                                .addLast(new BoundedFrameDecoder(
                                        config.maxFrameSize(),
                                        frameNanos,
                                        inboundStreamBytes,
                                        config.maxInboundStreamBytes(),
                                        NettyTransport.this::dropped))
                                .addLast(new StreamInbound());
                    }
                });
    }

    private void dropped(String reason) {
        try {
            inbound.onDropped(reason);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "inbound drop handler failed", e);
        }
    }

    static InetSocketAddress socketAddress(Address a) {
        return new InetSocketAddress(a.host(), a.port());
    }

    private static Address address(InetSocketAddress a) {
        return new Address(a.getAddress().getHostAddress(), a.getPort());
    }

    /** Copies each datagram out of Netty's buffer and hands it on; never lets an exception out. */
    private final class DatagramInbound extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            if (closed.get()) {
                return;
            }
            byte[] bytes = ByteBufUtil.getBytes(packet.content());
            try {
                inbound.onDatagram(address(packet.sender()), bytes);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "inbound datagram handler failed", e);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable and the like surface here on some platforms: expected noise.
            LOG.log(System.Logger.Level.DEBUG, () -> "datagram socket " + localAddress + ": " + cause);
        }
    }

    /** One frame per read (the decoder already stripped the length); closes idle or bad connections. */
    private final class StreamInbound extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            if (closed.get()) {
                ctx.close();
                return;
            }
            byte[] bytes = ByteBufUtil.getBytes(frame);
            try {
                inbound.onStream(address((InetSocketAddress) ctx.channel().remoteAddress()), bytes);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "inbound stream handler failed", e);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Oversized frame, reset by peer, ...: drop the connection, keep the listener.
            LOG.log(
                    System.Logger.Level.DEBUG,
                    () -> "stream from " + ctx.channel().remoteAddress() + " closed: " + cause);
            ctx.close().addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }
}
