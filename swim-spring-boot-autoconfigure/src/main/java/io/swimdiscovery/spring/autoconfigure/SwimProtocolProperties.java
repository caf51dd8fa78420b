package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Protocol parameters; each one left unset takes the profile's value (docs/configuration.md
 * lists them per profile).
 */
public class SwimProtocolProperties {

    /**
     * Time between two probes of this node (T in the SWIM paper), before Lifeguard scaling.
     */
    private @Nullable Duration protocolPeriod;

    /**
     * How long to wait for an ack to a direct ping before asking other members to probe.
     */
    private @Nullable Duration probeTimeout;

    /**
     * Number of members asked to probe indirectly (ping-req) when a direct probe times out.
     */
    private @Nullable Integer indirectProbes;

    /**
     * Multiplier of the minimum suspicion timeout, which is multiplier * log10(members) *
     * protocol period.
     */
    private @Nullable Double suspicionMultiplier;

    /**
     * Maximum suspicion timeout as a multiple of the minimum; Lifeguard shrinks it toward the
     * minimum as other members confirm the suspicion.
     */
    private @Nullable Integer suspicionMaxTimeoutMultiplier;

    /**
     * Independent confirmations of a suspicion (K in Lifeguard) after which its timeout has
     * shrunk to the minimum.
     */
    private @Nullable Integer suspicionConfirmations;

    /**
     * Multiplier of how often one piece of news is sent: multiplier * ceil(log10(members + 1)).
     */
    private @Nullable Integer retransmitMultiplier;

    /**
     * How often pending news is pushed to a few random members, besides riding on probes.
     */
    private @Nullable Duration gossipInterval;

    /**
     * Number of random members that receive a gossip push every gossip interval.
     */
    private @Nullable Integer gossipFanout;

    /**
     * How long after a member dies gossip may still go to it, so it learns it was declared
     * dead.
     */
    private @Nullable Duration gossipToTheDeadTime;

    /**
     * Base interval of full-state sync with one random member; it grows with the cluster
     * size. 0 turns periodic sync off (joins still sync).
     */
    private @Nullable Duration pushPullInterval;

    /**
     * How often to try a seed or a recently dead member again, so a healed partition merges
     * back. 0 turns it off.
     */
    private @Nullable Duration reconnectInterval;

    /**
     * How long a dead or left member is remembered, so stale news cannot bring it back.
     */
    private @Nullable Duration deadMemberRetention;

    /**
     * Largest Lifeguard local health multiplier (1 to 64): probe timeouts and the period scale
     * by at most this factor.
     */
    private @Nullable Integer localHealthMax;

    /**
     * Whether the Lifeguard extensions (local health, nacks, confirmations shrinking the
     * suspicion timeout) are on.
     */
    private @Nullable Boolean lifeguardEnabled;

    /**
     * Whether an expired suspicion first makes a member unreachable, and dead only after the
     * unreachable timeout.
     */
    private @Nullable Boolean unreachableEnabled;

    /**
     * How long a member stays unreachable before it is declared dead, when that stage is on.
     */
    private @Nullable Duration unreachableTimeout;

    /**
     * Largest datagram filled with a message and piggybacked gossip, in bytes.
     */
    private @Nullable Integer maxPacketSize;

    /**
     * Largest encoded metadata a member may publish, in bytes.
     */
    private @Nullable Integer maxMetadataBytes;

    /**
     * Longest stop-the-world pause (GC, CPU throttling, a debugger) a member survives without
     * being declared dead when only silence speaks against it; 0 for memberlist's behaviour.
     */
    private @Nullable Duration pauseTolerance;

    /**
     * Suspicion timeout at a node that saw for itself that the process is gone (its host
     * refused the connection, or another process answered at its address).
     */
    private @Nullable Duration goneSuspicionTimeout;

    /**
     * How long failed members stay reconnect candidates, and their identities are remembered
     * as dead, so that a partition heals however long it lasted.
     */
    private @Nullable Duration reconnectRetention;

    /**
     * Most members, tombstones included, a node holds; news of more is dropped and counted.
     */
    private @Nullable Integer maxMembers;

    /**
     * Most pieces of news waiting to be gossiped (default 4096); beyond it the most-sent news of
     * the fuller kind (status news or metadata updates) is evicted (swim.gossip.dropped).
     */
    private @Nullable Integer maxGossipQueue;

    /**
     * What this instance does when it learns the cluster declared it dead: rejoin under a new
     * identity, or stop taking part (for orchestrators that restart the process).
     */
    private SwimSettings.@Nullable RejoinPolicy rejoinPolicy;

