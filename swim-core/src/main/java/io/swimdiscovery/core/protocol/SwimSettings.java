package io.swimdiscovery.core.protocol;

import java.time.Duration;

/**
 * Every tuning parameter of the engine, immutable. Start from a preset ({@link #lan()},
 * {@link #wan()}, {@link #local()}, {@link #memberlist()}) and change what you need with
 * {@link #toBuilder()}. Each accessor's documentation gives the value's unit and its default
 * (the {@link #lan()} value, which is also where {@link #builder()} starts).
 *
 * <p>The LAN preset starts from hashicorp/memberlist's {@code DefaultLANConfig} so the two can be
 * compared on equal terms; {@link #memberlist()} is that configuration itself, and
 * docs/protocol.md records every default we changed and why.
 */
public final class SwimSettings {

    // Every value, in a copy no builder holds: see SwimSettingsValues.
    private final SwimSettingsValues values;

    /** What a live node does when it learns the cluster declared it dead (dead is final for a uid). */
    public enum RejoinPolicy {
        /** Rejoin at once under a new uid; peers see the old uid failed and the new one joined. */
        REJOIN,
        /** Stop the node: for deployments where a restart by the orchestrator is the only way back. */
        STOP
    }

    /** Longest duration any setting may have: keeps every nanosecond sum far from overflow. */
    static final Duration MAX_DURATION = Duration.ofDays(365);

    private SwimSettings(Builder b) {
        SwimSettingsChecks.check(b.values);
        this.values = b.values.copy();
    }

    /**
     * Defaults for a LAN, and what {@link #builder()} starts from: 1 s protocol period, 500 ms
     * probe timeout, 3 indirect probes, suspicion multiplier 1.5, max-timeout multiplier 6,
     * 2 independent confirmations, a 5 s pause tolerance (after silence the suspicion timeout
     * never ends sooner), a 1 s suspicion where this node saw that the process is gone,
     * retransmit multiplier 4, gossip every 200 ms to 3 members, gossip to the dead for 30 s,
     * push-pull every 30 s, reconnect every 10 s with failed members kept 6 h, tombstones kept
     * 5 min, local health up to 8x, Lifeguard on, unreachable stage off (1 min), 1400-byte
     * packets, 512 bytes of metadata, 20,000 members at most, rejoin when declared dead.
     *
     * <p>It differs from {@link #memberlist()} in the suspicion multiplier (1.5 where memberlist
     * has 4: members that hear a suspicion probe the suspect first, so confirmations arrive within
     * about a period), the pause tolerance (memberlist has none) and the 1 s suspicion on evidence
     * that the process is gone (memberlist has no such path); docs/protocol.md has the
     * measurements. The settings memberlist does not have (reconnect, tombstone retention,
     * unreachable, packet and metadata limits) are the same in both.
     */
    public static SwimSettings lan() {
        return builder().build();
    }

    /**
     * memberlist's {@code DefaultWANConfig}, for links with more latency and loss between data
     * centers: the LAN preset with a 5 s protocol period, 3 s probe timeout, suspicion multiplier
     * 6, push-pull every 60 s, gossip every 500 ms to 4 members, gossip to the dead for 60 s.
     */
    public static SwimSettings wan() {
        return SwimSettingsPresets.wan();
    }

    /**
     * For many members on one host (development, tests): loopback answers fast, so the probe
     * timeout is short (200 ms), but processes share CPUs, so the suspicion multiplier is a little
     * higher (2). Otherwise the LAN preset, with push-pull every 15 s, gossip every 100 ms and
     * gossip to the dead for 15 s.
     */
    public static SwimSettings local() {
        return SwimSettingsPresets.local();
    }

    /**
     * hashicorp/memberlist's {@code DefaultLANConfig}, for comparing the two on equal terms
     * (docs/benchmarks.md): {@code ProbeInterval} 1 s, {@code ProbeTimeout} 500 ms,
     * {@code IndirectChecks} 3, {@code SuspicionMult} 4, {@code SuspicionMaxTimeoutMult} 6,
     * {@code GossipInterval} 200 ms, {@code GossipNodes} 3, {@code PushPullInterval} 30 s,
     * {@code RetransmitMult} 4, {@code GossipToTheDeadTime} 30 s, {@code AwarenessMaxMultiplier} 8.
     * memberlist derives the expected confirmations as {@code SuspicionMult - 2}, so 2 here; its
     * awareness score runs 0..7 and scales timeouts by {@code score + 1}, as ours does with
     * {@link #localHealthMax()} 8. memberlist has no pause floor ({@link #pauseTolerance()} 0) and
     * no shortcut on evidence that the process is gone ({@link #goneSuspicionTimeout()} is set to
     * the longest suspicion, so it never shortens one). Settings memberlist does not have keep the
     * LAN values.
     */
    public static SwimSettings memberlist() {
        return SwimSettingsPresets.memberlist();
    }

