package io.swimdiscovery.spring.event;

import io.swimdiscovery.core.protocol.MembershipEvent;

/**
 * The member this instance follows as its role group's primary changed: {@link #getMember()} is
 * the new primary (this instance itself after its own grant), with its grant's token.
 */
public class PrimaryChangedEvent extends SwimMembershipEvent {

    private final String group;

    private final long token;

    public PrimaryChangedEvent(Object source, MembershipEvent.PrimaryChanged nodeEvent) {
        super(source, nodeEvent);
        this.group = nodeEvent.group();
        this.token = nodeEvent.token();
    }

    /** The role group. */
    public String getGroup() {
        return this.group;
    }

    /** Fencing token of the new primary's grant. */
    public long getToken() {
        return this.token;
    }

    @Override
    public String toString() {
        return "PrimaryChangedEvent[" + getMember().name() + " group=" + this.group + " token=" + this.token + "]";
    }
}
