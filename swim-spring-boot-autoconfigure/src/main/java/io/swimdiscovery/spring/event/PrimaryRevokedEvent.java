package io.swimdiscovery.spring.event;

import io.swimdiscovery.core.protocol.MembershipEvent;

/**
 * This instance gave up the primary role it held (docs/roles.md). Stop acting as primary at once:
 * the grant may already have run out when this arrives (after a pause, for instance).
 */
public class PrimaryRevokedEvent extends SwimMembershipEvent {

    private final String group;

    private final long token;

    private final String reason;

    public PrimaryRevokedEvent(Object source, MembershipEvent.PrimaryRevoked nodeEvent) {
        super(source, nodeEvent);
        this.group = nodeEvent.group();
        this.token = nodeEvent.token();
        this.reason = nodeEvent.reason();
    }

    /** The role group. */
    public String getGroup() {
        return this.group;
    }

    /** Fencing token of the grant that ended. */
    public long getToken() {
        return this.token;
    }

    /**
     * Why: {@code step-down} (no quorum confirmed in time, or a pause outlasted the grant),
     * {@code leave}, {@code declared-dead} or {@code stopped}.
     */
    public String getReason() {
        return this.reason;
    }

    @Override
    public String toString() {
        return "PrimaryRevokedEvent[" + getMember().name() + " group=" + this.group + " token=" + this.token
                + " reason=" + this.reason + "]";
    }
}