    void applyTo(SwimSettings.Builder b) {
        if (this.protocolPeriod != null) {
            b.protocolPeriod(this.protocolPeriod);
        }
        if (this.probeTimeout != null) {
            b.probeTimeout(this.probeTimeout);
        }
        if (this.indirectProbes != null) {
            b.indirectProbes(this.indirectProbes);
        }
        if (this.suspicionMultiplier != null) {
            b.suspicionMultiplier(this.suspicionMultiplier);
        }
        if (this.suspicionMaxTimeoutMultiplier != null) {
            b.suspicionMaxTimeoutMultiplier(this.suspicionMaxTimeoutMultiplier);
        }
        if (this.suspicionConfirmations != null) {
            b.suspicionConfirmations(this.suspicionConfirmations);
        }
        if (this.retransmitMultiplier != null) {
            b.retransmitMultiplier(this.retransmitMultiplier);
        }
        if (this.gossipInterval != null) {
            b.gossipInterval(this.gossipInterval);
        }
        if (this.gossipFanout != null) {
            b.gossipFanout(this.gossipFanout);
        }
        if (this.gossipToTheDeadTime != null) {
            b.gossipToTheDeadTime(this.gossipToTheDeadTime);
        }
        if (this.pushPullInterval != null) {
            b.pushPullInterval(this.pushPullInterval);
        }
        if (this.reconnectInterval != null) {
            b.reconnectInterval(this.reconnectInterval);
        }
        if (this.deadMemberRetention != null) {
            b.deadMemberRetention(this.deadMemberRetention);
        }
        if (this.localHealthMax != null) {
            b.localHealthMax(this.localHealthMax);
        }
        if (this.lifeguardEnabled != null) {
            b.lifeguardEnabled(this.lifeguardEnabled);
        }
        if (this.unreachableEnabled != null) {
            b.unreachableEnabled(this.unreachableEnabled);
        }
        if (this.unreachableTimeout != null) {
            b.unreachableTimeout(this.unreachableTimeout);
        }
        if (this.maxPacketSize != null) {
            b.maxPacketSize(this.maxPacketSize);
        }
        if (this.maxMetadataBytes != null) {
            b.maxMetadataBytes(this.maxMetadataBytes);
        }
        if (this.pauseTolerance != null) {
            b.pauseTolerance(this.pauseTolerance);
        }
        if (this.goneSuspicionTimeout != null) {
            b.goneSuspicionTimeout(this.goneSuspicionTimeout);
        }
        if (this.reconnectRetention != null) {
            b.reconnectRetention(this.reconnectRetention);
        }
        if (this.maxMembers != null) {
            b.maxMembers(this.maxMembers);
        }
        if (this.maxGossipQueue != null) {
            b.maxGossipQueue(this.maxGossipQueue);
        }
        if (this.rejoinPolicy != null) {
            b.rejoinPolicy(this.rejoinPolicy);
        }
    }

    public @Nullable Duration getProtocolPeriod() {
        return this.protocolPeriod;
    }

    public void setProtocolPeriod(@Nullable Duration protocolPeriod) {
        this.protocolPeriod = protocolPeriod;
    }

    public @Nullable Duration getProbeTimeout() {
        return this.probeTimeout;
    }

    public void setProbeTimeout(@Nullable Duration probeTimeout) {
        this.probeTimeout = probeTimeout;
    }

    public @Nullable Integer getIndirectProbes() {
        return this.indirectProbes;
    }

    public void setIndirectProbes(@Nullable Integer indirectProbes) {
        this.indirectProbes = indirectProbes;
    }

    public @Nullable Double getSuspicionMultiplier() {
        return this.suspicionMultiplier;
    }

    public void setSuspicionMultiplier(@Nullable Double suspicionMultiplier) {
        this.suspicionMultiplier = suspicionMultiplier;
    }

    public @Nullable Integer getSuspicionConfirmations() {
        return this.suspicionConfirmations;
    }

    public void setSuspicionConfirmations(@Nullable Integer suspicionConfirmations) {
        this.suspicionConfirmations = suspicionConfirmations;
    }

    public @Nullable Integer getSuspicionMaxTimeoutMultiplier() {
        return this.suspicionMaxTimeoutMultiplier;
    }

    public void setSuspicionMaxTimeoutMultiplier(@Nullable Integer suspicionMaxTimeoutMultiplier) {
        this.suspicionMaxTimeoutMultiplier = suspicionMaxTimeoutMultiplier;
    }

    public @Nullable Integer getRetransmitMultiplier() {
        return this.retransmitMultiplier;
    }

