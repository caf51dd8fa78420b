package io.swimdiscovery.spring.event;

import io.swimdiscovery.core.protocol.MembershipEvent;

/** A member published new metadata (a status change through the service registry, for instance). */
public class MemberUpdatedEvent extends SwimMembershipEvent {

    private final SwimMember previous;

    public MemberUpdatedEvent(Object source, MembershipEvent.MemberUpdated nodeEvent) {
        super(source, nodeEvent);
        this.previous = SwimMember.of(nodeEvent.previous());
    }

    /** The member before the change. */
    public SwimMember getPrevious() {
        return this.previous;
    }
}
