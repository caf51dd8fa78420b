package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.node.MembershipListener;
import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.spring.discovery.SwimServiceCatalog;
import io.swimdiscovery.spring.serviceregistry.SwimRegistration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.discovery.event.InstancePreRegisteredEvent;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Starts, joins and leaves the {@link SwimNode} with the application.
 *
 * <p><b>Phase.</b> {@link #PHASE} is {@code SmartLifecycle.DEFAULT_PHASE - 512}. Spring starts
 * phases in ascending order and stops them in descending order; Boot's web server starts at
 * {@code DEFAULT_PHASE - 2048} (its {@code WebServerInitializedEvent} carries the bound port) and
 * its graceful shutdown runs at {@code DEFAULT_PHASE - 1024}. So this node joins only after the
 * server accepts requests on a known port, and on shutdown it leaves the cluster before the
 * server stops taking requests: peers drop it at once, and the requests they had already sent
 * still drain. A non-web application joins when its context is refreshed, since nothing waits
 * for a web server event.
 *
 * <p>The node bean is lazy: it is built here, in {@link #start()}, once the port is known, so its
 * first metadata is already right. Joining does not block startup: a node whose seeds are all
 * down carries on alone and retries in the background. {@link InstanceRegisteredEvent} is
 * published once per start, on a thread of its own named {@code swim-registered-NAME}, when the
 * node joined: at once if a seed answered (or there is nobody else to join), else when the first
 * other member appears.
 *
 * <p><b>Stop, then start.</b> A stopped node has left the cluster for good (peers drop it at
 * once), so {@link #start()} after {@link #stop()} builds a new node, which joins as a new member
 * with the same name. A {@code SwimNode} bean of the application's own cannot be rebuilt: starting
 * again then fails with a message saying so. Read the node in use with {@link #getNode()}.
 *
 * <p><b>Refresh failure.</b> When the context fails to refresh after this lifecycle started the
 * node (a later bean's start threw), Spring Framework 7 stops the started lifecycles, so the node
 * leaves. Where beans are destroyed without that stop, {@link #destroy()} still leaves gracefully
 * before the node closes (this bean is registered as a dependent of the node bean).
 */
public class SwimLifecycle implements SmartLifecycle, DisposableBean {

    /** Just above Boot's graceful shutdown phase, so the node leaves before the server drains. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Log logger = LogFactory.getLog(SwimLifecycle.class);

    private final Supplier<SwimNode> nodeSupplier;

    private final @Nullable Supplier<SwimNode> rebuild;

    private @Nullable Supplier<List<MembershipListener>> beanListeners;

    private final @Nullable SwimRegistration registration;

    private final ApplicationEventPublisher publisher;

    private final SwimProperties properties;

    private final MembershipFanOut listeners = new MembershipFanOut();

    private final Object monitor = new Object();

    private final SwimServiceCatalog catalog = new SwimServiceCatalog();

    private volatile @Nullable SwimNode node;

    private volatile boolean running;

    private volatile boolean joined;

    private volatile boolean left;

    private volatile boolean pauseable = true;

    private final RegistrationAnnouncer announcer;

    /**
     * @param nodeSupplier gives the node to run (built lazily on first call)
     * @param registration this application's instance, if the service registry is on
     * @param listeners listeners that receive every membership change, in order
     * @param publisher where {@link InstanceRegisteredEvent} goes
     * @param properties timeouts and auto-startup
     */
    public SwimLifecycle(
            Supplier<SwimNode> nodeSupplier,
            @Nullable SwimRegistration registration,
            List<MembershipListener> listeners,
            ApplicationEventPublisher publisher,
            SwimProperties properties) {
        this(nodeSupplier, null, registration, () -> listeners, publisher, properties);
    }

    /**
     * @param nodeSupplier gives the node of the first start (built lazily on first call)
     * @param rebuild builds a new node for a start after a stop, or null when the node cannot be
     * rebuilt (a bean of the application's own)
     * @param registration this application's instance, if the service registry is on
     * @param listeners listeners that receive every membership change, in order; asked for at the
     * first start, not before, so a listener may itself depend on discovery beans
     * @param publisher where {@link InstanceRegisteredEvent} goes
     * @param properties timeouts and auto-startup
     */
    public SwimLifecycle(
            Supplier<SwimNode> nodeSupplier,
            @Nullable Supplier<SwimNode> rebuild,
            @Nullable SwimRegistration registration,
            Supplier<List<MembershipListener>> listeners,
            ApplicationEventPublisher publisher,
            SwimProperties properties) {
        this.nodeSupplier = nodeSupplier;
        this.rebuild = rebuild;
        this.registration = registration;
        this.beanListeners = listeners;
        this.publisher = publisher;
        this.properties = properties;
        this.announcer = new RegistrationAnnouncer(registration, publisher);
    }

    @Override
    public void start() {
        synchronized (this.monitor) {
            if (this.running) {
                return;
            }
            resolveBeanListeners();
            if (this.registration != null && this.registration.isRegistered()) {
                // Before the node is built: listeners may still add to Registration.getMetadata(),
                // and the node's very first metadata carries it.
                this.publisher.publishEvent(new InstancePreRegisteredEvent(this, this.registration));
            }
            SwimNode started = nextNode();
            // Listen before starting, so not even the first join's news is missed.
            started.addListener(this::dispatch);
            this.catalog.open();
            try {
                NodeStartFailures.start(started, this.properties);
            } catch (RuntimeException ex) {
                this.catalog.close();
                throw ex;
            }
            this.node = started;
            this.running = true;
            this.left = false;
            this.joined = false;
            this.announcer.newStart();
            if (this.registration != null) {
                this.registration.setHost(started.localMember().address().host());
                LocalMetadataPublisher.announceIfMissing(started, this.registration, this.catalog);
                if (this.registration.isRegistered() && this.registration.getPort() <= 0) {
                    logger.info("SWIM node joins as a client only: no service port is known (no web server of "
                            + "this application bound one). Set swim.service.port to announce service '"
                            + this.registration.getServiceId() + "'.");
                }
            }
            Member local = started.localMember();
            this.catalog.updateLocal(local.name(), local.address().host(), local.metadata());
            logger.info("SWIM node " + started.localMember().id() + " started");
            join(started);
        }
        localMemberChanged();
    }

    /**
     * Adds a callback for changes of this node's own member that the node announces without a
     * membership event: its start, and new metadata (a status change through the registry).
     */
    public void addLocalChangeListener(Runnable listener) {
        this.listeners.addLocalChangeListener(listener);
    }

    /** Tells the local change listeners that this node's own member changed. */
    public void localMemberChanged() {
        this.listeners.localMemberChanged();
    }

    // The first start runs the bean; a start after a stop needs a new node (a closed one never reopens).
    private SwimNode nextNode() {
        SwimNode previous = this.node;
        if (previous == null) {
            return this.nodeSupplier.get();
        }
        if (this.rebuild == null) {
            throw new IllegalStateException(
                    "SWIM node " + previous.localMember().name()
                            + " was stopped and is a SwimNode bean of the application's own, which cannot be rebuilt; "
                            + "let the auto-configuration build the node (use a SwimNodeCustomizer) to stop and start it");
        }
        previous.close();
        return this.rebuild.get();
    }

    private void resolveBeanListeners() {
        Supplier<List<MembershipListener>> pending = this.beanListeners;
        if (pending != null) {
            this.beanListeners = null;
            this.listeners.addBeansFirst(pending.get());
        }
    }

    /**
     * Gossips new metadata for this node and, once the node took it, lists it in the service
     * catalog and tells the local change listeners. Every change of this node's metadata must come
     * through here: the node's event stream says nothing about the node itself, so this is how
     * local discovery learns of it.
     * Does nothing before start and after leave (the node then starts with the registration's
     * metadata).
     *
     * @throws IllegalStateException if the node refused the metadata (for instance, over the size bound)
     */
    public void updateMetadata(Map<String, String> metadata) {
        SwimNode current = this.node;
        if (current == null || !this.running || this.left || !current.isRunning()) {
            return;
        }
        LocalMetadataPublisher.publish(current, metadata, this.catalog);
        localMemberChanged();
    }

    /** Joins through the seeds again (after a partition or when isolated); the node keeps running. */
    public void rejoin() {
        SwimNode current = requireRunningNode();
        join(current);
    }

    private void join(SwimNode current) {
        AtomicBoolean announced = this.announcer.currentStart();
        current.join().whenComplete((ignored, failure) -> {
            if (failure != null) {
                // Announced later, by dispatch(), when another member appears.
                logger.warn(
                        "SWIM node did not reach any seed yet, retrying in the background: " + failure.getMessage());
                return;
            }
            this.joined = true;
            this.announcer.announceOffNodeThreads(this, current, announced);
        });
    }

    /**
     * Leaves the cluster gracefully and stops the node (operators, or shutdown). Final for this
     * process's member: peers drop it at once, and only a restart joins again.
     */
    public void leave() {
        SwimNode current = requireRunningNode();
        leave(current);
    }

    /**
     * Leaves gracefully if the node still runs (the context failed to refresh after start, or is
     * closed without being stopped), then closes it.
     */
    @Override
    public void destroy() {
        stop();
        SwimNode current = this.node;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void stop() {
        SwimNode current = this.node;
        synchronized (this.monitor) {
            if (current != null && this.running && !this.left && current.isRunning()) {
                leave(current);
            }
            this.running = false;
            this.catalog.close();
        }
    }

    private void leave(SwimNode current) {
        Duration timeout = this.properties.getLeaveTimeout();
        this.left = true;
        this.joined = false;
        // Nobody should be routed to by this process's own discovery once it is on its way out.
        this.catalog.close();
        try {
            // leave() bounds itself by the timeout; the extra second only guards against a stuck future.
            current.leave(timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            logger.info("SWIM node " + current.localMember().name() + " left the cluster");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (Exception ex) {
            // Never let a failed leave block or break shutdown: peers will detect the failure instead.
            logger.warn("SWIM node could not leave gracefully, peers will detect its failure: " + ex);
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Whether Spring's test context cache may pause (stop) this lifecycle while the context is
     * not in use: the node then leaves, and rejoins as a new member when a test uses the context
     * again. True by default; {@code @AutoConfigureSwimTest} turns it off, so cached test contexts
     * stay members of their embedded cluster.
     */
    @Override
    public boolean isPauseable() {
        return this.pauseable;
    }

    public void setPauseable(boolean pauseable) {
        this.pauseable = pauseable;
    }

    @Override
    public boolean isAutoStartup() {
        return this.properties.isAutoStartup();
    }

    /** The node once started, or null before. */
    public @Nullable SwimNode getNode() {
        return this.node;
    }

    /** Whether the first join reached a seed (or there were none) and the node has not left since. */
    public boolean isJoined() {
        return this.joined;
    }

    /** Whether this node left the cluster on purpose. */
    public boolean hasLeft() {
        return this.left;
    }

    /** Every member the running node knows (tombstones included), or none before start and after leave. */
    public List<Member> members() {
        SwimNode current = this.node;
        if (current == null || this.left || !current.isRunning()) {
            return List.of();
        }
        return current.members();
    }

    /**
     * What discovery lists now, kept up to date from membership changes; reading it never waits
     * for the node's protocol thread.
     */
    public SwimServiceCatalog catalog() {
        return this.catalog;
    }

    /** Adds a listener for every membership change from now on. */
    public void addListener(MembershipListener listener) {
        this.listeners.add(listener);
    }

    public void removeListener(MembershipListener listener) {
        this.listeners.remove(listener);
    }

    private void dispatch(MembershipEvent event) {
        // The catalog first: a listener reacting to the change already reads discovery as it is after it.
        try {
            this.catalog.apply(event);
        } catch (RuntimeException ex) {
            logger.warn("Service catalog could not apply " + event, ex);
        }
        if (!this.joined && event instanceof MembershipEvent.MemberJoined other) {
            // A join that timed out succeeded later, through the background retries.
            SwimNode current = this.node;
            if (current != null
                    && this.running
                    && !this.left
                    && !other.member().name().equals(current.localMember().name())) {
                this.joined = true;
                this.announcer.announceOffNodeThreads(this, current, this.announcer.currentStart());
            }
        }
        this.listeners.deliver(event);
    }

    private SwimNode requireRunningNode() {
        SwimNode current = this.node;
        if (current == null || !this.running || this.left) {
            throw new IllegalStateException("SWIM node is not running"
                    + (this.left
                            ? ": it left the cluster, and a member that left comes back only with a restart"
                            : ""));
        }
        return current;
    }
}
