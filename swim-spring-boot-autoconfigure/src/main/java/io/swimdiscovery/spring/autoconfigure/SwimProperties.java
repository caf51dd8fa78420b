package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.security.EncryptionMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of the SWIM node and of the service it announces, bound to {@code swim.*}.
 *
 * <p>Protocol parameters left unset take the value of the chosen {@link #getProfile() profile};
 * {@link #toSettings()} is the only bridge to the engine's {@link SwimSettings}. Every value is
 * checked when the application starts ({@link SwimPropertiesValidator}).
 */
@ConfigurationProperties(SwimProperties.PREFIX)
public class SwimProperties implements InitializingBean {

    /** Prefix of every property of the integration. */
    public static final String PREFIX = "swim";

    /** Port a SWIM node listens on when nothing else is said (memberlist's and Serf's). */
    public static final int DEFAULT_PORT = 7946;

    /**
     * Whether to run a SWIM node and offer its members to Spring Cloud discovery.
     */
    private boolean enabled = true;

    /**
     * Name of the cluster. Nodes of different clusters ignore each other; with encryption it is
     * authenticated in every packet.
     */
    private String clusterName = "swim";

    /**
     * Address the node binds its UDP and TCP sockets to.
     */
    private String bindAddress = "0.0.0.0";

    /**
     * Port for SWIM's UDP and TCP traffic (not the HTTP port). 0 picks a free port.
     */
    private int port = DEFAULT_PORT;

    /**
     * Address other members use to reach this node. Defaults to the bind address; when bound to
     * all interfaces, to server.address if set, else to the address Spring Cloud's InetUtils
     * chooses (spring.cloud.inetutils.*). Set it behind NAT or where that choice is wrong.
     */
    private @Nullable String advertiseAddress;

    /**
     * Port other members use to reach this node. Defaults to the bound port.
     */
    private @Nullable Integer advertisePort;

    /**
     * Comma-separated list of members to join through, as host:port, [ipv6]:port or host (which
     * uses the SWIM port). Listing this node itself is harmless.
     */
    private List<String> seeds = new ArrayList<>();

    /**
     * DNS name whose records are the seeds, resolved again at every join attempt: name or
     * name:port for A/AAAA records (a Kubernetes headless service, for instance), or an SRV name
     * starting with an underscore.
     */
    private @Nullable String seedDns;

    /**
     * Unique name of this node in the cluster, and the instance id its service instance gets.
     * Defaults to the service id followed by a random suffix, so instances never collide.
     */
    private @Nullable String nodeName;

    /**
     * Group of protocol defaults to start from; explicit swim.protocol.* properties override it.
     */
    private SwimProfile profile = SwimProfile.LAN;

    /**
     * How long the first join may wait for a seed to answer before the node carries on alone and
     * keeps retrying in the background.
     */
    private Duration joinTimeout = Duration.ofSeconds(10);

    /**
     * How long a graceful leave on shutdown may wait for the news to go out before the node stops.
     */
    private Duration leaveTimeout = Duration.ofSeconds(3);

    /**
     * Whether to start and join the node when the application starts. When off, nothing binds a
     * socket until the SwimLifecycle bean is started by hand.
     */
    private boolean autoStartup = true;

    /**
     * Whether the discovery client and the load balancer also list instances that are
     * OUT_OF_SERVICE.
     */
    private boolean includeOutOfService = false;

    /** How this instance is reached: host selection and the metadata about its address. */
    @NestedConfigurationProperty
    private SwimInstanceProperties instance = new SwimInstanceProperties();

    private final Protocol protocol = new Protocol();

    private final Encryption encryption = new Encryption();

    private final Service service = new Service();

    @NestedConfigurationProperty
    private final SwimReadinessProperties readiness = new SwimReadinessProperties();

    @NestedConfigurationProperty
    private final SwimHealthProperties health = new SwimHealthProperties();

    @NestedConfigurationProperty
    private final SwimHeartbeatProperties heartbeat = new SwimHeartbeatProperties();

    @Override
    public void afterPropertiesSet() {
        SwimPropertiesValidator.validate(this);
    }

    /**
     * The engine's settings: the profile's preset, then every protocol property that is set.
     *
     * @throws InvalidSwimPropertyException naming the property when the engine rejects a value
     */
    public SwimSettings toSettings() {
        SwimSettings.Builder builder = this.profile.settings().toBuilder();
        this.protocol.applyTo(builder);
        return SwimPropertiesValidator.build(builder, this.protocol);
    }

    /** The configured seeds as addresses; a seed without a port gets the SWIM port. */
    public List<Address> seedAddresses() {
        return SwimPropertiesValidator.seedAddresses(this);
    }

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getClusterName() {
        return this.clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public String getBindAddress() {
        return this.bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public int getPort() {
        return this.port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public @Nullable String getAdvertiseAddress() {
        return this.advertiseAddress;
    }

    public void setAdvertiseAddress(@Nullable String advertiseAddress) {
        this.advertiseAddress = advertiseAddress;
    }

    public @Nullable Integer getAdvertisePort() {
        return this.advertisePort;
    }

    public void setAdvertisePort(@Nullable Integer advertisePort) {
        this.advertisePort = advertisePort;
    }

    public List<String> getSeeds() {
        return this.seeds;
    }

    public void setSeeds(List<String> seeds) {
        this.seeds = seeds;
    }

    public @Nullable String getSeedDns() {
        return this.seedDns;
    }

    public void setSeedDns(@Nullable String seedDns) {
        this.seedDns = seedDns;
    }

    public @Nullable String getNodeName() {
        return this.nodeName;
    }

    public void setNodeName(@Nullable String nodeName) {
        this.nodeName = nodeName;
    }

    public SwimProfile getProfile() {
        return this.profile;
    }

    public void setProfile(SwimProfile profile) {
        this.profile = profile;
    }

    public Duration getJoinTimeout() {
        return this.joinTimeout;
    }

    public void setJoinTimeout(Duration joinTimeout) {
        this.joinTimeout = joinTimeout;
    }

    public Duration getLeaveTimeout() {
        return this.leaveTimeout;
    }

    public void setLeaveTimeout(Duration leaveTimeout) {
        this.leaveTimeout = leaveTimeout;
    }

    public boolean isAutoStartup() {
        return this.autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public boolean isIncludeOutOfService() {
        return this.includeOutOfService;
    }

    public void setIncludeOutOfService(boolean includeOutOfService) {
        this.includeOutOfService = includeOutOfService;
    }

    public Protocol getProtocol() {
        return this.protocol;
    }

    public Encryption getEncryption() {
        return this.encryption;
    }

    public Service getService() {
        return this.service;
    }

    public SwimInstanceProperties getInstance() {
        return this.instance;
    }

    public void setInstance(SwimInstanceProperties instance) {
        this.instance = instance;
    }

    public SwimReadinessProperties getReadiness() {
        return this.readiness;
    }

    public SwimHealthProperties getHealth() {
        return this.health;
    }

    public SwimHeartbeatProperties getHeartbeat() {
        return this.heartbeat;
    }

    /**
     * Protocol parameters; each one left unset takes the profile's value (docs/configuration.md
     * lists them per profile).
     */
    public static class Protocol {

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

        public SwimSettings.@Nullable RejoinPolicy getRejoinPolicy() {
            return this.rejoinPolicy;
        }

        public void setRejoinPolicy(SwimSettings.@Nullable RejoinPolicy rejoinPolicy) {
            this.rejoinPolicy = rejoinPolicy;
        }
    }

    /**
     * Packet encryption (AES-GCM with a keyring).
     */
    public static class Encryption {

        /**
         * Comma-separated list of base64 AES keys of 16, 24 or 32 bytes. The first seals outgoing
         * packets; every key is tried on incoming ones, so keys can be rotated without downtime.
         */
        private List<String> keys = new ArrayList<>();

        /**
         * How packets are treated: none (plaintext), rollout (send sealed, accept both) or
         * required (send and accept sealed only). Defaults to required when keys are set, none
         * otherwise.
         */
        private @Nullable EncryptionMode mode;

        public List<String> getKeys() {
            return this.keys;
        }

        public void setKeys(List<String> keys) {
            this.keys = keys;
        }

        public @Nullable EncryptionMode getMode() {
            return this.mode;
        }

        public void setMode(@Nullable EncryptionMode mode) {
            this.mode = mode;
        }

        /** The mode in force: the one set, else required with keys and none without. */
        public EncryptionMode effectiveMode() {
            if (this.mode != null) {
                return this.mode;
            }
            return this.keys.isEmpty() ? EncryptionMode.NONE : EncryptionMode.REQUIRED;
        }
    }

    /**
     * The service this node announces to the others' discovery clients.
     */
    public static class Service {

        /**
         * Service id other applications look this service up by. Defaults to
         * spring.application.name.
         */
        private @Nullable String id;

        /**
         * Port clients call the service on. Defaults to the web server's port once it is known.
         */
        private @Nullable Integer port;

        /**
         * Scheme clients call the service with.
         */
        private String scheme = "http";

        /**
         * Whether clients call the service over TLS; true implies the https scheme.
         */
        private boolean secure = false;

        /**
         * Zone of this instance, published as the "zone" metadata Spring Cloud LoadBalancer's zone
         * preference reads.
         */
        private @Nullable String zone;

        /**
         * Extra metadata published with this instance, gossiped to every member. Keep it small:
         * the whole map must fit swim.protocol.max-metadata-bytes.
         */
        private Map<String, String> metadata = new LinkedHashMap<>();

        public @Nullable String getId() {
            return this.id;
        }

        public void setId(@Nullable String id) {
            this.id = id;
        }

        public @Nullable Integer getPort() {
            return this.port;
        }

        public void setPort(@Nullable Integer port) {
            this.port = port;
        }

        public String getScheme() {
            return this.scheme;
        }

        public void setScheme(String scheme) {
            this.scheme = scheme;
        }

        public boolean isSecure() {
            return this.secure;
        }

        public void setSecure(boolean secure) {
            this.secure = secure;
        }

        public @Nullable String getZone() {
            return this.zone;
        }

        public void setZone(@Nullable String zone) {
            this.zone = zone;
        }

        public Map<String, String> getMetadata() {
            return this.metadata;
        }

        public void setMetadata(Map<String, String> metadata) {
            this.metadata = metadata;
        }

        /** The scheme in force: https when secure is set, else the configured scheme. */
        public String effectiveScheme() {
            return this.secure ? "https" : this.scheme;
        }
    }
}