    /** A builder at the {@link #lan()} values. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder(values.copy());
    }

    /** Time between two probes of this node (T in the paper), before Lifeguard scaling. Positive; default 1 s. */
    public Duration protocolPeriod() {
        return values.protocolPeriod;
    }

    /**
     * How long to wait for an ack to a direct ping before asking others (ping-req). Positive, at
     * most the protocol period; default 500 ms.
     */
    public Duration probeTimeout() {
        return values.probeTimeout;
    }

    /** Members asked to probe indirectly (k in the paper) when a direct probe times out. 0 or more; default 3. */
    public int indirectProbes() {
        return values.indirectProbes;
    }

    /**
     * Minimum suspicion timeout is {@code suspicionMultiplier * max(1, log10(n)) * protocolPeriod}
     * (alpha in Lifeguard). The minimum applies only once {@link #suspicionConfirmations()} other
     * members have independently failed to reach the suspect. A positive factor; default 1.5
     * (memberlist: 4).
     */
    public double suspicionMultiplier() {
        return values.suspicionMultiplier;
    }

    /**
     * Maximum suspicion timeout is this times the minimum; Lifeguard shrinks it toward the minimum
     * as confirmations arrive. 1 or more; default 6.
     */
    public int suspicionMaxTimeoutMultiplier() {
        return values.suspicionMaxTimeoutMultiplier;
    }

    /**
     * Independent confirmations (K in Lifeguard) after which the suspicion timeout has shrunk to its
     * minimum. memberlist derives it as {@code suspicionMultiplier - 2}; here it is its own setting.
     * A count, 0 or more; default 2.
     */
    public int suspicionConfirmations() {
        return values.suspicionConfirmations;
    }

    /** Each piece of news is sent at most {@code retransmitMultiplier * ceil(log10(n+1))} times. 1 or more; default 4. */
    public int retransmitMultiplier() {
        return values.retransmitMultiplier;
    }

    /**
     * How often pending news is pushed to {@link #gossipFanout()} random members, besides riding on
     * probes. Positive; default 200 ms.
     */
    public Duration gossipInterval() {
        return values.gossipInterval;
    }

    /** Members that receive a gossip push every gossip interval. 0 or more; default 3. */
    public int gossipFanout() {
        return values.gossipFanout;
    }

    /**
     * For this long after a member dies, gossip pushes may still go to it, so it learns it was
     * declared dead. Zero or more; default 30 s.
     */
    public Duration gossipToTheDeadTime() {
        return values.gossipToTheDeadTime;
    }

    /**
     * Base interval of full-state sync with one random member; it grows with cluster size beyond 32
     * members so the total sync load stays bounded. Zero disables periodic sync (join still syncs).
     * Default 30 s.
     */
    public Duration pushPullInterval() {
        return values.pushPullInterval;
    }

    /**
     * How often a node tries to sync with one seed or one recently dead member, so a healed
     * partition merges back without an operator. Zero disables it. Default 10 s.
     */
    public Duration reconnectInterval() {
        return values.reconnectInterval;
    }

    /** How long a dead or left member is kept as a tombstone, so stale news cannot resurrect it. Zero or more; default 5 min. */
    public Duration deadMemberRetention() {
        return values.deadMemberRetention;
    }

    /**
     * Largest Lifeguard local health multiplier: the score runs 0..{@code localHealthMax - 1} and
     * probe timeout and period scale by {@code score + 1}, so at most by this factor (memberlist's
     * {@code AwarenessMaxMultiplier}). 1 to 64; default 8 (up to 8x).
     */
    public int localHealthMax() {
        return values.localHealthMax;
    }

    /**
     * Whether the Lifeguard extensions are on: local health scaling, nacks, suspicion confirmations
     * shrinking the timeout. Off gives plain SWIM with the suspicion subprotocol (for comparison).
     * Default on.
     */
    public boolean lifeguardEnabled() {
        return values.lifeguardEnabled;
    }

