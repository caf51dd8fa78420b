package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.protocol.RoleSettings;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Primary and secondary roles ({@code swim.roles.*}, docs/roles.md): at most one member of a role
 * group is primary at a time, the others are secondaries. {@link #toSettings(String)} is the only
 * bridge to the engine's {@link RoleSettings}.
 */
public class SwimRolesProperties {

    /**
     * Whether this instance takes part in a role group: one member of the group is primary, the
     * others are secondaries.
     */
    private boolean enabled = false;

    /**
     * Name of the role group this instance belongs to. Defaults to the service id, so every
     * service has a primary of its own.
     */
    private @Nullable String group;

    /**
     * How long a primary keeps the role without confirming contact with a quorum of its group;
     * it gives the role up by itself when that runs out. A secondary waits at least this long
     * (stretched for clock drift) plus the safety margin before it takes over.
     */
    private Duration stepDownAfter = Duration.ofSeconds(3);

    /**
     * Extra wait, on top of step-down-after, before a secondary may take over from a primary it
     * no longer hears from.
     */
    private Duration safetyMargin = Duration.ofMillis(500);

    /**
     * Largest rate difference between any member's clock and real time, as a fraction (0.01: a
     * clock may run 1% fast or slow). The waits are stretched by it.
     */
    private double maxClockDrift = 0.01;

    /**
     * Fewest endorsements a primary needs besides a majority of its group; 0 for a majority
     * alone. Set it to a majority of the expected group size when the group may form while
     * partitioned.
     */
    private int quorumSize = 0;

    /**
     * How long a group that never had a primary waits for its view to settle before the first
     * claim.
     */
    private Duration formationDelay = Duration.ofSeconds(5);

    /**
     * The engine's role settings: off unless enabled, else for the configured group or, when
     * none is set, for {@code defaultGroup} (the service id).
     *
     * @throws InvalidSwimPropertyException naming the property when the engine rejects a value
     */
    public RoleSettings toSettings(String defaultGroup) {
        checkDuration("swim.roles.step-down-after", this.stepDownAfter, Duration.ofMillis(100));
        checkDuration("swim.roles.safety-margin", this.safetyMargin, Duration.ZERO);
        checkDuration("swim.roles.formation-delay", this.formationDelay, Duration.ZERO);
        if (!(this.maxClockDrift >= 0 && this.maxClockDrift <= 0.1)) {
            throw new InvalidSwimPropertyException(
                    "swim.roles.max-clock-drift", this.maxClockDrift, "a fraction between 0 and 0.1, such as 0.01");
        }
        if (this.quorumSize < 0 || this.quorumSize > RoleSettings.MAX_GROUP_SIZE) {
            throw new InvalidSwimPropertyException(
                    "swim.roles.quorum-size",
                    this.quorumSize,
                    "0 (a majority of the group) or a count up to " + RoleSettings.MAX_GROUP_SIZE);
        }
        // Checked even while off, so a typo does not wait for the day roles are switched on.
        if (!this.enabled) {
            return RoleSettings.disabled();
        }
        String name = (this.group != null) ? this.group : defaultGroup;
        if (name.isBlank() || name.length() > 128) {
            throw new InvalidSwimPropertyException(
                    "swim.roles.group", name, "a non-empty group name of at most 128 characters");
        }
        return new RoleSettings(
                name, this.stepDownAfter, this.safetyMargin, this.maxClockDrift, this.quorumSize, this.formationDelay);
    }

    private static void checkDuration(String property, @Nullable Duration value, Duration min) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(Duration.ofHours(1)) > 0) {
            throw new InvalidSwimPropertyException(
                    property, value, "a duration between " + (min.isZero() ? "0" : min.toMillis() + "ms") + " and 1h");
        }
    }

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getGroup() {
        return this.group;
    }

    public void setGroup(@Nullable String group) {
        this.group = group;
    }

    public Duration getStepDownAfter() {
        return this.stepDownAfter;
    }

    public void setStepDownAfter(Duration stepDownAfter) {
        this.stepDownAfter = stepDownAfter;
    }

    public Duration getSafetyMargin() {
        return this.safetyMargin;
    }

    public void setSafetyMargin(Duration safetyMargin) {
        this.safetyMargin = safetyMargin;
    }

    public double getMaxClockDrift() {
        return this.maxClockDrift;
    }

    public void setMaxClockDrift(double maxClockDrift) {
        this.maxClockDrift = maxClockDrift;
    }

    public int getQuorumSize() {
        return this.quorumSize;
    }

    public void setQuorumSize(int quorumSize) {
        this.quorumSize = quorumSize;
    }

    public Duration getFormationDelay() {
        return this.formationDelay;
    }

    public void setFormationDelay(Duration formationDelay) {
        this.formationDelay = formationDelay;
    }
}
