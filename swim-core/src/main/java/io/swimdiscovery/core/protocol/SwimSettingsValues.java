package io.swimdiscovery.core.protocol;

import java.time.Duration;

/**
 * The values of one {@link SwimSettings}, field by field, starting at the {@link SwimSettings#lan()}
 * defaults. A {@link SwimSettings.Builder} fills one in, {@link SwimSettingsChecks} checks it, and
 * the settings object keeps a private copy that nothing changes after {@link SwimSettings.Builder#build()}.
 * Apart from the value type so each setting's default and the copying are written once, not once
 * in the builder and again in the settings, and the public type keeps only its documented
 * accessors and setters.
 */
final class SwimSettingsValues {

    Duration protocolPeriod = Duration.ofSeconds(1);
    Duration probeTimeout = Duration.ofMillis(500);
    int indirectProbes = 3;
    double suspicionMultiplier = 1.5;
    int suspicionMaxTimeoutMultiplier = 6;
    int suspicionConfirmations = 2;
    int retransmitMultiplier = 4;
    Duration gossipInterval = Duration.ofMillis(200);
    int gossipFanout = 3;
    Duration gossipToTheDeadTime = Duration.ofSeconds(30);
    Duration pushPullInterval = Duration.ofSeconds(30);
    Duration reconnectInterval = Duration.ofSeconds(10);
    Duration deadMemberRetention = Duration.ofMinutes(5);
    int localHealthMax = 8;
    boolean lifeguardEnabled = true;
    boolean unreachableEnabled = false;
    Duration unreachableTimeout = Duration.ofMinutes(1);
    int maxPacketSize = 1400;
    int maxMetadataBytes = 512;
    Duration pauseTolerance = Duration.ofSeconds(5);
    Duration goneSuspicionTimeout = Duration.ofSeconds(1);
    Duration reconnectRetention = Duration.ofHours(6);
    int maxMembers = 20_000;
    int maxGossipQueue = 4096;
    SwimSettings.RejoinPolicy rejoinPolicy = SwimSettings.RejoinPolicy.REJOIN;

    /** A copy, so a builder changed later (or one made by {@code toBuilder()}) changes no settings. */
    SwimSettingsValues copy() {
        SwimSettingsValues c = new SwimSettingsValues();
        c.protocolPeriod = protocolPeriod;
        c.probeTimeout = probeTimeout;
        c.indirectProbes = indirectProbes;
        c.suspicionMultiplier = suspicionMultiplier;
        c.suspicionMaxTimeoutMultiplier = suspicionMaxTimeoutMultiplier;
        c.suspicionConfirmations = suspicionConfirmations;
        c.retransmitMultiplier = retransmitMultiplier;
        c.gossipInterval = gossipInterval;
        c.gossipFanout = gossipFanout;
        c.gossipToTheDeadTime = gossipToTheDeadTime;
        c.pushPullInterval = pushPullInterval;
        c.reconnectInterval = reconnectInterval;
        c.deadMemberRetention = deadMemberRetention;
        c.localHealthMax = localHealthMax;
        c.lifeguardEnabled = lifeguardEnabled;
        c.unreachableEnabled = unreachableEnabled;
        c.unreachableTimeout = unreachableTimeout;
        c.maxPacketSize = maxPacketSize;
        c.maxMetadataBytes = maxMetadataBytes;
        c.pauseTolerance = pauseTolerance;
        c.goneSuspicionTimeout = goneSuspicionTimeout;
        c.reconnectRetention = reconnectRetention;
        c.maxMembers = maxMembers;
        c.maxGossipQueue = maxGossipQueue;
        c.rejoinPolicy = rejoinPolicy;
        return c;
    }

    /** Every value by name: {@link SwimSettings#toString()}, also what its equality compares. */
    @Override
    public String toString() {
        return "SwimSettings[protocolPeriod=" + protocolPeriod + ", probeTimeout=" + probeTimeout + ", indirectProbes="
                + indirectProbes + ", suspicionMultiplier=" + suspicionMultiplier + ", suspicionMaxTimeoutMultiplier="
                + suspicionMaxTimeoutMultiplier + ", suspicionConfirmations=" + suspicionConfirmations
                + ", retransmitMultiplier=" + retransmitMultiplier
                + ", gossipInterval=" + gossipInterval + ", gossipFanout=" + gossipFanout + ", gossipToTheDeadTime="
                + gossipToTheDeadTime + ", pushPullInterval=" + pushPullInterval + ", reconnectInterval="
                + reconnectInterval + ", deadMemberRetention=" + deadMemberRetention + ", localHealthMax="
                + localHealthMax + ", lifeguardEnabled=" + lifeguardEnabled + ", unreachableEnabled="
                + unreachableEnabled + ", unreachableTimeout=" + unreachableTimeout + ", maxPacketSize="
                + maxPacketSize + ", maxMetadataBytes=" + maxMetadataBytes + ", pauseTolerance=" + pauseTolerance
                + ", goneSuspicionTimeout=" + goneSuspicionTimeout + ", reconnectRetention=" + reconnectRetention
                + ", maxMembers=" + maxMembers + ", maxGossipQueue=" + maxGossipQueue + ", rejoinPolicy=" + rejoinPolicy
                + "]";
    }
}
