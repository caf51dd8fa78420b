package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.RoleSettings;
import io.swimdiscovery.core.protocol.RoleState;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.security.Keyring;
import io.swimdiscovery.core.seed.SeedProvider;
import io.swimdiscovery.core.transport.Transport;
import io.swimdiscovery.core.transport.TransportConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One SWIM member on real sockets: a {@code SwimInstance} driven by a single event-loop thread,
 * UDP for probes and gossip, TCP for full-state sync. Listeners run on a separate executor.
 *
 * <p>Threads: the event loop ("swim-node-NAME", {@code EventLoop}) owns the engine; every input
 * (a packet, a timer, a call from the API) is a task on it, so the engine needs no lock. Netty's
 * I/O threads only copy bytes and queue them ({@code InboundDispatch}). Seeds are resolved on a
 * helper thread because DNS may block ({@code SeedJoiner}), and listeners run on the listener
 * executor ({@code DirectiveRunner}), so neither can delay a probe. Reads ({@link #members()},
 * {@link #routableMembers()}, {@link #localMember()}) never wait for the loop: they return the
 * snapshot the loop last published ({@code MembershipView}).
 *
 * <p>Lifecycle: {@link #start()}, {@link #join()}, then {@link #close()} (or try-with-resources,
 * or a shutdown hook) leaves gracefully: peers see {@code MemberLeft} at once instead of
 * suspecting a failure. {@link #halt()} stops without a word, like a crash.
 *
 * <p>Time: every {@code Member.statusChangedAtNanos()} is this JVM's {@link System#nanoTime()};
 * compare it with {@code System.nanoTime()}, or turn it into wall time with {@link #toInstant(long)}.
 *
 * <pre>{@code
 * try (SwimNode node = SwimNode.builder().name("orders-1").bindHost("0.0.0.0").bindPort(7946)
 *         .seeds(SeedProvider.of(List.of(Address.parse("10.0.0.5:7946")))).build()) {
 *     node.start();
 *     node.join().get(10, SECONDS);
 *     node.routableMembers().forEach(m -> System.out.println(m.name() + " " + m.address()));
 * }
 * }</pre>
 *
 * See docs/java-api.md for a complete example.
 */
public final class SwimNode implements AutoCloseable {

    /** Default of {@link Builder#maxQueuedDatagrams}: a second of a heavy flood, a few MB of heap. */
    public static final int DEFAULT_MAX_QUEUED_DATAGRAMS = 4096;
    /** Default of {@link Builder#maxQueuedDatagramBytes}: 16 MiB, a few percent of a small heap. */
    public static final long DEFAULT_MAX_QUEUED_DATAGRAM_BYTES = 16L * 1024 * 1024;
    /** Default of {@link Builder#maxConcurrentSyncs}: memberlist's cap on concurrent push-pulls. */
    public static final int DEFAULT_MAX_CONCURRENT_SYNCS = 128;
    /** Default of {@link Builder#maxPendingListenerEvents}: a 10,000-member join's events, a few MB at most. */
    public static final int DEFAULT_MAX_PENDING_LISTENER_EVENTS = 16_384;

    private final NodeParts parts;

    private SwimNode(NodeConfig config) {
        this.parts = new NodeParts(config);
    }

    /** A builder at the defaults: a node on 127.0.0.1:7946 with the LAN settings and no seeds. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the sockets and starts the protocol (alone until {@link #join()}). Idempotent.
     *
     * @throws IllegalStateException if the node was closed (build a new one)
     * @throws java.io.UncheckedIOException if the address cannot be bound
     */
    public void start() {
        parts.lifecycle.start();
    }

    /**
     * Joins through the configured seeds. Completes when at least one seed answered; completes
     * exceptionally with a {@link JoinFailedException} naming the seeds tried if none did within
     * the join timeout, and keeps retrying in the background either way. With no seeds, or when
     * this node is the only seed, it completes at once: this node starts the cluster.
     *
     * @throws IllegalStateException if the node is not running
     */
    public CompletableFuture<Void> join() {
        parts.state.requireRunning();
        return parts.joiner.join();
    }

    /**
     * Leaves gracefully: gossips left(self) and tells every member directly, waits up to
     * {@code timeout} for the news to go out, then stops as {@link #halt()} does. Peers drop this
     * member at once ({@code MemberLeft}), without suspecting it. The future completes by
     * {@code timeout + 1 s} at the latest; a second call returns the first call's future. On a
     * node that is not running it just closes it.
     */
    public CompletableFuture<Void> leave(Duration timeout) {
        return parts.lifecycle.leave(Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Leaves gracefully and stops, bounded: {@link #leave(Duration)} with the builder's
     * {@link Builder#leaveTimeout(Duration) leave timeout} (default 3 s), waiting at most that
     * plus 2 s, then {@link #halt()} whatever happened. What try-with-resources and shutdown hooks
     * should call. Idempotent; on a node never started it only marks it closed.
     */
    @Override
    public void close() {
        parts.lifecycle.close();
    }

    /**
     * Stops at once without leaving: sockets close, timers stop, nothing is sent. Peers detect a
     * failure ({@code MemberSuspected}, then {@code MemberFailed}), as if the process crashed. For
     * tests, benchmarks and fencing; applications should {@link #close()}. Idempotent. Events
     * already handed to listeners are still delivered.
     */
    public void halt() {
        parts.lifecycle.halt();
    }

    /**
     * Every member known, this node included, with dead and left tombstones: an immutable
     * snapshot, read without waiting for the event loop. Changes an event announces are in it
     * before the event reaches listeners; others (an incarnation bump, a tombstone expiring) show
     * within one protocol period. Empty before {@link #start()}; after a stop, the last state.
     */
    public List<Member> members() {
        return parts.view.members();
    }

    /**
     * The members traffic may go to: those {@code ALIVE} or {@code SUSPECT} (a suspect may still
     * be alive; SWIM gives it time to refute), this node included while it runs. The same
     * immutable snapshot as {@link #members()}, filtered once per change on the event loop, so a
     * call costs no copy and no wait: cheap enough for a load balancer to call per request.
     */
    public List<Member> routableMembers() {
        return parts.view.routable();
    }

    /**
     * This node as a member (its address reflects the bound port when port 0 was asked).
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public Member localMember() {
        return parts.view.local();
    }

    /**
     * Publishes new metadata (raises the incarnation); completes once the engine took it, and
     * {@link #localMember()} shows it from then on.
     */
    public CompletableFuture<Void> updateMetadata(Map<String, String> metadata) {
        Map<String, String> copy = Map.copyOf(metadata);
        return parts.runner.submit(engine -> {
            parts.view.markDirty();
            return engine.updateMetadata(copy, NodeState.now());
        });
    }

    /**
     * Gives up the primary role, if this node holds or is claiming it, and claims nothing for
     * {@code holdOff}: the claim ends at once ({@code PrimaryRevoked}, reason {@code yield}) and
     * its endorsers are freed, so the next member in line takes over within a round trip. Spring
     * Integration's {@code Context.yield()} maps here.
     */
    public CompletableFuture<Void> yieldRole(Duration holdOff) {
        Objects.requireNonNull(holdOff, "holdOff");
        return parts.runner.submit(engine -> engine.yieldRole(holdOff, NodeState.now()));
    }

    /** Adds a listener for every membership change from now on; it runs on the listener executor. */
    public void addListener(MembershipListener listener) {
        parts.listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener; events already handed to the listener executor may still reach it. */
    public void removeListener(MembershipListener listener) {
        parts.listeners.remove(listener);
    }

    /**
     * Whom this node follows as its role group's primary, and whether it holds the claim itself;
     * {@link RoleState#NONE} when roles are off. Never waits for the protocol thread.
     */
    public RoleState roleState() {
        return parts.state.roleState;
    }

    /**
     * Whether this node holds a valid primary claim now, checked against the clock at this call:
     * a pause that outlasted the claim makes this false even before the protocol thread runs
     * again. Check it right before acting as primary, and hand {@code roleState().token()} to
     * systems that can fence on it.
     */
    public boolean isPrimary() {
        return parts.state.roleState.isPrimaryAt(NodeState.now());
    }

    /**
     * Counters now (one short, bounded wait for the event loop); after a stop, the last ones.
     * {@code membersByStatus} counts the same snapshot {@link #members()} returns.
     */
    public NodeStatistics statistics() {
        return parts.lifecycle.statistics();
    }

    /**
     * The keys this node seals and opens packets with. Rotate them at runtime across the cluster:
     * {@code install} the new key on every node, then {@code use} it on every node, then
     * {@code remove} the old one. Thread-safe.
     */
    public Keyring keyring() {
        return parts.codec.packetCodec().keyring();
    }

    /** The encryption mode now. */
    public EncryptionMode encryptionMode() {
        return parts.codec.packetCodec().mode();
    }

    /**
     * Switches the encryption mode at runtime, for turning encryption on in a running cluster:
     * {@code ROLLOUT} on every node (after installing a key), then {@code REQUIRED} on every node.
     *
     * @throws IllegalArgumentException if the mode seals and the keyring has no key
     */
    public void encryptionMode(EncryptionMode mode) {
        parts.codec.packetCodec().setMode(mode);
    }

    /** Listener invocations that threw (logged and skipped; later events are still delivered). */
    public long listenerFailures() {
        return parts.traffic.listenerFailures.sum();
    }

    /** Whether the node is started and not stopped (it still runs while a leave is going out). */
    public boolean isRunning() {
        return parts.state.running;
    }

    /**
     * Wall-clock time of an engine timestamp such as {@code Member.statusChangedAtNanos()} (this
     * JVM's {@link System#nanoTime()}), as well as the two clocks agree now.
     */
    public static Instant toInstant(long engineNanos) {
        return Instant.now().minusNanos(System.nanoTime() - engineNanos);
    }

    /** The counters, readable while the protocol thread is busy (tests in this package). */
    TrafficCounters trafficForTests() {
        return parts.traffic;
    }

    /** The protocol thread, for tests in this package that need it busy. */
    EventLoop eventLoop() {
        return parts.loop;
    }

    @Override
    public String toString() {
        return "SwimNode[" + parts.config.name() + ", " + parts.state.phase() + "]";
    }

    /**
     * Builder; every setting has a default, and the defaults let nodes on one host find each other.
     * {@link #build()} checks and copies the settings: changing the builder later changes no node.
     */
    public static final class Builder {
        final NodeBuilderValues values = new NodeBuilderValues();

        private Builder() {}

        /** Unique member name, at most 255 UTF-8 bytes; default: the advertised {@code host:port}. */
        public Builder name(String v) {
            values.name = Objects.requireNonNull(v, "name");
            return this;
        }

        /**
         * Cluster name, authenticated in every sealed packet and checked in plaintext ones, so two
         * clusters on one network ignore each other. Default {@code "swim"}.
         */
        public Builder clusterName(String v) {
            values.clusterName = Objects.requireNonNull(v, "clusterName");
            return this;
        }

        /**
         * IP or host name to bind UDP and TCP to. Default {@code 127.0.0.1}: every node on this
         * host reaches every other with no setting, and no other host can reach it. For a
         * cluster across hosts set {@code 0.0.0.0} (all interfaces; peers are then told the first
         * site-local IPv4 address, see {@link #advertiseHost}) or this host's IP. Binding beyond
         * loopback without {@link #keys keys} logs a warning at start.
         */
        public Builder bindHost(String v) {
            values.bindHost = Objects.requireNonNull(v, "bindHost");
            return this;
        }

        /**
         * Port for UDP and TCP, 0..65535; 0 picks a free one. Default 7946 (memberlist's): a second
         * node on the same host needs another port, or 0.
         */
        public Builder bindPort(int v) {
            values.bindPort = v;
            return this;
        }

        /**
         * Address peers use to reach this node. Default: the bound IP, or for a wildcard bind
         * ({@code 0.0.0.0}, {@code ::}) the first site-local IPv4 address of an interface that is
         * up, else loopback. Set it behind NAT or in containers.
         */
        public Builder advertiseHost(String v) {
            values.advertiseHost = Objects.requireNonNull(v, "advertiseHost");
            return this;
        }

        /** Port peers use to reach this node, 0..65535; default -1: the bound port. */
        public Builder advertisePort(int v) {
            values.advertisePort = v;
            return this;
        }

        /** Protocol timing and limits; default {@link SwimSettings#lan()}. */
        public Builder settings(SwimSettings v) {
            values.settings = Objects.requireNonNull(v, "settings");
            return this;
        }

        /**
         * Takes part in a role group: at most one member of the group is primary at a time
         * (docs/roles.md). Default: roles off.
         */
        public Builder roles(RoleSettings v) {
            values.roles = Objects.requireNonNull(v, "roles");
            return this;
        }

        /**
         * Key/value metadata gossiped with this member (service id, port, zone...); default empty.
         * At most {@link SwimSettings#maxMetadataBytes()} encoded.
         */
        public Builder metadata(Map<String, String> v) {
            values.metadata = Map.copyOf(v);
            return this;
        }

        /** Where {@link SwimNode#join()} finds the cluster; default {@link SeedProvider#none()} (start one). */
        public Builder seeds(SeedProvider v) {
            values.seeds = Objects.requireNonNull(v, "seeds");
            return this;
        }

        /**
         * Keyring: the first key seals, every key is tried to open. 16, 24 or 32 bytes each
         * (AES-128/192/256). Default none. With mode NONE the node still sends plaintext but opens
         * sealed packets (the first rollout step).
         */
        public Builder keys(List<byte[]> v) {
            values.keys = List.copyOf(v);
            return this;
        }

        /** Whether packets are sealed; default {@link EncryptionMode#NONE}. A sealing mode needs a key. */
        public Builder encryptionMode(EncryptionMode v) {
            values.encryptionMode = Objects.requireNonNull(v, "encryptionMode");
            return this;
        }

        /** How long {@link SwimNode#join()} waits for a seed before it fails (retries go on); default 10 s, positive. */
        public Builder joinTimeout(Duration v) {
            values.joinTimeout = Objects.requireNonNull(v, "joinTimeout");
            return this;
        }

        /**
         * How long {@link SwimNode#close()} waits for the leave to go out before it stops anyway;
         * default 3 s, zero or more. {@link SwimNode#leave(Duration)} takes its own.
         */
        public Builder leaveTimeout(Duration v) {
            values.leaveTimeout = Objects.requireNonNull(v, "leaveTimeout");
            return this;
        }

        /** Where listeners run; default one daemon thread per node. Events stay in order either way. */
        public Builder listenerExecutor(Executor v) {
            values.listenerExecutor = v;
            return this;
        }

        /**
         * Wraps the bound transport, for tests and benchmarks: fault injection
         * ({@code FaultInjectingTransport}) or traffic accounting. Identity by default.
         */
        public Builder transportDecorator(UnaryOperator<Transport> v) {
            values.transportDecorator = Objects.requireNonNull(v, "transportDecorator");
            return this;
        }

        /**
         * Most datagrams decoded and waiting for the protocol thread (default
         * {@value SwimNode#DEFAULT_MAX_QUEUED_DATAGRAMS}); more are dropped and counted as
         * {@code inbound-queue-full}. Acks and nacks may use a further small reserve.
         */
        public Builder maxQueuedDatagrams(int v) {
            values.maxQueuedDatagrams = v;
            return this;
        }

        /**
         * Most bytes of datagrams waiting for the protocol thread (default 16 MiB); more are dropped
         * and counted as {@code inbound-queue-full}. At least one datagram (65,507 bytes).
         */
        public Builder maxQueuedDatagramBytes(long v) {
            values.maxQueuedDatagramBytes = v;
            return this;
        }

        /**
         * Adjusts the transport's bounds (frame limit, connection cap, timeouts, stream memory), starting
         * from {@link TransportConfig#of}; the bind address stays the builder's. Identity by default.
         */
        public Builder transport(UnaryOperator<TransportConfig> v) {
            values.transportTuning = Objects.requireNonNull(v, "transport");
            return this;
        }

        /**
         * Most full-state syncs sent at once (default {@value SwimNode#DEFAULT_MAX_CONCURRENT_SYNCS},
         * 1 to 65,536): each holds an encoded copy of the view until written. Beyond it a sync is not
         * sent and a sync digest not answered, counted as {@value NodeDrops#SYNC_CONCURRENCY_LIMIT}.
         */
        public Builder maxConcurrentSyncs(int v) {
            values.maxConcurrentSyncs = v;
            return this;
        }

        /**
         * Most membership events waiting for slow listeners (default {@value
         * SwimNode#DEFAULT_MAX_PENDING_LISTENER_EVENTS}). Beyond it a member's new event replaces its
         * pending one, or is dropped if none is pending; both counted ({@link NodeDrops}).
         */
        public Builder maxPendingListenerEvents(int v) {
            values.maxPendingListenerEvents = v;
            return this;
        }

        /**
         * Runs this node on threads shared with other nodes of this process (its event loop on
         * the resources' protocol pool, its timers, sockets, listeners and seed look-ups on theirs)
         * instead of threads of its own. The node's behaviour is the same; the resources belong
         * to the caller, who closes them after the nodes. Default null: threads of its own.
         */
        public Builder sharedResources(@Nullable SwimResources v) {
            values.sharedResources = v;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting that is wrong */
        public SwimNode build() {
            return new SwimNode(NodeConfig.of(values));
        }
    }
}
