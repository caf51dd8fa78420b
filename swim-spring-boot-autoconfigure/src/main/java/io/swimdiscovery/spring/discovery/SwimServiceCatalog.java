package io.swimdiscovery.spring.discovery;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MembershipEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Keeps the {@link ServiceCatalog} that discovery reads, up to date from membership events.
 *
 * <p><b>Why.</b> Asking the node for its members runs a task on its single protocol thread and
 * waits for it; at high request rates such reads delay probes, and on a Netty event loop they
 * block it. Here the catalog is built off the protocol thread, from the events the node already
 * hands to its listener thread, and published by one volatile write; a read is one volatile read
 * and a map lookup, with no lock and no copy.
 *
 * <p><b>Cost of a change, and coalescing.</b> A member is held in the form discovery lists it
 * (host, port, scheme, metadata). An event that leaves that form unchanged (a suspicion, a
 * refutation, a new incarnation with the same metadata) publishes nothing and wakes no catalog
 * listener. One that changes it marks its service dirty; publishing rebuilds the lists of the
 * dirty services and the outer map, never the whole cluster: O(instances of those services +
 * number of services). A change after a quiet spell is published at once, so a crash or a leave
 * is visible to the very next read (and to every listener the event reaches after the catalog);
 * changes that follow within {@link #COALESCE_WINDOW} of a publish are gathered and published
 * together at the end of the window, so a join storm of thousands of members costs a few
 * rebuilds, not one per member.
 *
 * <p>Writers (the node's listener thread, and whoever changes this instance's own metadata) take
 * one lock among themselves; readers never do. The local member is not in the node's event
 * stream, so its owner reports it with {@link #updateLocal}.
 */
public final class SwimServiceCatalog {

    /** Changes this soon after a publish wait for the window's end and are published together. */
    public static final Duration COALESCE_WINDOW = Duration.ofMillis(20);

    private final long windowNanos;

    private static final Log logger = LogFactory.getLog(SwimServiceCatalog.class);

    private final Executor afterWindow;

    private final Object writeLock = new Object();

    private final List<ServiceCatalogListener> listeners = new CopyOnWriteArrayList<>();

    // Guarded by writeLock: member name to the instance it is listed as (UP or out of service).
    private final Map<String, SwimServiceInstance> byMember = new HashMap<>();

    // Guarded by writeLock: service id to its instances by instance id (sorted, as lists are).
    private final Map<String, TreeMap<String, SwimServiceInstance>> byService = new HashMap<>();

    private @Nullable String localName;

    // Guarded by writeLock: services changed since the last publish, when the last one was, and
    // whether a publish at the end of the window is already scheduled.
    private final Set<String> dirty = new LinkedHashSet<>();

    private long lastPublishNanos;

    private boolean publishScheduled;

    private volatile boolean open;

    private volatile ServiceCatalog current = ServiceCatalog.EMPTY;

    /** A catalog that coalesces changes within {@link #COALESCE_WINDOW}. */
    public SwimServiceCatalog() {
        this(COALESCE_WINDOW);
    }

    /**
     * @param window changes this soon after a publish are published together at its end; zero
     * publishes every change at once (tests, benchmarks of the rebuild itself)
     */
    public SwimServiceCatalog(Duration window) {
        this.windowNanos = window.toNanos();
        this.afterWindow = CompletableFuture.delayedExecutor(this.windowNanos, TimeUnit.NANOSECONDS);
        this.lastPublishNanos = System.nanoTime() - this.windowNanos;
    }

    /** The catalog now; lock-free. Empty before {@link #open()} and after {@link #close()}. */
    public ServiceCatalog current() {
        return this.current;
    }

    /** Whether the catalog follows a running node. */
    public boolean isOpen() {
        return this.open;
    }

    /** Starts following a node that is about to start: forgets everything, then accepts events. */
    public void open() {
        synchronized (this.writeLock) {
            this.dirty.addAll(this.byService.keySet());
            this.byMember.clear();
            this.byService.clear();
            this.localName = null;
            this.open = true;
            publishDirty();
            quietSpell();
        }
    }

    /** The node left or stopped: nothing is listed, and later events are ignored until reopened. */
    public void close() {
        synchronized (this.writeLock) {
            this.open = false;
            this.dirty.addAll(this.byService.keySet());
            this.byMember.clear();
            this.byService.clear();
            publishDirty();
            quietSpell();
        }
    }

    /**
     * Applies one membership change of a remote member. Events naming this node are ignored (it
     * reports itself through {@link #updateLocal}), except the engine's verdict on it,
     * {@link MembershipEvent.LocalMemberDeclaredDead}: rejoined under a new uid, this instance is
     * listed as the new member (same name, so the same instance id); stopped
     * ({@code RejoinPolicy.STOP}), the node is closing and nothing is listed, as after a leave.
     */
    public void apply(MembershipEvent event) {
        if (event instanceof MembershipEvent.LocalMemberDeclaredDead dead) {
            if (dead.rejoined()) {
                Member local = dead.member();
                updateLocal(local.name(), local.address().host(), local.metadata());
            } else {
                close();
            }
            return;
        }
        Member member = event.member();
        synchronized (this.writeLock) {
            if (!this.open || member.name().equals(this.localName)) {
                return;
            }
            SwimServiceInstance listed = member.status().isReachable()
                    ? listable(member.name(), member.address().host(), member.metadata())
                    : null;
            put(member.name(), listed);
        }
    }

    /** This node's own entry: its name, advertised host and the metadata it now gossips. */
    public void updateLocal(String name, String host, Map<String, String> metadata) {
        synchronized (this.writeLock) {
            if (!this.open) {
                return;
            }
            if (this.localName != null && !this.localName.equals(name)) {
                put(this.localName, null);
            }
            this.localName = name;
            put(name, listable(name, host, metadata));
        }
    }

    /** Adds a listener told of every change from now on. */
    public void addListener(ServiceCatalogListener listener) {
        this.listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(ServiceCatalogListener listener) {
        this.listeners.remove(listener);
    }

    // A member is listed (in the "all" view) only with a service id and a port clients can call:
    // a port-less member (a non-web application, or a garbled port) would send clients to port 80.
    private static @Nullable SwimServiceInstance listable(String name, String host, Map<String, String> metadata) {
        SwimServiceInstance instance =
                SwimServiceInstances.toServiceInstance(name, host, metadata).orElse(null);
        return (instance != null && instance.getPort() > 0) ? instance : null;
    }

    private void put(String name, @Nullable SwimServiceInstance instance) {
        SwimServiceInstance previous =
                (instance != null) ? this.byMember.put(name, instance) : this.byMember.remove(name);
        if (Objects.equals(previous, instance)) {
            return;
        }
        if (previous != null) {
            // Every instance in byMember is indexed in byService under its service id.
            TreeMap<String, SwimServiceInstance> instances =
                    Objects.requireNonNull(this.byService.get(previous.getServiceId()), "service index");
            instances.remove(name);
            if (instances.isEmpty()) {
                this.byService.remove(previous.getServiceId());
            }
            this.dirty.add(previous.getServiceId());
        }
        if (instance != null) {
            this.byService
                    .computeIfAbsent(instance.getServiceId(), (id) -> new TreeMap<>())
                    .put(name, instance);
            this.dirty.add(instance.getServiceId());
        }
        if (System.nanoTime() - this.lastPublishNanos >= this.windowNanos) {
            publishDirty();
        } else if (!this.publishScheduled) {
            this.publishScheduled = true;
            this.afterWindow.execute(this::publishAtWindowEnd);
        }
    }

    // Under writeLock. Opening or closing is no change of a burst: the first change after it (this
    // node's own entry, right after open) is published at once, not at the end of a window.
    private void quietSpell() {
        this.lastPublishNanos = System.nanoTime() - this.windowNanos;
    }

    private void publishAtWindowEnd() {
        synchronized (this.writeLock) {
            this.publishScheduled = false;
            publishDirty();
        }
    }

    // Under writeLock.
    private void publishDirty() {
        this.lastPublishNanos = System.nanoTime();
        if (this.dirty.isEmpty() && this.current.version() > 0) {
            return;
        }
        Set<String> changedServiceIds = Set.copyOf(this.dirty);
        this.dirty.clear();
        ServiceCatalog before = this.current;
        Map<String, ServiceCatalog.Service> services = new HashMap<>(before.services());
        for (String serviceId : changedServiceIds) {
            TreeMap<String, SwimServiceInstance> instances = this.byService.get(serviceId);
            if (instances == null) {
                services.remove(serviceId);
            } else {
                services.put(serviceId, lists(instances));
            }
        }
        List<String> all = new ArrayList<>(services.keySet());
        all.sort(null);
        List<String> up = new ArrayList<>(all.size());
        for (String id : all) {
            ServiceCatalog.Service service = services.get(id);
            if (service != null && !service.up().isEmpty()) {
                up.add(id);
            }
        }
        ServiceCatalog next =
                new ServiceCatalog(before.version() + 1, Map.copyOf(services), List.copyOf(up), List.copyOf(all));
        this.current = next;
        for (ServiceCatalogListener listener : this.listeners) {
            try {
                listener.onChange(next, changedServiceIds);
            } catch (RuntimeException ex) {
                // One broken listener must not keep the others, or the next change, from happening.
                logger.warn("Service catalog listener " + listener + " failed", ex);
            }
        }
    }

    // instances: a service's sorted index (a TreeMap), so its lists come sorted by instance id.
    private static ServiceCatalog.Service lists(Map<String, SwimServiceInstance> instances) {
        List<ServiceInstance> all = List.copyOf(instances.values());
        List<ServiceInstance> up = new ArrayList<>(all.size());
        for (SwimServiceInstance instance : instances.values()) {
            if (SwimMetadata.STATUS_UP.equals(
                    instance.getMetadata().getOrDefault(SwimMetadata.STATUS, SwimMetadata.STATUS_UP))) {
                up.add(instance);
            }
        }
        return new ServiceCatalog.Service(List.copyOf(up), all);
    }
}
