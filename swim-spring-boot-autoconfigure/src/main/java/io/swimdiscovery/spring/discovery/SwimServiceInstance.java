package io.swimdiscovery.spring.discovery;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.springframework.cloud.client.ServiceInstance;

/**
 * One instance of a service, as a member's gossiped metadata describes it. Immutable and
 * value-equal, so the load balancer can tell whether a list really changed.
 *
 * @param instanceId the member's name, unique in the cluster
 * @param serviceId the service id the member announces
 * @param host the member's advertised host
 * @param port the port clients call, or -1 if the member announced none
 * @param secure whether clients call it over TLS
 * @param metadata everything the member published, zone and status included
 */
public record SwimServiceInstance(
        String instanceId, String serviceId, String host, int port, boolean secure, Map<String, String> metadata)
        implements ServiceInstance {

    public SwimServiceInstance {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(host, "host");
        metadata = Map.copyOf(metadata);
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
        return this.secure;
    }

    /** {@code scheme://host:port}, with an IPv6 host in brackets as RFC 3986 wants it. */
    @Override
    public URI getUri() {
        return uri(getScheme(), this.host, this.port);
    }

    /** The URI clients call: an IPv6 literal host is bracketed, a missing port left out. */
    public static URI uri(String scheme, String host, int port) {
        String authority = (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + authority + ((port > 0) ? ":" + port : ""));
    }

    @Override
    public Map<String, String> getMetadata() {
        return this.metadata;
    }

    @Override
    public String getScheme() {
        return this.secure ? "https" : this.metadata.getOrDefault(SwimMetadata.SCHEME, "http");
    }
}
