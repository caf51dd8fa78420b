package io.swimdiscovery.spring.serviceregistry;

import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.discovery.SwimServiceInstance;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.serviceregistry.Registration;

/**
 * This application's own service instance: what the local node announces in its metadata. The
 * web server's port, the management port and the advertised host become known only while the
 * application starts, so those are filled in then; the status changes through
 * {@link SwimServiceRegistry}.
 *
 * <p>{@link #getMetadata()} is live: what you put there (in an {@code InstancePreRegisteredEvent}
 * listener, or at any time later) is gossiped, or rejected with an exception, never silently
 * dropped. The service keys ({@code swim.service-id}, {@code swim.port}, {@code swim.scheme},
 * {@code swim.status}, {@code swim.host}) and the role keys ({@code swim.role},
 * {@code swim.role.token}) are the registry's and cannot be written there.
 *
 * <p>An instance that is not registered (auto-registration off, or deregistered) or has no port
 * (a non-web application without {@code swim.service.port}) still runs a node and discovers
 * others, but announces no service, so nobody routes to it.
 */
public class SwimRegistration implements Registration {

    /** Keys only the registry writes. */
    static final Set<String> RESERVED = Set.of(
            SwimMetadata.SERVICE_ID,
            SwimMetadata.PORT,
            SwimMetadata.SCHEME,
            SwimMetadata.STATUS,
            SwimMetadata.HOST,
            SwimMetadata.ROLE,
            SwimMetadata.ROLE_TOKEN);

    private final String instanceId;

    private final String serviceId;

    private final String scheme;

    private final Object monitor = new Object();

    // Guarded by monitor; the user's entries, in the order given.
    private final Map<String, String> userMetadata;

    private final SwimRegistrationMetadata metadataView = new SwimRegistrationMetadata(this);

    private volatile @Nullable String zone;

    private volatile String host;

    private volatile @Nullable String serviceHost;

    private volatile int port;

    private volatile int managementPort = -1;

    private volatile @Nullable ManagementPaths management;

    private volatile @Nullable String status;

    private volatile @Nullable Runnable changeListener;

    private final Set<String> keysEverAnnounced = ConcurrentHashMap.newKeySet();

    private volatile boolean trafficRefused;

    // Null: roles off. Written together by setRole, read together by memberMetadata.
    private volatile @Nullable RoleEntry role;

    private record RoleEntry(String role, long token) {}

    /**
     * Where the management endpoints are, relative to the management server's root.
     *
     * @param contextPath for example {@code /actuator}
     * @param healthPath for example {@code health}
     */
    public record ManagementPaths(String contextPath, String healthPath) {}

    /**
     * @param instanceId the node's name
     * @param serviceId the service id to announce
     * @param host the host to announce until the node knows its advertised address
     * @param port the service port, or -1 until the web server's port is known
     * @param scheme {@code http} or {@code https}
     * @param zone the zone, if any
     * @param userMetadata extra metadata to announce
     */
    public SwimRegistration(
            String instanceId,
            String serviceId,
            String host,
            int port,
            String scheme,
            @Nullable String zone,
            Map<String, String> userMetadata) {
        this.instanceId = instanceId;
        this.serviceId = serviceId;
        this.host = host;
        this.port = port;
        this.scheme = scheme;
        this.zone = zone;
        this.userMetadata = new LinkedHashMap<>(userMetadata);
    }

    @Override
    public String getInstanceId() {
        return this.instanceId;
    }

    @Override
    public String getServiceId() {
        return this.serviceId;
    }

    /** The host callers use: a host name or {@code server.address} when one is announced, else the SWIM host. */
    @Override
    public String getHost() {
        String announced = this.serviceHost;
        return (announced != null) ? announced : this.host;
    }

    @Override
    public int getPort() {
        return this.port;
    }

    @Override
    public boolean isSecure() {
        return "https".equalsIgnoreCase(this.scheme);
    }

