package io.swimdiscovery.spring.event;

import io.swimdiscovery.core.protocol.MembershipEvent;

/** A member failed a probe and may be dead; it stays listed by discovery until it is declared dead. */
public class MemberSuspectedEvent extends SwimMembershipEvent {

    public MemberSuspectedEvent(Object source, MembershipEvent.MemberSuspected nodeEvent) {
        super(source, nodeEvent);
    }
}
