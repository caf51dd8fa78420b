package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.node.SwimNode;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes {@link InstanceRegisteredEvent} for {@link SwimLifecycle}: once per start, when the
 * node joined, and on a thread of its own. The join future completes on the node's own threads,
 * which must never run application listeners; a late join is seen on the listener thread, which a
 * slow listener of this event would hold up for every membership listener. So the event goes out
 * on a named thread ({@code swim-registered-NAME}) either way.
 */
final class RegistrationAnnouncer {

    private final @Nullable Object registration;

    private final ApplicationEventPublisher publisher;

    // One per start: InstanceRegisteredEvent goes out once per registration.
    private volatile AtomicBoolean announced = new AtomicBoolean();

    /** @param registration the event's payload, or null to send the node's local member */
    RegistrationAnnouncer(@Nullable Object registration, ApplicationEventPublisher publisher) {
        this.registration = registration;
        this.publisher = publisher;
    }

    /** A new start: the next join announces again. */
    void newStart() {
        this.announced = new AtomicBoolean();
    }

    /** The token of the start now; an announcement made with an older one is dropped. */
    AtomicBoolean currentStart() {
        return this.announced;
    }

    /**
     * Announces {@code node} on a thread of its own, with {@code source} (the lifecycle) as the
     * event's source, unless {@code start} was announced already or is over.
     */
    void announceOffNodeThreads(Object source, SwimNode node, AtomicBoolean start) {
        Thread thread = new Thread(
                () -> announce(source, node, start),
                "swim-registered-" + node.localMember().name());
        thread.setDaemon(true);
        thread.start();
    }

    private void announce(Object source, SwimNode node, AtomicBoolean start) {
        if (start != this.announced || !start.compareAndSet(false, true)) {
            return;
        }
        Object config = (this.registration != null) ? this.registration : node.localMember();
        this.publisher.publishEvent(new InstanceRegisteredEvent<>(source, config));
    }
}
