package io.swimdiscovery.core.protocol;

import java.time.Duration;
import java.util.Objects;

/**
 * The range checks of {@link SwimSettings}, run on a builder's values before a settings object is
 * made. Apart from the value type so its accessors and their documentation stay readable; the
 * checks run in the order of the settings, so the error names the first setting out of range.
 */
final class SwimSettingsChecks {

    private SwimSettingsChecks() {}

    /** @throws IllegalArgumentException naming the first setting out of range */
    static void check(SwimSettingsValues b) {
        Duration protocolPeriod = positive(b.protocolPeriod, "protocolPeriod");
        Duration probeTimeout = positive(b.probeTimeout, "probeTimeout");
        if (probeTimeout.compareTo(protocolPeriod) >= 0) {
            throw new IllegalArgumentException(
                    "probeTimeout (" + probeTimeout + ") must be shorter than protocolPeriod (" + protocolPeriod
                            + "): indirect probes need the rest of the period");
        }
        atLeast(b.indirectProbes, 0, "indirectProbes");
        if (!(b.suspicionMultiplier > 0) || Double.isInfinite(b.suspicionMultiplier)) {
            throw new IllegalArgumentException("suspicionMultiplier must be positive, was " + b.suspicionMultiplier);
        }
        if (b.suspicionMultiplier > 1000) {
            throw new IllegalArgumentException("suspicionMultiplier must be <= 1000, was " + b.suspicionMultiplier);
        }
        between(b.suspicionMaxTimeoutMultiplier, 1, 1000, "suspicionMaxTimeoutMultiplier");
        atLeast(b.suspicionConfirmations, 0, "suspicionConfirmations");
        atLeast(b.retransmitMultiplier, 1, "retransmitMultiplier");
        positive(b.gossipInterval, "gossipInterval");
        atLeast(b.gossipFanout, 0, "gossipFanout");
        nonNegative(b.gossipToTheDeadTime, "gossipToTheDeadTime");
        nonNegative(b.pushPullInterval, "pushPullInterval");
        nonNegative(b.reconnectInterval, "reconnectInterval");
        nonNegative(b.deadMemberRetention, "deadMemberRetention");
        between(b.localHealthMax, 1, 64, "localHealthMax");
        nonNegative(b.unreachableTimeout, "unreachableTimeout");
        int maxPacketSize = atLeast(b.maxPacketSize, 512, "maxPacketSize");
        if (maxPacketSize > 65_000) {
            throw new IllegalArgumentException("maxPacketSize must be <= 65000, was " + maxPacketSize);
        }
        int maxMetadataBytes = atLeast(b.maxMetadataBytes, 0, "maxMetadataBytes");
        nonNegative(b.pauseTolerance, "pauseTolerance");
        nonNegative(b.goneSuspicionTimeout, "goneSuspicionTimeout");
        nonNegative(b.reconnectRetention, "reconnectRetention");
        between(b.maxMembers, 2, 1_000_000, "maxMembers");
        between(b.maxGossipQueue, 16, 1_000_000, "maxGossipQueue");
        Objects.requireNonNull(b.rejoinPolicy, "rejoinPolicy");
        if (maxMetadataBytes > maxPacketSize / 2) {
            throw new IllegalArgumentException("maxMetadataBytes (" + maxMetadataBytes
                    + ") must be at most half of maxPacketSize (" + maxPacketSize + ") so news still fits a packet");
        }
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return atMostMax(d, name);
    }

    private static Duration nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
        return atMostMax(d, name);
    }

    private static Duration atMostMax(Duration d, String name) {
        if (d.compareTo(SwimSettings.MAX_DURATION) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + SwimSettings.MAX_DURATION + ", was " + d);
        }
        return d;
    }

    private static int between(int v, int min, int max, String name) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + v);
        }
        return v;
    }

    private static int atLeast(int v, int min, String name) {
        if (v < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + v);
        }
        return v;
    }
}
