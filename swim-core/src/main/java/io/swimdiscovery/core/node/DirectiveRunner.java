package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Directive;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.transport.ConnectionRefusedException;
import io.swimdiscovery.core.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Carries out what the engine decided, on the event loop: sends datagrams and streams, hands
 * membership events to the listeners' bounded backlog ({@link ListenerDelivery}), and keeps the
 * engine's one tick timer. Full-state syncs in flight are capped ({@link FullStateLimiter}). A failed
 * stream send goes back to the engine as an input, so it can tell a refused connection (the
 * process is gone) from other errors.
 *
 * <p>One call of {@link #execute} is one batch: the view readers see is refreshed once at its
 * end, before its events are handed to listeners, and then the batch's after-hook runs (join
 * futures complete there).
 */
final class DirectiveRunner {

    private static final System.Logger LOG = System.getLogger(DirectiveRunner.class.getName());

    /** A directive that fails for every packet of a flood logs its trace once a minute, not per packet. */
    private final ThrottledErrorLog errors = new ThrottledErrorLog(LOG);

    private final NodeState state;
    private final EventLoop loop;
    private final WireNodeCodec codec;
    private final TrafficCounters traffic;
    private final MembershipView view;
    private final ListenerDelivery listeners;
    private final FullStateLimiter fullStates;
    private final int maxPacketSize;
    private final long fallbackTickNanos;
    private final Runnable afterBatch;
    private @Nullable ScheduledFuture<?> tick;
    /** When {@link #tick} fires; a request for the same instant keeps it instead of replacing it. */
    private long tickAtNanos;
    /** Events decided but not yet handed to listeners: they wait for the view to be rebuilt. */
    private List<MembershipEvent> waiting = List.of();

    private boolean rebuildScheduled;

    DirectiveRunner(
            NodeState state,
            EventLoop loop,
            WireNodeCodec codec,
            TrafficCounters traffic,
            MembershipView view,
            ListenerDelivery listeners,
            NodeConfig config,
            Runnable afterBatch) {
        this.state = state;
        this.loop = loop;
        this.codec = codec;
        this.traffic = traffic;
        this.view = view;
        this.listeners = listeners;
        this.fullStates = new FullStateLimiter(config.maxConcurrentSyncs());
        this.maxPacketSize = config.settings().maxPacketSize();
        this.fallbackTickNanos = config.settings().protocolPeriod().toNanos();
        this.afterBatch = afterBatch;
    }