    /** Whether an expired suspicion leads to unreachable (then dead after {@link #unreachableTimeout()}). Default off. */
    public boolean unreachableEnabled() {
        return values.unreachableEnabled;
    }

    /** With unreachable on, how long a member stays unreachable before it is declared dead. Zero or more; default 1 min. */
    public Duration unreachableTimeout() {
        return values.unreachableTimeout;
    }

    /**
     * Largest datagram the engine fills with a message and piggybacked gossip, in bytes; larger
     * messages go over a stream. 512..65000; default 1400 (fits a 1500-byte Ethernet MTU).
     */
    public int maxPacketSize() {
        return values.maxPacketSize;
    }

    /** Largest encoded metadata map a member may publish, in bytes. 0 up to half of {@link #maxPacketSize()}; default 512. */
    public int maxMetadataBytes() {
        return values.maxMetadataBytes;
    }

    /**
     * Longest stop-the-world pause (GC, CPU throttling, a debugger, SIGSTOP) a member survives
     * without being declared dead when nothing but silence speaks against it: the floor of the
     * suspicion timeout. Default 5 s; 0 leaves the timeout to the Lifeguard formula alone, as in
     * memberlist.
     */
    public Duration pauseTolerance() {
        return values.pauseTolerance;
    }

    /**
     * How long a suspicion lasts at a node that saw for itself that the process is gone (its host
     * refused the connection, or another process answered at its address), instead of the
     * pause-tolerant timeout. Default 1 s: time for the suspect to refute should the evidence be
     * wrong (a firewall that rejects streams while the datagrams were merely lost).
     */
    public Duration goneSuspicionTimeout() {
        return values.goneSuspicionTimeout;
    }

    /**
     * How long a failed member stays a reconnect candidate, and its uid is remembered as dead, after
     * its tombstone went: long enough for any partition to heal. Default 6 h.
     */
    public Duration reconnectRetention() {
        return values.reconnectRetention;
    }

    /** Most members (tombstones included) a node holds; news of more is dropped and counted. Default 20,000. */
    public int maxMembers() {
        return values.maxMembers;
    }

    /**
     * Most pieces of news waiting to be gossiped. Beyond it the most-sent, oldest item of the kind
     * (status news or metadata updates) holding more of the queue is evicted and counted (news
     * about this node never is); a full state merged from one sync queues at most a sixteenth of
     * it. 16 to 1,000,000; default 4,096.
     */
    public int maxGossipQueue() {
        return values.maxGossipQueue;
    }