    public void setRetransmitMultiplier(@Nullable Integer retransmitMultiplier) {
        this.retransmitMultiplier = retransmitMultiplier;
    }

    public @Nullable Duration getGossipInterval() {
        return this.gossipInterval;
    }

    public void setGossipInterval(@Nullable Duration gossipInterval) {
        this.gossipInterval = gossipInterval;
    }

    public @Nullable Integer getGossipFanout() {
        return this.gossipFanout;
    }

    public void setGossipFanout(@Nullable Integer gossipFanout) {
        this.gossipFanout = gossipFanout;
    }

    public @Nullable Duration getGossipToTheDeadTime() {
        return this.gossipToTheDeadTime;
    }

    public void setGossipToTheDeadTime(@Nullable Duration gossipToTheDeadTime) {
        this.gossipToTheDeadTime = gossipToTheDeadTime;
    }

    public @Nullable Duration getPushPullInterval() {
        return this.pushPullInterval;
    }

    public void setPushPullInterval(@Nullable Duration pushPullInterval) {
        this.pushPullInterval = pushPullInterval;
    }

    public @Nullable Duration getReconnectInterval() {
        return this.reconnectInterval;
    }

    public void setReconnectInterval(@Nullable Duration reconnectInterval) {
        this.reconnectInterval = reconnectInterval;
    }

    public @Nullable Duration getDeadMemberRetention() {
        return this.deadMemberRetention;
    }

    public void setDeadMemberRetention(@Nullable Duration deadMemberRetention) {
        this.deadMemberRetention = deadMemberRetention;
    }

    public @Nullable Integer getLocalHealthMax() {
        return this.localHealthMax;
    }

    public void setLocalHealthMax(@Nullable Integer localHealthMax) {
        this.localHealthMax = localHealthMax;
    }

    public @Nullable Boolean getLifeguardEnabled() {
        return this.lifeguardEnabled;
    }

    public void setLifeguardEnabled(@Nullable Boolean lifeguardEnabled) {
        this.lifeguardEnabled = lifeguardEnabled;
    }

    public @Nullable Boolean getUnreachableEnabled() {
        return this.unreachableEnabled;
    }

    public void setUnreachableEnabled(@Nullable Boolean unreachableEnabled) {
        this.unreachableEnabled = unreachableEnabled;
    }

    public @Nullable Duration getUnreachableTimeout() {
        return this.unreachableTimeout;
    }

    public void setUnreachableTimeout(@Nullable Duration unreachableTimeout) {
        this.unreachableTimeout = unreachableTimeout;
    }

    public @Nullable Integer getMaxPacketSize() {
        return this.maxPacketSize;
    }

    public void setMaxPacketSize(@Nullable Integer maxPacketSize) {
        this.maxPacketSize = maxPacketSize;
    }

    public @Nullable Integer getMaxMetadataBytes() {
        return this.maxMetadataBytes;
    }

    public void setMaxMetadataBytes(@Nullable Integer maxMetadataBytes) {
        this.maxMetadataBytes = maxMetadataBytes;
    }

    public @Nullable Duration getPauseTolerance() {
        return this.pauseTolerance;
    }

    public void setPauseTolerance(@Nullable Duration pauseTolerance) {
        this.pauseTolerance = pauseTolerance;
    }

    public @Nullable Duration getGoneSuspicionTimeout() {
        return this.goneSuspicionTimeout;
    }

    public void setGoneSuspicionTimeout(@Nullable Duration goneSuspicionTimeout) {
        this.goneSuspicionTimeout = goneSuspicionTimeout;
    }

    public @Nullable Duration getReconnectRetention() {
        return this.reconnectRetention;
    }

    public void setReconnectRetention(@Nullable Duration reconnectRetention) {
        this.reconnectRetention = reconnectRetention;
    }

    public @Nullable Integer getMaxMembers() {
        return this.maxMembers;
    }

    public void setMaxMembers(@Nullable Integer maxMembers) {
        this.maxMembers = maxMembers;
    }

    public @Nullable Integer getMaxGossipQueue() {
        return this.maxGossipQueue;
    }

    public void setMaxGossipQueue(@Nullable Integer maxGossipQueue) {
        this.maxGossipQueue = maxGossipQueue;
    }

    public SwimSettings.@Nullable RejoinPolicy getRejoinPolicy() {
        return this.rejoinPolicy;
    }

    public void setRejoinPolicy(SwimSettings.@Nullable RejoinPolicy rejoinPolicy) {
        this.rejoinPolicy = rejoinPolicy;
    }
}