    @Override
    public String getScheme() {
        return this.scheme;
    }

    @Override
    public URI getUri() {
        return SwimServiceInstance.uri(getScheme(), getHost(), this.port);
    }

    /**
     * The metadata this instance announces, as other members' discovery clients will see it; a
     * live view: writes of keys other than the service keys are announced (see the class comment).
     */
    @Override
    public Map<String, String> getMetadata() {
        return this.metadataView;
    }

    /** The current status: UP, OUT_OF_SERVICE, or null when not registered. */
    public @Nullable String getStatus() {
        return this.status;
    }

    /** Whether this instance announces its service (once a port is known). */
    public boolean isRegistered() {
        return this.status != null;
    }

    /**
     * The node's metadata: the management keys, the user's entries and the zone, plus the service
     * keys of {@link SwimMetadata} while registered and a port is known. Without a port the
     * instance is a client only: announcing a service without a port would send callers to port 80.
     */
    public Map<String, String> memberMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        ManagementPaths paths = this.management;
        int servicePort = this.port;
        int actuatorPort = (this.managementPort > 0) ? this.managementPort : servicePort;
        if (paths != null && actuatorPort > 0) {
            metadata.put(SwimMetadata.MANAGEMENT_PORT, Integer.toString(actuatorPort));
            metadata.put(SwimMetadata.MANAGEMENT_CONTEXT_PATH, paths.contextPath());
            metadata.put(SwimMetadata.HEALTH_PATH, paths.healthPath());
        }
        synchronized (this.monitor) {
            metadata.putAll(this.userMetadata);
        }
        String currentZone = this.zone;
        if (currentZone != null && !currentZone.isEmpty()) {
            metadata.put(SwimMetadata.ZONE, currentZone);
        }
        RoleEntry currentRole = this.role;
        if (currentRole != null) {
            metadata.put(SwimMetadata.ROLE, currentRole.role());
            if (currentRole.token() > 0) {
                metadata.put(SwimMetadata.ROLE_TOKEN, Long.toString(currentRole.token()));
            }
        }
        String current = this.status;
        if (current != null && servicePort > 0) {
            metadata.put(SwimMetadata.SERVICE_ID, this.serviceId);
            metadata.put(SwimMetadata.PORT, Integer.toString(servicePort));
            metadata.put(SwimMetadata.SCHEME, this.scheme);
            // The application refusing traffic (readiness, health) announces OUT_OF_SERVICE over UP.
            boolean routable = !this.trafficRefused || !SwimMetadata.STATUS_UP.equals(current);
            metadata.put(SwimMetadata.STATUS, routable ? current : SwimMetadata.STATUS_OUT_OF_SERVICE);
            String announced = this.serviceHost;
            if (announced != null) {
                metadata.put(SwimMetadata.HOST, announced);
            }
        }
        this.keysEverAnnounced.addAll(metadata.keySet());
        return metadata;
    }

    /** Every key {@link #memberMetadata()} ever returned: what the registration may have put on the node. */
    Set<String> keysEverAnnounced() {
        return Set.copyOf(this.keysEverAnnounced);
    }

    /** Records the port clients call, once the web server has bound it. */
    public void setPort(int port) {
        this.port = port;
    }

    /** Records the separate management server's port (Boot's {@code management.server.port}) once bound. */
    public void setManagementPort(int managementPort) {
        if (this.managementPort != managementPort) {
            this.managementPort = managementPort;
            changed();
        }
    }

    /** Announces management port, context path and health path (null: announce none). */
    public void setManagementPaths(@Nullable ManagementPaths management) {
        this.management = management;
    }

    /** Records the node's advertised host once the node is bound. */
    public void setHost(String host) {
        this.host = host;
    }

    /** A host callers should use instead of the SWIM address (a host name), or null for the SWIM address. */
    public void setServiceHost(@Nullable String serviceHost) {
        this.serviceHost = serviceHost;
    }

    /** Changes the zone, as a configuration refresh does; announced at once while the node runs. */
    public void setZone(@Nullable String zone) {
        this.zone = zone;
        changed();
    }

    /** Replaces the user's entries (a configuration refresh); announced at once while the node runs. */
    public void replaceUserMetadata(Map<String, String> metadata) {
        synchronized (this.monitor) {
            this.userMetadata.clear();
            this.userMetadata.putAll(metadata);
        }
        changed();
    }

    /** Replaces zone and user entries together (a configuration refresh), announced once. */
    public void refresh(@Nullable String zone, Map<String, String> metadata) {
        synchronized (this.monitor) {
            this.userMetadata.clear();
            this.userMetadata.putAll(metadata);
        }
        this.zone = zone;
        changed();
    }

    /** Told of every change of the announced metadata that did not go through the registry's status. */
    public void setChangeListener(@Nullable Runnable changeListener) {
        this.changeListener = changeListener;
    }

    void setStatus(@Nullable String status) {
        this.status = status;
    }

    @Nullable
    String putUserEntry(String key, String value) {
        requireWritable(key);
        String previous;
        synchronized (this.monitor) {
            previous = this.userMetadata.put(key, value);
        }
        if (!value.equals(previous)) {
            changedOrRestore(key, previous);
        }
        return previous;
    }

    @Nullable
    String removeUserEntry(String key) {
        requireWritable(key);
        String previous;
        synchronized (this.monitor) {
            previous = this.userMetadata.remove(key);
        }
        if (previous != null) {
            changedOrRestore(key, previous);
        }
        return previous;
    }

    private static void requireWritable(String key) {
        if (RESERVED.contains(key)) {
            throw new UnsupportedOperationException("'" + key + "' is the service registry's: set the status "
                    + "through ServiceRegistry.setStatus and the port, scheme and host through swim.service.* "
                    + "and swim.instance.*");
        }
    }

    private void changed() {
        Runnable listener = this.changeListener;
        if (listener != null) {
            listener.run();
        }
    }

    // A write the node refused (over the metadata bound) is undone: else the entry would stay in
    // the registration, and every later announcement (a status or readiness change) would fail too.
    private void changedOrRestore(String key, @Nullable String previous) {
        try {
            changed();
        } catch (RuntimeException ex) {
            synchronized (this.monitor) {
                if (previous != null) {
                    this.userMetadata.put(key, previous);
                } else {
                    this.userMetadata.remove(key);
                }
            }
            throw ex;
        }
    }

    /**
     * Records the role this instance announces ({@link SwimMetadata#ROLE}, with the grant's
     * fencing token when primary); null announces none (roles off). A change is announced at
     * once while the node runs, on the calling thread (it waits for the protocol thread to take
     * the new metadata, so never call it from there).
     */
    public void setRole(@Nullable String role, long token) {
        RoleEntry next = (role != null) ? new RoleEntry(role, token) : null;
        RoleEntry previous = this.role;
        this.role = next;
        if ((next == null) ? previous != null : !next.equals(previous)) {
            changed();
        }
    }

    /** The role announced, or null when roles are off. */
    public @Nullable String getRole() {
        RoleEntry current = this.role;
        return (current != null) ? current.role() : null;
    }

    /**
     * Whether the application refuses traffic now (Boot's readiness, or its health): the node
     * then announces OUT_OF_SERVICE whatever {@link #getStatus()} says. Set by
     * {@code SwimTrafficGate}.
     */
    public boolean isTrafficRefused() {
        return this.trafficRefused;
    }

    public void setTrafficRefused(boolean trafficRefused) {
        this.trafficRefused = trafficRefused;
    }

    @Override
    public String toString() {
        return "SwimRegistration[instanceId=" + this.instanceId + ", serviceId=" + this.serviceId + ", host="
                + getHost() + ", port=" + this.port + ", status=" + this.status + "]";
    }
}
