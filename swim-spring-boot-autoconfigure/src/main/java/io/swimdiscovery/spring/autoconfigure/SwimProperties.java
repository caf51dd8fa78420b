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

    @NestedConfigurationProperty
    private final SwimProtocolProperties protocol = new SwimProtocolProperties();

    private final Encryption encryption = new Encryption();

    private final Service service = new Service();

    @NestedConfigurationProperty
    private final SwimReadinessProperties readiness = new SwimReadinessProperties();

    @NestedConfigurationProperty
    private final SwimHealthProperties health = new SwimHealthProperties();

    @NestedConfigurationProperty
    private final SwimHeartbeatProperties heartbeat = new SwimHeartbeatProperties();

    @NestedConfigurationProperty
    private final SwimLimitsProperties limits = new SwimLimitsProperties();

    @NestedConfigurationProperty
    private final SwimRolesProperties roles = new SwimRolesProperties();

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

    public SwimProtocolProperties getProtocol() {
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

    public SwimLimitsProperties getLimits() {
        return this.limits;
    }

    public SwimRolesProperties getRoles() {
        return this.roles;
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
