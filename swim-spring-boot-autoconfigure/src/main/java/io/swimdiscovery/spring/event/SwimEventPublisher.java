package io.swimdiscovery.spring.event;

import io.swimdiscovery.core.node.MembershipListener;
import io.swimdiscovery.core.protocol.MembershipEvent;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Turns the node's membership changes into Spring application events, and after each one
 * publishes Spring Cloud's {@link HeartbeatEvent} with a counter, so anything that refreshes on
 * discovery changes (gateway routes, for instance) refreshes now rather than on a timer.
 *
 * <p>Runs on the node's listener thread, one event at a time, so events arrive in the node's order.
 */
public class SwimEventPublisher implements MembershipListener {

    private final ApplicationEventPublisher publisher;

    private final AtomicLong changes = new AtomicLong();

    public SwimEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void onEvent(MembershipEvent event) {
        this.publisher.publishEvent(toApplicationEvent(event));
        this.publisher.publishEvent(new HeartbeatEvent(this, this.changes.incrementAndGet()));
    }

    /** The Spring event for one of the node's events. */
    SwimMembershipEvent toApplicationEvent(MembershipEvent event) {
        if (event instanceof MembershipEvent.MemberJoined joined) {
            return new MemberJoinedEvent(this, joined);
        }
        if (event instanceof MembershipEvent.MemberSuspected suspected) {
            return new MemberSuspectedEvent(this, suspected);
        }
        if (event instanceof MembershipEvent.MemberUnreachable unreachable) {
            return new MemberUnreachableEvent(this, unreachable);
        }
        if (event instanceof MembershipEvent.MemberRecovered recovered) {
            return new MemberRecoveredEvent(this, recovered);
        }
        if (event instanceof MembershipEvent.MemberUpdated updated) {
            return new MemberUpdatedEvent(this, updated);
        }
        if (event instanceof MembershipEvent.MemberLeft left) {
            return new MemberLeftEvent(this, left);
        }
        return new MemberFailedEvent(this, (MembershipEvent.MemberFailed) event);
    }

    /** Changes published so far (the value of the last HeartbeatEvent). */
    public long getChangeCount() {
        return this.changes.get();
    }
}
