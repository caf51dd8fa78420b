package io.swimdiscovery.spring.event;

import io.swimdiscovery.core.node.MembershipListener;
import io.swimdiscovery.core.protocol.MembershipEvent;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Turns the node's membership changes into Spring application events. Spring Cloud's
 * {@code HeartbeatEvent} is {@link SwimHeartbeatPublisher}'s: only when what discovery lists
 * changed, coalesced.
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
        SwimMembershipEvent published = toApplicationEvent(event);
        if (published != null) {
            this.publisher.publishEvent(published);
            this.changes.incrementAndGet();
        }
    }

    /** The Spring event for one of the node's events, or null for a kind this version does not map. */
    @Nullable
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
        if (event instanceof MembershipEvent.MemberFailed failed) {
            return new MemberFailedEvent(this, failed);
        }
        if (event instanceof MembershipEvent.LocalMemberDeclaredDead dead) {
            return new LocalMemberDeclaredDeadEvent(this, dead);
        }
        if (event instanceof MembershipEvent.PrimaryGranted granted) {
            return new PrimaryGrantedEvent(this, granted);
        }
        if (event instanceof MembershipEvent.PrimaryRevoked revoked) {
            return new PrimaryRevokedEvent(this, revoked);
        }
        if (event instanceof MembershipEvent.PrimaryChanged changed) {
            return new PrimaryChangedEvent(this, changed);
        }
        return null;
    }

    /** Membership events published so far. */
    public long getChangeCount() {
        return this.changes.get();
    }
}
