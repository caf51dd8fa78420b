package io.swimdiscovery.spring.event;

import io.swimdiscovery.core.protocol.MembershipEvent;

/**
 * This instance became the primary of its role group ({@code swim.roles.*}, docs/roles.md). The
 * grant is valid only while {@code SwimRoles.isPrimary()} says so: check it right before each
 * action taken as primary, and hand {@link #getToken()} to systems that can fence on it.
 */
public class PrimaryGrantedEvent extends SwimMembershipEvent {

    private final String group;

    private final long token;

    public PrimaryGrantedEvent(Object source, MembershipEvent.PrimaryGranted nodeEvent) {
        super(source, nodeEvent);
        this.group = nodeEvent.group();
        this.token = nodeEvent.token();
    }

    /** The role group. */
    public String getGroup() {
        return this.group;
    }

    /** Fencing token of this grant: it grows with every change of primary. */
    public long getToken() {
        return this.token;
    }

    @Override
    public String toString() {
        return "PrimaryGrantedEvent[" + getMember().name() + " group=" + this.group + " token=" + this.token + "]";
    }
}
