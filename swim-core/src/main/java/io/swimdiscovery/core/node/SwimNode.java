package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Directive;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.security.Keyring;
import io.swimdiscovery.core.seed.DnsSeedProvider;
import io.swimdiscovery.core.seed.SeedProvider;
import io.swimdiscovery.core.transport.ConnectionRefusedException;
import io.swimdiscovery.core.transport.NettyTransport;
import io.swimdiscovery.core.transport.Transport;
import io.swimdiscovery.core.transport.TransportConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One SWIM member on real sockets: a {@code SwimInstance} driven by a single event-loop thread,
 * UDP for probes and gossip, TCP for full-state sync. Listeners run on a separate executor.
 *
 * <p>Threads: the event loop ("swim-node-NAME") owns the engine; every input (a packet, a timer,
 * a call from the API) is a task on it, so the engine needs no lock. Netty's I/O threads only copy
 * bytes and queue them. Seeds are resolved on a helper thread because DNS may block, and
 * listeners run on the listener executor, so neither can delay a probe.
 *
 * <pre>{@code
 * SwimNode node = SwimNode.builder().name("orders-1").bindPort(7946)
 *         .seeds(SeedProvider.of(List.of(Address.parse("10.0.0.5:7946")))).build();
 * node.start();
 * node.join().get(10, SECONDS);
 * }</pre>
 */
