package io.swimdiscovery.spring.event;

import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.discovery.ServiceCatalog;
import io.swimdiscovery.spring.discovery.ServiceCatalogListener;
import io.swimdiscovery.spring.discovery.SwimServiceCatalog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes Spring Cloud's {@link HeartbeatEvent} when the routable view changed: the service
 * instances this node's discovery client lists (id, host, port, scheme, metadata), read from the
 * same {@link ServiceCatalog} the discovery client serves. Its value is a hash of that view, so it
 * changes exactly when the view does. It follows each catalog publish, which covers membership
 * changes, this node's own start and metadata changes (readiness included) and its rejoin. A
 * suspicion, a refutation or a member without a service changes nothing discovery lists, and
 * publishes nothing. At most one
 * event per {@code swim.heartbeat.interval}; a burst of changes within it becomes one event
 * carrying the last view.
 *
 * <p>Consumers compare the value with the one before: Spring Cloud Gateway's route refresh
 * rebuilds every route on a new value, Spring Boot Admin re-reads its instances. Events are
 * published on the thread {@code swim-heartbeat}, which also computes the hash (off the node's
 * listener thread).
 */
public class SwimHeartbeatPublisher implements ServiceCatalogListener, DisposableBean {

    private final boolean includeOutOfService;

    private final @Nullable SwimServiceCatalog catalog;

    private final ScheduledExecutorService scheduler;

    private final HeartbeatCoalescer coalescer;

    private final AtomicReference<@Nullable ServiceCatalog> latest = new AtomicReference<>();

    private final AtomicBoolean hashQueued = new AtomicBoolean();

    /**
     * @param lifecycle whose service catalog is the view (null only in tests of the hash)
     * @param includeOutOfService whether discovery lists OUT_OF_SERVICE instances too
     * @param interval shortest time between two events
     * @param publisher where the events go
     */
    public SwimHeartbeatPublisher(
            @Nullable SwimLifecycle lifecycle,
            boolean includeOutOfService,
            Duration interval,
            ApplicationEventPublisher publisher) {
        this.includeOutOfService = includeOutOfService;
        this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "swim-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        this.coalescer = new HeartbeatCoalescer(
                interval.toNanos(),
                System::nanoTime,
                this.scheduler,
                (value) -> publisher.publishEvent(new HeartbeatEvent(this, value)),
                viewHash(ServiceCatalog.EMPTY));
        // The catalog publishes once per change of what discovery lists (coalesced over a few ms):
        // hashing there sees exactly the lists getInstances returns, never an older view.
        this.catalog = (lifecycle != null) ? lifecycle.catalog() : null;
        if (this.catalog != null) {
            this.catalog.addListener(this);
        }
    }

    /**
     * On the thread that published the catalog (the node's listener thread): O(1). The hash reads
     * every listed instance, O(cluster size), so it runs on {@code swim-heartbeat}, one at a time,
     * on the latest catalog: a burst of catalog publishes during a join of thousands costs a few
     * hashes off the listener thread, not one per publish on it.
     */
    @Override
    public void onChange(ServiceCatalog catalog, Set<String> changedServiceIds) {
        this.latest.set(catalog);
        if (this.hashQueued.compareAndSet(false, true)) {
            try {
                this.scheduler.execute(this::hashLatest);
            } catch (RejectedExecutionException closing) {
                this.hashQueued.set(false); // shutting down: no route to refresh any more
            }
        }
    }

    private void hashLatest() {
        this.hashQueued.set(false);
        ServiceCatalog catalog = this.latest.get();
        if (catalog != null) {
            this.coalescer.offer(viewHash(catalog));
        }
    }

    /**
     * The hash of what discovery lists in {@code catalog} (UP instances, or all with
     * {@code swim.include-out-of-service}): equal views, equal hashes. Services and instances
     * come sorted (by id) from the catalog.
     */
    long viewHash(ServiceCatalog catalog) {
        MessageDigest digest = sha256();
        for (String serviceId : catalog.serviceIds(this.includeOutOfService)) {
            for (ServiceInstance instance : catalog.instances(serviceId, this.includeOutOfService)) {
                hash(digest, instance);
            }
        }
        return ByteBuffer.wrap(digest.digest()).getLong();
    }

    private static void hash(MessageDigest digest, ServiceInstance instance) {
        update(digest, instance.getServiceId());
        update(digest, instance.getInstanceId());
        update(digest, instance.getHost());
        update(digest, Integer.toString(instance.getPort()));
        update(digest, instance.getScheme());
        for (Map.Entry<String, String> entry : new TreeMap<>(instance.getMetadata()).entrySet()) {
            update(digest, entry.getKey());
            update(digest, entry.getValue());
        }
    }

    // Length-prefixed, so ("ab", "c") and ("a", "bc") hash differently.
    private static void update(MessageDigest digest, @Nullable String text) {
        byte[] bytes = String.valueOf(text).getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java runtime has SHA-256", ex);
        }
    }

    @Override
    public void destroy() {
        if (this.catalog != null) {
            this.catalog.removeListener(this);
        }
        this.scheduler.shutdownNow();
    }
}
