package io.swimdiscovery.spring.event;

import io.swimdiscovery.core.node.MembershipListener;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import org.springframework.cloud.client.ServiceInstance;
import io.swimdiscovery.spring.discovery.SwimServiceInstances;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes Spring Cloud's {@link HeartbeatEvent} when the routable view changed: the service
 * instances this node's discovery client lists (id, host, port, scheme, metadata). Its value is a
 * hash of that view, so it changes exactly when the view does. A suspicion, a refutation or a
 * member without a service changes nothing discovery lists, and publishes nothing. At most one
 * event per {@code swim.heartbeat.interval}; a burst of changes within it becomes one event
 * carrying the last view.
 *
 * <p>Consumers compare the value with the one before: Spring Cloud Gateway's route refresh
 * rebuilds every route on a new value, Spring Boot Admin re-reads its instances. Events are
 * published on the thread {@code swim-heartbeat}.
 */
public class SwimHeartbeatPublisher implements MembershipListener, DisposableBean {

    private static final Comparator<ServiceInstance> ORDER = Comparator
        .comparing(ServiceInstance::getServiceId)
        .thenComparing(ServiceInstance::getInstanceId);

    private final SwimLifecycle lifecycle;

    private final boolean includeOutOfService;

    private final ScheduledExecutorService scheduler;

    private final HeartbeatCoalescer coalescer;

    /**
     * @param lifecycle whose node's members make the view (null only in tests of the hash)
     * @param includeOutOfService whether discovery lists OUT_OF_SERVICE instances too
     * @param interval shortest time between two events
     * @param publisher where the events go
     */
    public SwimHeartbeatPublisher(SwimLifecycle lifecycle, boolean includeOutOfService, Duration interval,
            ApplicationEventPublisher publisher) {
        this.lifecycle = lifecycle;
        this.includeOutOfService = includeOutOfService;
        this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "swim-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        this.coalescer = new HeartbeatCoalescer(interval.toNanos(), System::nanoTime, this.scheduler,
                (value) -> publisher.publishEvent(new HeartbeatEvent(this, value)), viewHash(List.of()));
        if (lifecycle != null) {
            // This node's own start and status changes come without a membership event.
            lifecycle.addLocalChangeListener(this::offerCurrentView);
        }
    }

    @Override
    public void onEvent(MembershipEvent event) {
        offerCurrentView();
    }

    private void offerCurrentView() {
        this.coalescer.offer(viewHash(this.lifecycle.members()));
    }

    /** The hash of what discovery lists among {@code members}: equal views, equal hashes. */
    long viewHash(List<Member> members) {
        List<ServiceInstance> listed = members.stream()
            .filter((member) -> SwimServiceInstances.isListed(member, this.includeOutOfService))
            .map(SwimServiceInstances::toServiceInstance)
            .flatMap(Optional::stream)
            .map(ServiceInstance.class::cast)
            .sorted(ORDER)
            .toList();
        MessageDigest digest = sha256();
        for (ServiceInstance instance : listed) {
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
        return ByteBuffer.wrap(digest.digest()).getLong();
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
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java runtime has SHA-256", ex);
        }
    }

    @Override
    public void destroy() {
        this.scheduler.shutdownNow();
    }
}