    /**
     * Runs one engine input (an API call such as new metadata) on the protocol thread, then its
     * directives; completes when it ran, exceptionally if the node is not running or it threw.
     */
    CompletableFuture<Void> submit(Function<SwimInstance, List<Directive>> input) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean queued = state.running
                && loop.submit(() -> {
                    try {
                        execute(input.apply(Objects.requireNonNull(state.engine)));
                        done.complete(null);
                    } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                    }
                });
        if (!queued) {
            done.completeExceptionally(new IllegalStateException("node is not running"));
        }
        return done;
    }

    /** Interprets {@code directives} in order; one failing directive does not stop the others. */
    void execute(List<Directive> directives) {
        List<MembershipEvent> events = List.of();
        SwimInstance current = state.engine;
        if (current != null) {
            // Before any send: a peer freed by this batch's release must never meet a reader
            // who still sees the claim.
            state.roleState = current.roleState();
        }
        for (Directive d : directives) {
            try {
                if (d instanceof Directive.Send s) {
                    send(s.to(), s.message());
                } else if (d instanceof Directive.SendReliable r) {
                    sendReliable(r.to(), r.message());
                } else if (d instanceof Directive.Publish p) {
                    if (events.isEmpty()) {
                        events = new ArrayList<>();
                    }
                    events.add(p.event());
                    logIfDeclaredDead(p.event());
                } else if (d instanceof Directive.ScheduleTick st) {
                    scheduleTick(st.atNanos());
                }
            } catch (RuntimeException e) {
                String kind = d.getClass().getSimpleName();
                errors.error(kind, "directive " + kind + " failed", e);
            }
        }
        if (!events.isEmpty()) {
            if (waiting.isEmpty()) {
                waiting = events;
            } else {
                waiting.addAll(events);
            }
        }
        SwimInstance engine = state.engine;
        if (engine != null) {
            if (view.refresh(engine, !waiting.isEmpty(), NodeState.now())) {
                scheduleDeferredRebuild();
            } else {
                publishWaiting();
            }
        }
        afterBatch.run();
    }

    /**
     * On the loop: rebuilds the view now and hands every waiting event to the listeners (a join
     * completing, a stop), so what a caller reads next is current.
     */
    void flushView() {
        SwimInstance engine = state.engine;
        if (engine != null) {
            view.rebuild(engine, NodeState.now());
        }
        publishWaiting();
    }

    private void publishWaiting() {
        if (waiting.isEmpty()) {
            return;
        }
        List<MembershipEvent> out = waiting;
        waiting = List.of();
        for (MembershipEvent event : out) {
            listeners.publish(event);
        }
    }

    /** Events wait for the view (rebuilt at most once per interval): one timer covers them all. */
    private void scheduleDeferredRebuild() {
        if (rebuildScheduled) {
            return;
        }
        rebuildScheduled = true;
        ScheduledFuture<?> f = loop.schedule(
                () -> {
                    rebuildScheduled = false;
                    if (!waiting.isEmpty()) {
                        flushView();
                    }
                },
                Math.max(0, view.eventRebuildAt() - NodeState.now()));
        if (f == null) {
            rebuildScheduled = false;
        }
    }

    /** Dead is final for a uid: say loudly what the engine did about it. */
    private static void logIfDeclaredDead(MembershipEvent event) {
        if (event instanceof MembershipEvent.LocalMemberDeclaredDead d) {
            if (d.rejoined()) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "the cluster declared " + d.previous().id()
                                + " dead (a long pause or a partition); rejoined as "
                                + d.member().id());
            } else {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "the cluster declared " + d.previous().id()
                                + " dead and the rejoin policy is STOP: this node no longer takes part; restart the process");
            }
        }
    }

    private void send(Address to, Message message) {
        Transport t = state.transport;
        if (t == null || !state.running) {
            return;
        }
        byte[] packet = codec.encode(message);
        traffic.sent(message, packet.length);
        if (packet.length > maxPacketSize) {
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
        Transport t = state.transport;
        if (t == null || !state.running) {
            return;
        }
        boolean fullState = message instanceof Message.Sync;
        if (fullState && !fullStates.tryAcquire()) {
            // Not evidence against the peer: the engine is not told, and retries as for a lost sync.
            traffic.dropped(NodeDrops.SYNC_CONCURRENCY_LIMIT);
            return;
        }
        byte[] packet;
        try {
            packet = codec.encode(message);
        } catch (RuntimeException e) {
            if (fullState) {
                fullStates.release();
            }
            throw e;
        }
        traffic.sent(message, packet.length);
        t.sendStream(to, packet).whenComplete((ok, error) -> {
            if (fullState) {
                fullStates.release();
            }
            if (error != null) {
                traffic.reliableSendFailures.increment();
                LOG.log(System.Logger.Level.DEBUG, () -> "reliable send to " + to + " failed: " + error.getMessage());
                boolean refused = unwrap(error) instanceof ConnectionRefusedException;
                loop.submit(() -> {
                    SwimInstance engine = state.runningEngine();
                    if (engine != null) {
                        execute(
                                refused
                                        ? engine.onConnectionRefused(to, message, NodeState.now())
                                        : engine.onReliableSendFailed(to, message, NodeState.now()));
                    }
                });
            }
        });
    }

    /** Whether a sync digest now could only lead to a full state that is dropped (any thread). */
    boolean fullStatesAtLimit() {
        return fullStates.atLimit();
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private void scheduleTick(long atNanos) {
        ScheduledFuture<?> previous = tick;
        if (previous != null) {
            if (atNanos == tickAtNanos && !previous.isDone()) {
                // The engine asks for the tick it already has (most batches do): keep the timer.
                return;
            }
            previous.cancel(false);
        }
        tickAtNanos = atNanos;
        tick = loop.schedule(this::onTick, Math.max(0, atNanos - NodeState.now()));
    }

    private void onTick() {
        // This timer is spent: a request made during the tick, even for the same instant, needs a new one.
        tick = null;
        SwimInstance engine = state.runningEngine();
        if (engine == null) {
            return;
        }
        try {
            execute(engine.onTick(NodeState.now()));
        } catch (RuntimeException e) {
            errors.error("tick", "engine tick failed; rescheduling", e);
            // The engine's own tick request may be lost with the exception: keep the node alive.
            scheduleTick(NodeState.now() + fallbackTickNanos);
        }
    }
}