    /** What a live node does when it learns it was declared dead. Default {@link RejoinPolicy#REJOIN}. */
    public RejoinPolicy rejoinPolicy() {
        return values.rejoinPolicy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SwimSettings s && toString().equals(s.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /**
     * Mutable builder; starts at the {@link #lan()} values. Each setter sets the value its
     * namesake accessor on {@link SwimSettings} describes (unit, range and default there);
     * {@link #build()} checks them all.
     */
    public static final class Builder {
        final SwimSettingsValues values;

        private Builder() {
            this(new SwimSettingsValues());
        }

        private Builder(SwimSettingsValues values) {
            this.values = values;
        }

        /** Time between two probes; default 1 s. See {@link SwimSettings#protocolPeriod()}. */
        public Builder protocolPeriod(Duration v) {
            values.protocolPeriod = v;
            return this;
        }
        /** Wait for a direct ack, at most the protocol period; default 500 ms. See {@link SwimSettings#probeTimeout()}. */
        public Builder probeTimeout(Duration v) {
            values.probeTimeout = v;
            return this;
        }
        /** Relays asked per failed direct probe; default 3. See {@link SwimSettings#indirectProbes()}. */
        public Builder indirectProbes(int v) {
            values.indirectProbes = v;
            return this;
        }
        /** Factor of the minimum suspicion timeout; default 1.5. See {@link SwimSettings#suspicionMultiplier()}. */
        public Builder suspicionMultiplier(double v) {
            values.suspicionMultiplier = v;
            return this;
        }
        /**
         * Maximum suspicion timeout over the minimum; default 6.
         * See {@link SwimSettings#suspicionMaxTimeoutMultiplier()}.
         */
        public Builder suspicionMaxTimeoutMultiplier(int v) {
            values.suspicionMaxTimeoutMultiplier = v;
            return this;
        }
        /** Confirmations for the minimum timeout; default 2. See {@link SwimSettings#suspicionConfirmations()}. */
        public Builder suspicionConfirmations(int v) {
            values.suspicionConfirmations = v;
            return this;
        }
        /** Sends per piece of news, times log10(n+1); default 4. See {@link SwimSettings#retransmitMultiplier()}. */
        public Builder retransmitMultiplier(int v) {
            values.retransmitMultiplier = v;
            return this;
        }
        /** Time between gossip pushes; default 200 ms. See {@link SwimSettings#gossipInterval()}. */
        public Builder gossipInterval(Duration v) {
            values.gossipInterval = v;
            return this;
        }
        /** Members per gossip push; default 3. See {@link SwimSettings#gossipFanout()}. */
        public Builder gossipFanout(int v) {
            values.gossipFanout = v;
            return this;
        }
        /** How long the dead still get gossip; default 30 s. See {@link SwimSettings#gossipToTheDeadTime()}. */
        public Builder gossipToTheDeadTime(Duration v) {
            values.gossipToTheDeadTime = v;
            return this;
        }
        /** Base full-sync interval, zero for none; default 30 s. See {@link SwimSettings#pushPullInterval()}. */
        public Builder pushPullInterval(Duration v) {
            values.pushPullInterval = v;
            return this;
        }
        /** Time between reconnect attempts, zero for none; default 10 s. See {@link SwimSettings#reconnectInterval()}. */
        public Builder reconnectInterval(Duration v) {
            values.reconnectInterval = v;
            return this;
        }
        /** How long tombstones are kept; default 5 min. See {@link SwimSettings#deadMemberRetention()}. */
        public Builder deadMemberRetention(Duration v) {
            values.deadMemberRetention = v;
            return this;
        }
        /** Largest local health multiplier, 1..64; default 8. See {@link SwimSettings#localHealthMax()}. */
        public Builder localHealthMax(int v) {
            values.localHealthMax = v;
            return this;
        }
        /** Lifeguard extensions on or off; default on. See {@link SwimSettings#lifeguardEnabled()}. */
        public Builder lifeguardEnabled(boolean v) {
            values.lifeguardEnabled = v;
            return this;
        }
        /** Unreachable stage on or off; default off. See {@link SwimSettings#unreachableEnabled()}. */
        public Builder unreachableEnabled(boolean v) {
            values.unreachableEnabled = v;
            return this;
        }
        /** Time unreachable before dead; default 1 min. See {@link SwimSettings#unreachableTimeout()}. */
        public Builder unreachableTimeout(Duration v) {
            values.unreachableTimeout = v;
            return this;
        }
        /** Largest datagram in bytes; default 1400. See {@link SwimSettings#maxPacketSize()}. */
        public Builder maxPacketSize(int v) {
            values.maxPacketSize = v;
            return this;
        }
        /** Largest metadata map in bytes; default 512. See {@link SwimSettings#maxMetadataBytes()}. */
        public Builder maxMetadataBytes(int v) {
            values.maxMetadataBytes = v;
            return this;
        }
        /** Longest pause survived on silence alone; default 5 s, 0 for none. See {@link SwimSettings#pauseTolerance()}. */
        public Builder pauseTolerance(Duration v) {
            values.pauseTolerance = v;
            return this;
        }
        /** Suspicion timeout when this node saw the process is gone; default 1 s. See {@link SwimSettings#goneSuspicionTimeout()}. */
        public Builder goneSuspicionTimeout(Duration v) {
            values.goneSuspicionTimeout = v;
            return this;
        }
        /** How long failed members are reconnect candidates; default 6 h. See {@link SwimSettings#reconnectRetention()}. */
        public Builder reconnectRetention(Duration v) {
            values.reconnectRetention = v;
            return this;
        }
        /** Most members a node holds, tombstones included; default 20,000. See {@link SwimSettings#maxMembers()}. */
        public Builder maxMembers(int v) {
            values.maxMembers = v;
            return this;
        }
        /** Most pieces of news waiting to be gossiped; default 4,096. See {@link SwimSettings#maxGossipQueue()}. */
        public Builder maxGossipQueue(int v) {
            values.maxGossipQueue = v;
            return this;
        }
        /** What a node declared dead does; default {@link RejoinPolicy#REJOIN}. See {@link SwimSettings#rejoinPolicy()}. */
        public Builder rejoinPolicy(RejoinPolicy v) {
            values.rejoinPolicy = v;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting out of range */
        public SwimSettings build() {
            return new SwimSettings(this);
        }
    }
}
