package io.swimdiscovery.spring.roles.integration;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.RoleState;
import io.swimdiscovery.spring.roles.SwimRoles;
import org.springframework.integration.leader.Context;

/**
 * Spring Integration's view of one primary grant of this instance: leader while that very grant
 * (same node identity, same fencing token) is valid, checked against the clock at each call.
 */
final class SwimLeaderContext implements Context {

    private final SwimRoles roles;

    private final String role;

    private final long token;

    private final MemberId holder;

    private final SwimLeaderInitiator initiator;

    SwimLeaderContext(SwimRoles roles, String role, long token, MemberId holder, SwimLeaderInitiator initiator) {
        this.roles = roles;
        this.role = role;
        this.token = token;
        this.holder = holder;
        this.initiator = initiator;
    }

    // The node identity too, not the token alone: a node rebuilt by a restart of the lifecycle is
    // a new member, and its grant is a new one even where its token happens to be equal.
    @Override
    public boolean isLeader() {
        RoleState state = this.roles.state();
        Member primary = state.primary();
        return state.token() == this.token
                && primary != null
                && primary.id().equals(this.holder)
                && state.isPrimaryAt(System.nanoTime());
    }

    /**
     * Gives the role up: the node leaves the cluster gracefully (which revokes first and frees the
     * endorsers at once) and joins again as a new member, last in line, so another member takes
     * over. Returns at once; the revocation follows as {@code onRevoked}.
     */
    @Override
    public void yield() {
        if (isLeader()) {
            this.initiator.yieldLeadership(this.token);
        }
    }

    @Override
    public String getRole() {
        return this.role;
    }

    /** The fencing token of this grant. */
    long token() {
        return this.token;
    }

    @Override
    public String toString() {
        return "SwimLeaderContext[role=" + this.role + ", token=" + this.token + ", leader=" + isLeader() + "]";
    }
}
