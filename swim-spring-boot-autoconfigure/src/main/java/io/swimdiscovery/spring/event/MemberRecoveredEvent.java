package io.swimdiscovery.spring.event;

import io.swimdiscovery.core.protocol.MembershipEvent;

/** A suspect or unreachable member refuted the suspicion and is alive again. */
public class MemberRecoveredEvent extends SwimMembershipEvent {

    public MemberRecoveredEvent(Object source, MembershipEvent.MemberRecovered nodeEvent) {
        super(source, nodeEvent);
    }
}
