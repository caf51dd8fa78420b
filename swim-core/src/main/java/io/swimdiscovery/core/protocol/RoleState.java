package io.swimdiscovery.core.protocol;

import org.jspecify.annotations.Nullable;

/**
 * What one node knows of its role group at one moment (docs/roles.md): whom it follows as primary,
 * with that primary's fencing token, and whether it holds the claim itself and until when.
 *
 * @param group the role group; empty when roles are off
 * @param primary the member this node takes as the group's primary (itself when it holds the
 *     claim), or null when it knows of none
 * @param token the fencing token of {@code primary}'s grant; it grows with every change of
 *     primary, so a downstream system that remembers the highest token it saw can refuse an old
 *     primary's writes; 0 when there is no primary
 * @param leaseUntilNanos when this node holds the claim: the engine time (monotonic nanoseconds)
 *     at which its claim runs out unless a quorum confirms it again; {@link Long#MIN_VALUE}
 *     otherwise
 */
public record RoleState(String group, @Nullable Member primary, long token, long leaseUntilNanos) {

    /** Roles off. */
    public static final RoleState NONE = new RoleState("", null, 0, Long.MIN_VALUE);

    /**
     * Whether this node's claim is valid at {@code nowNanos}: check it against the clock right
     * before acting as primary, since a pause (GC, SIGSTOP) may have outlasted the claim without
     * the node being told. Hand {@link #token()} to anything downstream that can check it.
     */
    public boolean isPrimaryAt(long nowNanos) {
        return leaseUntilNanos != Long.MIN_VALUE && nowNanos < leaseUntilNanos;
    }

    /** Whether this node holds a claim at all (it may have run out since: see {@link #isPrimaryAt}). */
    public boolean holdsClaim() {
        return leaseUntilNanos != Long.MIN_VALUE;
    }
}