public final class SwimNode implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SwimNode.class.getName());
    private static final SecureRandom UID_RANDOM = new SecureRandom();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger NODE_COUNTER = new AtomicInteger();

    private final Builder config;
    private final WireNodeCodec codec;
    private final ScheduledThreadPoolExecutor loop;
    private final ExecutorService helper;
    private final @Nullable ExecutorService ownedListenerThread;
    private final Executor listenerExecutor;
    private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();
    private final TrafficCounters traffic = new TrafficCounters();
    private final Thread[] loopThread = new Thread[1];
    private final Object lifecycle = new Object();

    // Owned by the event loop after start.
    private @Nullable SwimInstance instance;
    private @Nullable ScheduledFuture<?> tick;
    private final List<CompletableFuture<Void>> joinWaiters = new ArrayList<>();
    private boolean seedRetryScheduled;

    private volatile @Nullable Transport transport;
    private volatile boolean running;
    private volatile boolean closed;
    private volatile @Nullable Snapshot finalSnapshot;
    private volatile List<Address> lastSeeds = List.of();
    private volatile @Nullable Address selfAddress;

    private SwimNode(Builder builder) {
        this.config = builder;
        this.codec = WireNodeCodec.create(builder);
        String label = builder.name.isEmpty() ? "#" + NODE_COUNTER.incrementAndGet() : builder.name;
        this.loop = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "swim-node-" + label);
            t.setDaemon(true);
            loopThread[0] = t;
            return t;
        });
        loop.setRemoveOnCancelPolicy(true);
        loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.helper = Executors.newSingleThreadExecutor(daemon("swim-seeds-" + label));
        if (builder.listenerExecutor != null) {
            this.ownedListenerThread = null;
            this.listenerExecutor = new SerialExecutor(builder.listenerExecutor);
        } else {
            this.ownedListenerThread = Executors.newSingleThreadExecutor(daemon("swim-events-" + label));
            this.listenerExecutor = ownedListenerThread;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the sockets and starts the protocol (alone until {@link #join()}). Idempotent. */
    public void start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("node " + config.name + " is closed; build a new one");
            }
            if (running) {
                return;
            }
            Transport bound = NettyTransport.bind(config.transportConfig(), new Inbound());
            Transport t = config.transportDecorator.apply(bound);
            Address advertised = AdvertiseAddress.choose(config.advertiseHost, config.advertisePort,
                    bound.localAddress());
            String name = config.name.isEmpty() ? advertised.toString() : config.name;
            // Larger on every restart (milliseconds in the high bits), random in the low bits so two
            // processes started in the same millisecond still differ.
            // Random, not time-based: uids carry no order (clocks differ between hosts), so a restart
            // on a host whose clock is behind supersedes the old process as any other does.
            long uid = 0;
            while (uid == 0) {
                uid = UID_RANDOM.nextLong();
            }
            MemberId self = new MemberId(name, advertised, uid);
            long now = now();
            SwimInstance engine;
            try {
                engine = new SwimInstance(config.settings, self, config.metadata,
                        new SplittableRandom(UID_RANDOM.nextLong()), codec.packetCodec().sizer(), now);
            } catch (RuntimeException e) {
                t.close();
                throw e;
            }
            this.transport = t;
            this.selfAddress = advertised;
            this.running = true;
            callOnLoop(() -> {
                instance = engine;
                execute(engine.start(now()));
                return null;
            });
            LOG.log(System.Logger.Level.INFO, () -> "SWIM node " + self + " started (bound " + bound.localAddress()
                    + ", " + NettyTransport.flavour() + ")");
        }
    }

    /**
     * Joins through the configured seeds. Completes when at least one seed answered; completes
     * exceptionally with a message naming the seeds tried if none did within the join timeout, and
     * keeps retrying in the background either way. With no seeds it completes at once.
     */
    public CompletableFuture<Void> join() {
        requireRunning();
        CompletableFuture<Void> result = new CompletableFuture<>();
        helper.execute(() -> {
            Seeds found = resolveSeeds();
            List<Address> seeds = found.addresses();
            lastSeeds = seeds;
            // Nobody else to join (no seeds configured, or this node is the only seed): it starts
            // the cluster. A DNS name with no records yet is different: others may appear, so the
            // join waits and retries.
            boolean nobodyElse = found.selfOnly()
                    || (seeds.isEmpty() && !(config.seeds instanceof DnsSeedProvider));
            if (nobodyElse) {
                result.complete(null);
                return;
            }
            submit(() -> {
                SwimInstance engine = instance;
                if (engine == null) {
                    result.completeExceptionally(new IllegalStateException("node is closed"));
                    return;
                }
                if (!seeds.isEmpty()) {
                    execute(engine.join(seeds, now()));
                }
                if (engine.isJoined()) {
                    result.complete(null);
                    return;
                }
                joinWaiters.add(result);
                ScheduledFuture<?> timeout = loop.schedule(() -> {
                    joinWaiters.remove(result);
                    result.completeExceptionally(new JoinFailedException(lastSeeds, config.joinTimeout,
                            config.seeds.toString()));
                }, config.joinTimeout.toNanos(), TimeUnit.NANOSECONDS);
                result.whenComplete((ok, e) -> timeout.cancel(false));
                if (!seedRetryScheduled) {
                    seedRetryScheduled = true;
                    scheduleSeedRetry();
                }
            });
        });
        return result;
    }

    /**
     * While not joined, looks the seeds up again now and then and hands new addresses to the
     * engine: a DNS name that had no records at start, or pointed at pods since replaced, is
     * followed. The engine itself retries the seeds it was given.
     */
    private void scheduleSeedRetry() {
        long delay = Math.max(Duration.ofSeconds(1).toNanos(), Math.min(config.joinTimeout.toNanos() / 2,
                Duration.ofSeconds(5).toNanos()));
        try {
            loop.schedule(() -> {
                SwimInstance engine = instance;
                if (engine == null || engine.isJoined() || !running) {
                    seedRetryScheduled = false;
                    return;
                }
                helper.execute(() -> {
                    List<Address> seeds = resolveSeeds().addresses();
                    lastSeeds = seeds;
                    submit(() -> {
                        SwimInstance e = instance;
                        if (e != null && !e.isJoined() && !seeds.isEmpty()) {
                            execute(e.join(seeds, now()));
                        }
                        scheduleSeedRetry();
                    });
                });
            }, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // The node is closing: nothing to retry.
        }
    }

    /** Seeds now, without this node's own address; {@code selfOnly} if it was the only one. */
    private record Seeds(List<Address> addresses, boolean selfOnly) {
    }

    private Seeds resolveSeeds() {
        List<Address> raw;
        try {
            raw = config.seeds.seeds();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "seed provider " + config.seeds + " failed: " + e.getMessage());
            raw = List.of();
        }
        Set<Address> out = new LinkedHashSet<>();
        for (Address a : raw) {
            out.addAll(toIpAddresses(a));
        }
        Transport t = transport;
        if (t != null) {
            out.remove(t.localAddress());
        }
        Address self = selfAddress;
        if (self != null) {
            out.remove(self);
        }
        return new Seeds(List.copyOf(out), !raw.isEmpty() && out.isEmpty());
    }

    /**
     * A seed given by host name becomes one address per IP here, on the helper thread, so the
     * engine and the transport only ever see IP literals and the event loop never waits on DNS.
     */
    private static List<Address> toIpAddresses(Address a) {
        if (a.host().indexOf(':') >= 0 || a.host().matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return List.of(a);
        }
        try {
            List<Address> out = new ArrayList<>();
            for (InetAddress ip : InetAddress.getAllByName(a.host())) {
                out.add(new Address(ip.getHostAddress(), a.port()));
            }
            return out;
        } catch (UnknownHostException e) {
            LOG.log(System.Logger.Level.WARNING, "seed " + a + " does not resolve; skipped this time");
            return List.of();
        }
    }

    /** Leaves gracefully: gossips left(self), waits up to {@code timeout} for it to go out, then stops. */
    public CompletableFuture<Void> leave(Duration timeout) {
        if (!running) {
            close();
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> disseminated = new CompletableFuture<>();
        // Whatever happens on the loop (closed meanwhile, an engine error), leave is bounded.
        disseminated.completeOnTimeout(null, timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + timeout.toNanos();
        submit(() -> {
            SwimInstance engine = Objects.requireNonNull(instance);
            execute(engine.leave(now()));
            pollLeave(engine, disseminated, deadline);
        });
        // Close on a thread of its own: close() waits for the loop and stops the helper, so it
        // must run on neither.
        Executor closer = r -> daemon("swim-close-" + config.name).newThread(r).start();
        return disseminated.thenRunAsync(this::close, closer);
    }

    private void pollLeave(SwimInstance engine, CompletableFuture<Void> done, long deadline) {
        try {
            if (engine.hasLeaveDisseminated() || System.nanoTime() >= deadline) {
                done.complete(null);
                return;
            }
            loop.schedule(() -> pollLeave(engine, done, deadline), 20, TimeUnit.MILLISECONDS);
        } catch (RuntimeException closingOrEngineError) {
            done.complete(null);
        }
    }

    /** Stops without leaving (peers will detect the failure). Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (running) {
                try {
                    finalSnapshot = callOnLoop(this::snapshot);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "no final snapshot: " + e);
                }
            }
            running = false;
            Transport t = transport;
            if (t != null) {
                t.close();
            }
            loop.shutdownNow();
            helper.shutdownNow();
            if (Thread.currentThread() != loopThread[0]) {
                awaitQuietly(loop);
            }
            // The loop has stopped (or was told to): the waiters list is no longer touched by it.
            for (CompletableFuture<Void> w : List.copyOf(joinWaiters)) {
                w.completeExceptionally(new IllegalStateException("node closed before it joined"));
            }
            if (ownedListenerThread != null) {
                // Events already queued are still delivered; the thread then ends.
                ownedListenerThread.shutdown();
            }
        }
    }

    /** Every member known, this node included, with dead and left tombstones. */
    public List<Member> members() {
        Snapshot s = currentSnapshot();
        return s == null ? List.of() : s.members();
    }

    /** This node as a member (address reflects the bound port when port 0 was asked). */
    public Member localMember() {
        Snapshot s = currentSnapshot();
        if (s == null) {
            throw new IllegalStateException("node is not started");
        }
        return s.local();
    }

    /** Publishes new metadata (raises the incarnation); completes once the engine took it. */
    public CompletableFuture<Void> updateMetadata(Map<String, String> metadata) {
        Map<String, String> copy = Map.copyOf(metadata);
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new IllegalStateException("node is not running"));
            return done;
        }
        try {
            loop.execute(() -> {
                try {
                    execute(Objects.requireNonNull(instance).updateMetadata(copy, now()));
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("node is not running"));
        }
        return done;
    }

    public void addListener(MembershipListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(MembershipListener listener) {
        listeners.remove(listener);
    }

    /** Counters now. */
    public NodeStatistics statistics() {
        Snapshot s = currentSnapshot();
        if (s == null) {
            return new NodeStatistics(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
                    io.swimdiscovery.core.protocol.ProtocolCounters.none(), 0, 0);
        }
        return new NodeStatistics(s.byStatus(), traffic.messagesSent(), traffic.messagesReceived(),
                traffic.bytesSent(), traffic.bytesReceived(), traffic.rejectedPackets(), s.counters(),
                s.localHealth(), s.gossipQueueDepth());
    }

    /**
     * The keys this node seals and opens packets with. Rotate them at runtime across the cluster:
     * {@code install} the new key on every node, then {@code use} it on every node, then
     * {@code remove} the old one. Thread-safe.
     */
    public Keyring keyring() {
        return codec.packetCodec().keyring();
    }

    /** The encryption mode now. */
    public EncryptionMode encryptionMode() {
        return codec.packetCodec().mode();
    }

    /**
     * Switches the encryption mode at runtime, for turning encryption on in a running cluster:
     * {@code ROLLOUT} on every node (after installing a key), then {@code REQUIRED} on every node.
     *
     * @throws IllegalArgumentException if the mode seals and the keyring has no key
     */
    public void encryptionMode(EncryptionMode mode) {
        codec.packetCodec().setMode(mode);
    }

    /** Listener invocations that threw (logged and skipped; later events are still delivered). */
    public long listenerFailures() {
        return traffic.listenerFailures.sum();
    }

    /** Whether the node is started and not closed. */
    public boolean isRunning() {
        return running;
    }

    // ---------------------------------------------------------------- event loop

    /** Everything a reader wants, taken on the loop in one go. */
    private record Snapshot(List<Member> members, Member local, Map<MemberStatus, Integer> byStatus,
            io.swimdiscovery.core.protocol.ProtocolCounters counters, int localHealth, int gossipQueueDepth) {
    }

    private @Nullable Snapshot currentSnapshot() {
        Snapshot done = finalSnapshot;
        if (done != null) {
            return done;
        }
        if (!running) {
            return null;
        }
        try {
            return callOnLoop(this::snapshot);
        } catch (IllegalStateException closedMeanwhile) {
            return finalSnapshot;
        }
    }

    private Snapshot snapshot() {
        SwimInstance engine = Objects.requireNonNull(instance);
        List<Member> members = engine.members();
        Map<MemberStatus, Integer> byStatus = new EnumMap<>(MemberStatus.class);
        for (Member m : members) {
            byStatus.merge(m.status(), 1, Integer::sum);
        }
        return new Snapshot(List.copyOf(members), engine.localMember(), byStatus, engine.counters(),
                engine.localHealth(), engine.gossipQueueDepth());
    }

    /** Runs {@code call} on the loop and waits (bounded) for its result. */
    private <T> T callOnLoop(Supplier<T> call) {
        if (Thread.currentThread() == loopThread[0]) {
            return call.get();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                try {
                    f.complete(call.get());
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
            return f.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("node is closed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the node's event loop", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the node's event loop did not answer within " + CALL_TIMEOUT, e);
        }
    }

    /** Queues {@code task} on the loop; after close it is dropped. Exceptions are logged, never thrown. */
    private void submit(Runnable task) {
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "SWIM event loop task failed; continuing", e);
                }
            });
        } catch (RejectedExecutionException closed) {
            // Closed: input after close is dropped by design.
        }
    }

    private static long now() {
        return System.nanoTime();
    }

    /** Interprets directives in order. Runs on the loop. */
    private void execute(List<Directive> directives) {
        for (Directive d : directives) {
            try {
                if (d instanceof Directive.Send s) {
                    send(s.to(), s.message());
                } else if (d instanceof Directive.SendReliable r) {
                    sendReliable(r.to(), r.message());
                } else if (d instanceof Directive.Publish p) {
                    publish(p.event());
                } else if (d instanceof Directive.ScheduleTick st) {
                    scheduleTick(st.atNanos());
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "directive " + d.getClass().getSimpleName() + " failed", e);
            }
        }
        completeJoinWaiters();
    }

    private void completeJoinWaiters() {
        if (joinWaiters.isEmpty()) {
            return;
        }
        SwimInstance engine = instance;
        if (engine != null && engine.isJoined()) {
            List<CompletableFuture<Void>> done = new ArrayList<>(joinWaiters);
            joinWaiters.clear();
            done.forEach(f -> f.complete(null));
        }
    }

    private void send(Address to, Message message) {
        Transport t = transport;
        if (t == null || !running) {
            return;
        }
        byte[] packet = codec.encode(message);
        traffic.sent(message, packet.length);
        if (packet.length > config.settings.maxPacketSize()) {
            // Over the datagram budget (a large metadata map): a stream carries it whole.
            t.sendStream(to, packet).exceptionally(e -> {
                LOG.log(System.Logger.Level.DEBUG, () -> "large message to " + to + " not sent: " + e.getMessage());
                return null;
            });
        } else {
            t.sendDatagram(to, packet);
        }
    }

    private void sendReliable(Address to, Message message) {
        Transport t = transport;
        if (t == null || !running) {
            return;
        }
        byte[] packet = codec.encode(message);
        traffic.sent(message, packet.length);
        t.sendStream(to, packet).whenComplete((ok, error) -> {
            if (error != null) {
                traffic.reliableSendFailures.increment();
                LOG.log(System.Logger.Level.DEBUG, () -> "reliable send to " + to + " failed: " + error.getMessage());
                boolean refused = unwrap(error) instanceof ConnectionRefusedException;
                submit(() -> {
                    SwimInstance engine = instance;
                    if (engine != null && running) {
                        execute(refused ? engine.onConnectionRefused(to, message, now())
                                : engine.onReliableSendFailed(to, message, now()));
                    }
                });
            }
        });
    }

    private static boolean streamOnly(Message m) {
        return m instanceof Message.Sync || m instanceof Message.SyncDigest
                || (m instanceof Message.Ping p && p.reliable());
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
    }

    private void publish(MembershipEvent event) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            listenerExecutor.execute(() -> {
                for (MembershipListener l : listeners) {
                    try {
                        l.onEvent(event);
                    } catch (RuntimeException e) {
                        traffic.listenerFailures.increment();
                        LOG.log(System.Logger.Level.WARNING, "membership listener " + l + " failed on " + event, e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "listener executor refused " + event);
        }
    }

    private void scheduleTick(long atNanos) {
        ScheduledFuture<?> previous = tick;
        if (previous != null) {
            previous.cancel(false);
        }
        long delay = Math.max(0, atNanos - now());
        try {
            tick = loop.schedule(this::onTick, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            tick = null;
        }
    }

    private void onTick() {
        SwimInstance engine = instance;
        if (engine == null || !running) {
            return;
        }
        try {
            execute(engine.onTick(now()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "engine tick failed; rescheduling", e);
            // The engine's own tick request may be lost with the exception: keep the node alive.
            scheduleTick(now() + config.settings.protocolPeriod().toNanos());
        }
    }

    private void onPacket(Address from, byte[] packet, boolean stream) {
        SwimInstance engine = instance;
        if (engine == null || !running) {
            return;
        }
        WireNodeCodec.Decoded decoded = codec.decode(packet, stream);
        if (decoded.rejectReason() != null) {
            traffic.rejected(decoded.rejectReason());
            return;
        }
        int bytes = packet.length;
        for (Message m : decoded.messages()) {
            traffic.received(m, bytes);
            bytes = 0;
            if (!stream && streamOnly(m)) {
                // Peers send these only over a stream. In a datagram, whose source is easy to forge,
                // one would make this node open a connection or send its whole state to any address.
                traffic.rejected("stream-only-in-datagram");
                continue;
            }
            try {
                execute(engine.onMessage(from, m, now()));
            } catch (RuntimeException e) {
                traffic.rejected("engine-error");
                LOG.log(System.Logger.Level.ERROR, "engine failed on " + TrafficCounters.typeOf(m) + " from "
                        + Message.senderOf(m), e);
            }
        }
    }

    /** Transport threads: queue the bytes on the loop and return at once. */
    private final class Inbound implements Transport.InboundHandler {
        @Override
        public void onDatagram(Address from, byte[] packet) {
            submit(() -> onPacket(from, packet, false));
        }

        @Override
        public void onStream(Address from, byte[] packet) {
            submit(() -> onPacket(from, packet, true));
        }
    }

    private void requireRunning() {
        if (!running) {
            throw new IllegalStateException(closed ? "node is closed" : "node is not started; call start() first");
        }
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "SWIM event loop did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "SwimNode[" + config.name + (running ? ", running" : closed ? ", closed" : ", not started") + "]";
    }

    /** Builder; every setting has a default that works on one host. */
    public static final class Builder {
        String name = "";
        String clusterName = "swim";
        String bindHost = "0.0.0.0";
        int bindPort = 7946;
        String advertiseHost = "";
        int advertisePort = -1;
        SwimSettings settings = SwimSettings.lan();
        Map<String, String> metadata = Map.of();
        SeedProvider seeds = SeedProvider.none();
        List<byte[]> keys = List.of();
        EncryptionMode encryptionMode = EncryptionMode.NONE;
        Duration joinTimeout = Duration.ofSeconds(10);
        @Nullable Executor listenerExecutor;
        UnaryOperator<Transport> transportDecorator = UnaryOperator.identity();

        private Builder() {
        }

        /** Unique member name; defaults to {@code host:port}. */
        public Builder name(String v) { this.name = Objects.requireNonNull(v, "name"); return this; }
        /** Cluster name, authenticated in every sealed packet and checked in plaintext ones. */
        public Builder clusterName(String v) { this.clusterName = Objects.requireNonNull(v, "clusterName"); return this; }
        public Builder bindHost(String v) { this.bindHost = Objects.requireNonNull(v, "bindHost"); return this; }
        /** Port for UDP and TCP; 0 picks a free one. */
        public Builder bindPort(int v) { this.bindPort = v; return this; }
        /** Address peers use; defaults to the bind address, or the first site-local address for 0.0.0.0. */
        public Builder advertiseHost(String v) { this.advertiseHost = Objects.requireNonNull(v, "advertiseHost"); return this; }
        public Builder advertisePort(int v) { this.advertisePort = v; return this; }
        public Builder settings(SwimSettings v) { this.settings = Objects.requireNonNull(v, "settings"); return this; }
        public Builder metadata(Map<String, String> v) { this.metadata = Map.copyOf(v); return this; }
        public Builder seeds(SeedProvider v) { this.seeds = Objects.requireNonNull(v, "seeds"); return this; }
        /**
         * Keyring: the first key seals, every key is tried to open. 16, 24 or 32 bytes each. With
         * mode NONE the node still sends plaintext but opens sealed packets (the first rollout step).
         */
        public Builder keys(List<byte[]> v) { this.keys = List.copyOf(v); return this; }
        public Builder encryptionMode(EncryptionMode v) { this.encryptionMode = Objects.requireNonNull(v, "encryptionMode"); return this; }
        public Builder joinTimeout(Duration v) { this.joinTimeout = Objects.requireNonNull(v, "joinTimeout"); return this; }
        /** Where listeners run; defaults to one daemon thread per node. Events stay in order either way. */
        public Builder listenerExecutor(Executor v) { this.listenerExecutor = v; return this; }

        /**
         * Wraps the bound transport, for tests and benchmarks: fault injection
         * ({@code FaultInjectingTransport}) or traffic accounting. Identity by default.
         */
        public Builder transportDecorator(UnaryOperator<Transport> v) {
            this.transportDecorator = Objects.requireNonNull(v, "transportDecorator");
            return this;
        }

        TransportConfig transportConfig() {
            return TransportConfig.of(bindHost, bindPort);
        }

        /** @throws IllegalArgumentException naming the first setting that is wrong */
        public SwimNode build() {
            if (name.getBytes(StandardCharsets.UTF_8).length > MemberId.MAX_NAME_BYTES) {
                throw new IllegalArgumentException("name is longer than " + MemberId.MAX_NAME_BYTES + " bytes");
            }
            if (clusterName.isEmpty()) {
                throw new IllegalArgumentException("clusterName must not be empty");
            }
            if (bindHost.isBlank()) {
                throw new IllegalArgumentException("bindHost must not be empty");
            }
            if (bindPort < 0 || bindPort > 65_535) {
                throw new IllegalArgumentException("bindPort must be 0..65535, was " + bindPort);
            }
            if (advertisePort < -1 || advertisePort > 65_535) {
                throw new IllegalArgumentException("advertisePort must be 0..65535 (or -1 for the bound port), was "
                        + advertisePort);
            }
            if (joinTimeout.isNegative() || joinTimeout.isZero()) {
                throw new IllegalArgumentException("joinTimeout must be positive, was " + joinTimeout);
            }
            for (byte[] key : keys) {
                if (key.length != 16 && key.length != 24 && key.length != 32) {
                    throw new IllegalArgumentException("keys must be 16, 24 or 32 bytes (AES-128/192/256), one was "
                            + key.length);
                }
            }
            if (encryptionMode != EncryptionMode.NONE && keys.isEmpty()) {
                throw new IllegalArgumentException("encryptionMode " + encryptionMode + " needs at least one key");
            }
            return new SwimNode(this);
        }
    }
}
