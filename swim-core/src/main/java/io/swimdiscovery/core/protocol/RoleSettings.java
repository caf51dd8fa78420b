package io.swimdiscovery.core.protocol;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the primary/secondary role of one group (docs/roles.md). Members whose metadata
 * carries the same {@link #GROUP_KEY} form a group; at most one of them holds a valid primary
 * claim at any instant, provided clocks drift apart by at most {@link #maxClockDrift()}.
 *
 * @param group the group this member belongs to; empty: roles are off (no role traffic at all)
 * @param stepDownAfter how long a primary keeps its claim without confirming contact with a
 *     quorum of its group; it gives up the role by itself when that runs out
 * @param safetyMargin added to the wait of a member that stops endorsing one primary before it
 *     endorses another, on top of {@code stepDownAfter} corrected for drift
 * @param maxClockDrift the largest rate difference between any member's clock and real time
 *     (0.01: a clock may run 1 % fast or slow), which the waits are stretched by
 * @param quorumSize the fewest endorsements a claim needs besides a majority of the group's base;
 *     0: a majority alone. Set it to a majority of the expected group size when the group may
 *     form while partitioned (see docs/roles.md, formation)
 * @param formationDelay how long a group that never had a primary waits for its view to settle
 *     before the first claim
 */
public record RoleSettings(
        String group,
        Duration stepDownAfter,
        Duration safetyMargin,
        double maxClockDrift,
        int quorumSize,
        Duration formationDelay) {

    /** The metadata key naming a member's role group. */
    public static final String GROUP_KEY = "swim.role.group";

    /** Most members of one group's base (the set a quorum is counted over). */
    public static final int MAX_GROUP_SIZE = 1024;

    public RoleSettings {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(stepDownAfter, "stepDownAfter");
        Objects.requireNonNull(safetyMargin, "safetyMargin");
        Objects.requireNonNull(formationDelay, "formationDelay");
        if (group.length() > 128) {
            throw new IllegalArgumentException("role group name longer than 128 characters");
        }
        if (stepDownAfter.compareTo(Duration.ofMillis(100)) < 0 || stepDownAfter.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("stepDownAfter must be between 100 ms and 1 h, was " + stepDownAfter);
        }
        if (safetyMargin.isNegative() || safetyMargin.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("safetyMargin must be between 0 and 1 h, was " + safetyMargin);
        }
        if (!(maxClockDrift >= 0 && maxClockDrift <= 0.1)) {
            throw new IllegalArgumentException("maxClockDrift must be between 0 and 0.1, was " + maxClockDrift);
        }
        if (quorumSize < 0 || quorumSize > MAX_GROUP_SIZE) {
            throw new IllegalArgumentException("quorumSize must be between 0 and " + MAX_GROUP_SIZE);
        }
        if (formationDelay.isNegative() || formationDelay.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("formationDelay must be between 0 and 1 h, was " + formationDelay);
        }
    }

    /** Roles off. */
    public static RoleSettings disabled() {
        return forGroup("");
    }

    /** Roles on for {@code group}, with the defaults: step down after 3 s, margin 0.5 s, drift 1 %. */
    public static RoleSettings forGroup(String group) {
        return new RoleSettings(group, Duration.ofSeconds(3), Duration.ofMillis(500), 0.01, 0, Duration.ofSeconds(5));
    }

    public boolean enabled() {
        return !group.isEmpty();
    }

    public RoleSettings withStepDownAfter(Duration v) {
        return new RoleSettings(group, v, safetyMargin, maxClockDrift, quorumSize, formationDelay);
    }

    public RoleSettings withSafetyMargin(Duration v) {
        return new RoleSettings(group, stepDownAfter, v, maxClockDrift, quorumSize, formationDelay);
    }

    public RoleSettings withMaxClockDrift(double v) {
        return new RoleSettings(group, stepDownAfter, safetyMargin, v, quorumSize, formationDelay);
    }

    public RoleSettings withQuorumSize(int v) {
        return new RoleSettings(group, stepDownAfter, safetyMargin, maxClockDrift, v, formationDelay);
    }

    public RoleSettings withFormationDelay(Duration v) {
        return new RoleSettings(group, stepDownAfter, safetyMargin, maxClockDrift, quorumSize, v);
    }

    /** How often a primary (or a claimant) renews its endorsements: a quarter of {@code stepDownAfter}. */
    public long heartbeatIntervalNanos() {
        return stepDownAfter.toNanos() / 4;
    }

    /**
     * How long, on its own clock, a member waits after its last endorsement of one primary before
     * it endorses another: long enough that the old primary's claim has run out on the old
     * primary's clock, however the two clocks drift within {@link #maxClockDrift()}.
     */
    public long endorsementHoldNanos() {
        double stretch = (1 + maxClockDrift) / (1 - maxClockDrift);
        return Timers.plus((long) Math.ceil(stepDownAfter.toNanos() * stretch), safetyMargin.toNanos());
    }

    /**
     * {@code metadata} with {@link #GROUP_KEY} naming this group, so peers see which group the
     * member takes part in; unchanged when roles are off or the key is already right.
     */
    Map<String, String> withGroupKey(Map<String, String> metadata) {
        if (group.isEmpty() || group.equals(metadata.get(GROUP_KEY))) {
            return metadata;
        }
        Map<String, String> m = new HashMap<>(metadata);
        m.put(GROUP_KEY, group);
        return m;
    }
}
