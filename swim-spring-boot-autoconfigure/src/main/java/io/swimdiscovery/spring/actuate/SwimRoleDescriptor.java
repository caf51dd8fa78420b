package io.swimdiscovery.spring.actuate;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.RoleState;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * This node's role in {@code /actuator/swim}, when roles are on (docs/roles.md).
 *
 * @param group the role group
 * @param role {@code primary} while this node holds a valid grant, else {@code secondary}
 * @param primary the name of the member this node follows as primary, or null when it knows none
 * @param token fencing token of that primary's grant (0 when there is none)
 * @param leaseUntil while primary: when the grant runs out unless a quorum confirms it again
 *     (wall time estimated from the engine's monotonic clock); else null
 */
public record SwimRoleDescriptor(
        String group, String role, @Nullable String primary, long token, @Nullable Instant leaseUntil) {

    /** The descriptor of {@code state}, or null when roles are off. */
    static @Nullable SwimRoleDescriptor of(RoleState state, long nowNanos, Instant now) {
        if (state.group().isEmpty()) {
            return null;
        }
        boolean primary = state.isPrimaryAt(nowNanos);
        Member followed = state.primary();
        return new SwimRoleDescriptor(
                state.group(),
                primary ? "primary" : "secondary",
                (followed != null) ? followed.name() : null,
                state.token(),
                primary ? now.plusNanos(state.leaseUntilNanos() - nowNanos) : null);
    }
}
