package io.swimdiscovery.spring.event;

import io.swimdiscovery.core.protocol.MembershipEvent;

/** A suspect member's suspicion expired while the optional unreachable stage is on. */
public class MemberUnreachableEvent extends SwimMembershipEvent {

    public MemberUnreachableEvent(Object source, MembershipEvent.MemberUnreachable nodeEvent) {
        super(source, nodeEvent);
    }
}
