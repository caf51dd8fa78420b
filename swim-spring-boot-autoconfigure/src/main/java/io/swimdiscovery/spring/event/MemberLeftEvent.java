package io.swimdiscovery.spring.event;

import io.swimdiscovery.core.protocol.MembershipEvent;

/** A member left the cluster on purpose (a graceful shutdown); it is no longer listed. */
public class MemberLeftEvent extends SwimMembershipEvent {

    public MemberLeftEvent(Object source, MembershipEvent.MemberLeft nodeEvent) {
        super(source, nodeEvent);
    }
}
