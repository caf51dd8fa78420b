package io.swimdiscovery.spring.discovery;

import java.util.List;
import java.util.Map;
import org.springframework.cloud.client.ServiceInstance;

/**
 * One immutable picture of what discovery lists, per service: built by {@link SwimServiceCatalog}
 * on each membership change that alters it and read by every discovery client and load-balancer
 * call without a lock, a copy or a hop to the node's protocol thread. Lists are sorted by instance
 * id and unmodifiable, so a caller may keep them.
 *
 * @param version increases by one on every published change (0 for the empty catalog)
 * @param services service id to its instances; a service with no listed instance is absent
 * @param upServiceIds ids of services with at least one UP instance, sorted
 * @param allServiceIds ids of services with at least one instance, UP or OUT_OF_SERVICE, sorted
 */
public record ServiceCatalog(
        long version, Map<String, Service> services, List<String> upServiceIds, List<String> allServiceIds) {

    /** Nothing listed: before the node starts and after it left. */
    public static final ServiceCatalog EMPTY = new ServiceCatalog(0, Map.of(), List.of(), List.of());

    /**
     * The instances of one service.
     *
     * @param up instances whose status is UP
     * @param all instances UP or OUT_OF_SERVICE (what {@code swim.include-out-of-service} lists)
     */
    public record Service(List<ServiceInstance> up, List<ServiceInstance> all) {}

    /** The instances of {@code serviceId}, sorted by instance id; out-of-service ones only if asked. */
    public List<ServiceInstance> instances(String serviceId, boolean includeOutOfService) {
        Service service = this.services.get(serviceId);
        if (service == null) {
            return List.of();
        }
        return includeOutOfService ? service.all() : service.up();
    }

    /** The ids of services with an instance listed, sorted. */
    public List<String> serviceIds(boolean includeOutOfService) {
        return includeOutOfService ? this.allServiceIds : this.upServiceIds;
    }
}
