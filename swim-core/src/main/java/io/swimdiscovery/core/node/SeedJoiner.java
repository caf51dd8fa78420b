package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.seed.DnsSeedProvider;
import io.swimdiscovery.core.seed.SeedProvider;
import io.swimdiscovery.core.transport.Transport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * Joins through the seed provider: resolves seeds on a helper thread (DNS may block; the event
 * loop never waits on it), hands the addresses to the engine, completes join futures once the
 * engine says it joined or fails them with {@link JoinFailedException} after the join timeout,
 * and, while not joined, looks the seeds up again now and then.
 */
final class SeedJoiner {

    private static final System.Logger LOG = System.getLogger(SeedJoiner.class.getName());

    private final NodeState state;
    private final EventLoop loop;
    private final DirectiveRunner runner;
    private final SeedProvider provider;
    private final Duration joinTimeout;
    /** Where seeds are resolved (DNS may block): a thread of the node's own, or the shared pool. */
    private final Executor helper;

    private final @Nullable ExecutorService ownedHelper;
    // Loop-owned.
    private final List<CompletableFuture<Void>> waiters = new ArrayList<>();
    private boolean retryScheduled;
    private volatile List<Address> lastSeeds = List.of();

    SeedJoiner(NodeState state, EventLoop loop, DirectiveRunner runner, NodeConfig config, String label) {
        this.state = state;
        this.loop = loop;
        this.runner = runner;
        this.provider = config.seeds();
        this.joinTimeout = config.joinTimeout();
        SwimResources shared = config.sharedResources();
        if (shared == null) {
            this.ownedHelper = Executors.newSingleThreadExecutor(EventLoop.daemon("swim-seeds-" + label));
            this.helper = ownedHelper;
        } else {
            // After a stop its tasks find the loop stopped and do nothing.
            this.ownedHelper = null;
            this.helper = new SerialExecutor(shared.helperPool());
        }
    }

    /** See {@link SwimNode#join()}. */
    CompletableFuture<Void> join() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        helper.execute(() -> {
            Seeds found = resolve();
            List<Address> seeds = found.addresses();
            lastSeeds = seeds;
            // Nobody else to join (no seeds configured, or this node is the only seed): it starts
            // the cluster. A DNS name with no records yet is different: others may appear, so the
            // join waits and retries.
            boolean nobodyElse = found.selfOnly() || (seeds.isEmpty() && !(provider instanceof DnsSeedProvider));
            if (nobodyElse) {
                result.complete(null);
                return;
            }
            loop.submit(() -> startJoin(result, seeds));
        });
        return result;
    }

    private void startJoin(CompletableFuture<Void> result, List<Address> seeds) {
        SwimInstance engine = state.engine;
        if (engine == null) {
            result.completeExceptionally(new IllegalStateException("node is closed"));
            return;
        }
        if (!seeds.isEmpty()) {
            runner.execute(engine.join(seeds, NodeState.now()));
        }
        if (engine.isJoined()) {
            result.complete(null);
            return;
        }
        waiters.add(result);
        ScheduledFuture<?> timeout = loop.schedule(
                () -> {
                    waiters.remove(result);
                    Transport t = state.transport;
                    // The bound address and the resolved seeds are IP literals: no DNS on the loop here.
                    String hint = t == null
                            ? ""
                            : BindAddressRules.joinHint(t.localAddress().host(), lastSeeds);
                    result.completeExceptionally(
                            new JoinFailedException(lastSeeds, joinTimeout, provider.toString(), hint));
                },
                joinTimeout.toNanos());
        if (timeout != null) {
            result.whenComplete((ok, e) -> timeout.cancel(false));
        }
        if (!retryScheduled) {
            retryScheduled = true;
            scheduleRetry();
        }
    }

    /** On the loop after every batch: completes the waiters once the engine has joined. */
    void afterBatch() {
        if (waiters.isEmpty()) {
            return;
        }
        SwimInstance engine = state.engine;
        if (engine != null && engine.isJoined()) {
            // Whoever waited for the join reads the members next: show them what the join brought.
            runner.flushView();
            List<CompletableFuture<Void>> done = new ArrayList<>(waiters);
            waiters.clear();
            done.forEach(f -> f.complete(null));
        }
    }

    /**
     * While not joined, looks the seeds up again now and then and hands new addresses to the
     * engine: a DNS name that had no records at start, or pointed at pods since replaced, is
     * followed. The engine itself retries the seeds it was given.
     */
    private void scheduleRetry() {
        long delay = Math.max(
                Duration.ofSeconds(1).toNanos(),
                Math.min(joinTimeout.toNanos() / 2, Duration.ofSeconds(5).toNanos()));
        loop.schedule(
                () -> {
                    SwimInstance engine = state.runningEngine();
                    if (engine == null || engine.isJoined()) {
                        retryScheduled = false;
                        return;
                    }
                    helper.execute(() -> {
                        List<Address> seeds = resolve().addresses();
                        lastSeeds = seeds;
                        loop.submit(() -> {
                            SwimInstance e = state.engine;
                            if (e != null && !e.isJoined() && !seeds.isEmpty()) {
                                runner.execute(e.join(seeds, NodeState.now()));
                            }
                            scheduleRetry();
                        });
                    });
                },
                delay);
    }

    /**
     * Stops the helper and fails the waiters. Call only once the loop has stopped: the waiters
     * list is the loop's.
     */
    void stop() {
        if (ownedHelper != null) {
            ownedHelper.shutdownNow();
        }
        for (CompletableFuture<Void> w : List.copyOf(waiters)) {
            w.completeExceptionally(new IllegalStateException("node closed before it joined"));
        }
    }

    /** Seeds now, without this node's own address; {@code selfOnly} if it was the only one. */
    private record Seeds(List<Address> addresses, boolean selfOnly) {}

    private Seeds resolve() {
        List<Address> raw;
        try {
            raw = provider.seeds();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "seed provider " + provider + " failed: " + e.getMessage());
            raw = List.of();
        }
        Set<Address> out = new LinkedHashSet<>();
        for (Address a : raw) {
            out.addAll(toIpAddresses(a));
        }
        Transport t = state.transport;
        if (t != null) {
            out.remove(t.localAddress());
        }
        Address self = state.selfAddress;
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
}
