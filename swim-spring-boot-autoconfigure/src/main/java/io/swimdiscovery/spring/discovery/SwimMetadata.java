package io.swimdiscovery.spring.discovery;

/**
 * Metadata keys a node publishes about the service it runs, gossiped with its membership. Other
 * keys of a member's metadata are the user's ({@code swim.service.metadata}) and are handed to
 * {@link org.springframework.cloud.client.ServiceInstance#getMetadata()} unchanged.
 */
public final class SwimMetadata {

    /** Service id of the instance; a member without it is a client only and is not listed. */
    public static final String SERVICE_ID = "swim.service-id";

    /** Port clients call the service on (the HTTP port, not the SWIM port). */
    public static final String PORT = "swim.port";

    /** Scheme clients call the service with ({@code http} or {@code https}). */
    public static final String SCHEME = "swim.scheme";

    /** Registration status: {@code UP} or {@code OUT_OF_SERVICE}. */
    public static final String STATUS = "swim.status";

    /**
     * Host callers use when it is not the member's SWIM address: a host name
     * ({@code swim.instance.prefer-ip-address=false}) or {@code server.address}.
     */
    public static final String HOST = "swim.host";

    /** Management (actuator) port, as Spring Boot Admin reads it. */
    public static final String MANAGEMENT_PORT = "management.port";

    /** Management base path from the root of the management server, as Spring Boot Admin reads it. */
    public static final String MANAGEMENT_CONTEXT_PATH = "management.context-path";

    /** Health endpoint path relative to the management base path, as Spring Boot Admin reads it. */
    public static final String HEALTH_PATH = "health.path";

    /** Zone, under the key Spring Cloud LoadBalancer's zone preference reads. */
    public static final String ZONE = "zone";

    /**
     * Role of the instance in its role group ({@code swim.roles.enabled}): {@link #ROLE_PRIMARY}
     * or {@link #ROLE_SECONDARY}. Gossiped, so it lags the role itself by a few gossip rounds: a
     * hint for routing, not a guarantee (fence on {@link #ROLE_TOKEN} where two writers must never
     * overlap).
     */
    public static final String ROLE = "swim.role";

    /** Fencing token of the instance's primary grant, while {@link #ROLE} is {@link #ROLE_PRIMARY}. */
    public static final String ROLE_TOKEN = "swim.role.token";

    /** The instance holds the primary role of its group. */
    public static final String ROLE_PRIMARY = "primary";

    /** The instance is a secondary of its group. */
    public static final String ROLE_SECONDARY = "secondary";

    /** Status of an instance that takes traffic. */
    public static final String STATUS_UP = "UP";

    /** Status of an instance an operator took out of rotation; listed only when asked for. */
    public static final String STATUS_OUT_OF_SERVICE = "OUT_OF_SERVICE";

    private SwimMetadata() {}
}
