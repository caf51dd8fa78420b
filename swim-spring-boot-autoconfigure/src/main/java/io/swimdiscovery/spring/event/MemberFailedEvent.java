package io.swimdiscovery.spring.event;

import io.swimdiscovery.core.protocol.MembershipEvent;

/** A member was declared dead; it is no longer listed. */
public class MemberFailedEvent extends SwimMembershipEvent {

    public MemberFailedEvent(Object source, MembershipEvent.MemberFailed nodeEvent) {
        super(source, nodeEvent);
    }
}
