package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.ProtocolCounters;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.transport.NettyTransport;
import io.swimdiscovery.core.transport.Transport;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Start, leave, close and halt of one node, under one lock so they cannot interleave: binding the
 * sockets and creating the engine, the graceful leave with its bound, and the abrupt stop that
 * closes the sockets and ends the node's threads.
 */
final class NodeLifecycle {

    private static final System.Logger LOG = System.getLogger(SwimNode.class.getName());
    private static final SecureRandom UID_RANDOM = new SecureRandom();
    /** What {@code close()} adds to the leave timeout before it gives up waiting and halts. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final NodeConfig config;
    private final String label;
    private final NodeState state;
    private final EventLoop loop;
    private final WireNodeCodec codec;
    private final TrafficCounters traffic;
    private final MembershipView view;
    private final DirectiveRunner runner;
    private final SeedJoiner joiner;
    private final @Nullable ExecutorService ownedListenerThread;
    private final Object lock = new Object();
    private @Nullable CompletableFuture<Void> leaving;
    private volatile @Nullable NodeStatistics finalStatistics;

    NodeLifecycle(
            NodeConfig config,
            String label,
            NodeState state,
            EventLoop loop,
            WireNodeCodec codec,
            TrafficCounters traffic,
            MembershipView view,
            DirectiveRunner runner,
            SeedJoiner joiner,
            @Nullable ExecutorService ownedListenerThread) {
        this.config = config;
        this.label = label;
        this.state = state;
        this.loop = loop;
        this.codec = codec;
        this.traffic = traffic;
        this.view = view;
        this.runner = runner;
        this.joiner = joiner;
        this.ownedListenerThread = ownedListenerThread;
    }

    void start() {
        synchronized (lock) {
            if (state.closed) {
                throw new IllegalStateException("node " + config.name() + " is closed; build a new one");
            }
            if (state.running) {
                return;
            }
            InboundDispatch dispatch = new InboundDispatch(
                    state,
                    loop,
                    codec,
                    traffic,
                    runner,
                    new InboundBudget(config.maxQueuedDatagrams(), config.maxQueuedDatagramBytes()));
            SwimResources shared = config.sharedResources();
            if (shared != null) {
                shared.requireOpen();
            }
            Transport bound = shared == null
                    ? NettyTransport.bind(config.transportConfig(), dispatch)
                    : NettyTransport.bind(config.transportConfig(), shared.ioGroup(), dispatch);
            Transport t = config.transportDecorator().apply(bound);
            Address advertised =
                    AdvertiseAddress.choose(config.advertiseHost(), config.advertisePort(), bound.localAddress());
            String name = config.name().isEmpty() ? advertised.toString() : config.name();
            // Larger on every restart (milliseconds in the high bits), random in the low bits so two
            // processes started in the same millisecond still differ.
            // Random, not time-based: uids carry no order (clocks differ between hosts), so a restart
            // on a host whose clock is behind supersedes the old process as any other does.
            long uid = 0;
            while (uid == 0) {
                uid = UID_RANDOM.nextLong();
            }
            MemberId self = new MemberId(name, advertised, uid);
            SwimInstance engine;
            try {
                engine = new SwimInstance(
                        config.settings(),
                        config.roles(),
                        self,
                        config.metadata(),
                        new SplittableRandom(UID_RANDOM.nextLong()),
                        codec.packetCodec().sizer(),
                        NodeState.now());
            } catch (RuntimeException e) {
                t.close();
                throw e;
            }
            state.transport = t;
            state.selfAddress = advertised;
            state.running = true;
            loop.call(() -> {
                state.engine = engine;
                runner.execute(engine.start(NodeState.now()));
                return null;
            });
            LOG.log(
                    System.Logger.Level.INFO,
                    () -> "SWIM node " + self + " started (bound " + bound.localAddress() + ", "
                            + NettyTransport.flavour() + ")");
            BindAddressRules.warnIfExposedWithoutKey(
                    name,
                    config.bindHost(),
                    bound.localAddress(),
                    !config.keys().isEmpty());
        }
    }

    CompletableFuture<Void> leave(Duration timeout) {
        synchronized (lock) {
            if (leaving != null) {
                return leaving;
            }
            if (!state.running) {
                halt();
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> disseminated = LeaveSequence.start(state, loop, runner, view, timeout);
            // Halt on a thread of its own: halt() waits for the loop and stops the helper, so it
            // must run on neither.
            Executor closer =
                    r -> EventLoop.daemon("swim-close-" + label).newThread(r).start();
            leaving = disseminated.thenRunAsync(this::halt, closer);
            return leaving;
        }
    }

    void close() {
        CompletableFuture<Void> left = leave(config.leaveTimeout());
        try {
            left.get(config.leaveTimeout().plus(CLOSE_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "SWIM node " + label + " did not leave gracefully: " + e);
        } finally {
            halt();
        }
    }

    void halt() {
        synchronized (lock) {
            if (state.closed) {
                return;
            }
            state.closed = true;
            if (state.running) {
                try {
                    finalStatistics = loop.call(() -> {
                        SwimInstance engine = Objects.requireNonNull(state.engine);
                        // The last state, and the events still waiting for it go to listeners.
                        runner.flushView();
                        return statisticsOf(engine);
                    });
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "no final snapshot: " + e);
                }
            }
            state.running = false;
            Transport t = state.transport;
            if (t != null) {
                t.close();
            }
            loop.shutdownNow();
            joiner.stop();
            if (ownedListenerThread != null) {
                // Events already queued are still delivered; the thread then ends.
                ownedListenerThread.shutdown();
            }
        }
    }

    NodeStatistics statistics() {
        NodeStatistics last = finalStatistics;
        if (last != null) {
            return last;
        }
        if (state.running) {
            try {
                return loop.call(() -> statisticsOf(Objects.requireNonNull(state.engine)));
            } catch (IllegalStateException stoppedMeanwhile) {
                NodeStatistics s = finalStatistics;
                if (s != null) {
                    return s;
                }
            }
        }
        return new NodeStatistics(
                Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), ProtocolCounters.none(), 0, 0);
    }

    private NodeStatistics statisticsOf(SwimInstance engine) {
        MembershipView.View v = Objects.requireNonNull(view.current());
        return new NodeStatistics(
                v.byStatus(),
                traffic.messagesSent(),
                traffic.messagesReceived(),
                traffic.bytesSent(),
                traffic.bytesReceived(),
                traffic.rejectedPackets(),
                engine.counters(),
                engine.localHealth(),
                engine.gossipQueueDepth(),
                traffic.dropped());
    }
}
