package io.swimdiscovery.spring.event;

import io.swimdiscovery.core.protocol.MembershipEvent;

/** A member this node did not know (or knew only as an earlier process) joined. */
public class MemberJoinedEvent extends SwimMembershipEvent {

    public MemberJoinedEvent(Object source, MembershipEvent.MemberJoined nodeEvent) {
        super(source, nodeEvent);
    }
}
