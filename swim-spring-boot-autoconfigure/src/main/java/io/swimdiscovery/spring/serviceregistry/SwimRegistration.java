package io.swimdiscovery.spring.serviceregistry;

import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.discovery.SwimServiceInstance;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.serviceregistry.Registration;

/**
 * This application's own service instance: what the local node announces in its metadata. The
 * web server's port and the advertised host become known only while the application starts, so
 * those two are filled in then; the status changes through {@link SwimServiceRegistry}.
 *
 * <p>An instance that is not registered (auto-registration off, or deregistered) still runs a node
 * and discovers others, but announces no service, so nobody routes to it.
 */
public class SwimRegistration implements Registration {

    private final String instanceId;

    private final String serviceId;

    private final String scheme;

    private final @Nullable String zone;

    private final Map<String, String> userMetadata;

    private volatile String host;

    private volatile int port;

    private volatile @Nullable String status;

    /**
     * @param instanceId the node's name
     * @param serviceId the service id to announce
     * @param host the host to announce until the node knows its advertised address
     * @param port the service port, or -1 until the web server's port is known
     * @param scheme {@code http} or {@code https}
     * @param zone the zone, if any
     * @param userMetadata extra metadata to announce
     */
    public SwimRegistration(String instanceId, String serviceId, String host, int port, String scheme,
            @Nullable String zone, Map<String, String> userMetadata) {
        this.instanceId = instanceId;
        this.serviceId = serviceId;
        this.host = host;
        this.port = port;
        this.scheme = scheme;
        this.zone = zone;
        this.userMetadata = Map.copyOf(userMetadata);
    }

    @Override
    public String getInstanceId() {
        return this.instanceId;
    }

    @Override
    public String getServiceId() {
        return this.serviceId;
    }

    @Override
    public String getHost() {
        return this.host;
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
        return SwimServiceInstance.uri(getScheme(), this.host, this.port);
    }

    /** The metadata this instance announces, as other members' discovery clients will see it. */
    @Override
    public Map<String, String> getMetadata() {
        return memberMetadata();
    }

    /** The current status: UP, OUT_OF_SERVICE, or null when not registered. */
    public @Nullable String getStatus() {
        return this.status;
    }

    /** Whether this instance announces its service. */
    public boolean isRegistered() {
        return this.status != null;
    }

    /**
     * The node's metadata: the user's entries and the zone, plus the service keys of
     * {@link SwimMetadata} while registered and a port is known. Without a port (a non-web or WAR
     * application without {@code swim.service.port}) the instance is a client only: announcing a
     * service without a port would send callers to port 80.
     */
    public Map<String, String> memberMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>(this.userMetadata);
        if (this.zone != null && !this.zone.isEmpty()) {
            metadata.put(SwimMetadata.ZONE, this.zone);
        }
        String current = this.status;
        if (current != null && this.port > 0) {
            metadata.put(SwimMetadata.SERVICE_ID, this.serviceId);
            metadata.put(SwimMetadata.PORT, Integer.toString(this.port));
            metadata.put(SwimMetadata.SCHEME, this.scheme);
            metadata.put(SwimMetadata.STATUS, current);
        }
        return metadata;
    }

    /** Records the port clients call, once the web server has bound it. */
    public void setPort(int port) {
        this.port = port;
    }

    /** Records the node's advertised host once the node is bound. */
    public void setHost(String host) {
        this.host = host;
    }

    void setStatus(@Nullable String status) {
        this.status = status;
    }

    @Override
    public String toString() {
        return "SwimRegistration[instanceId=" + this.instanceId + ", serviceId=" + this.serviceId + ", host="
                + this.host + ", port=" + this.port + ", status=" + this.status + "]";
    }
}
