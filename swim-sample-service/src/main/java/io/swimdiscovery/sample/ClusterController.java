package io.swimdiscovery.sample;

import io.swimdiscovery.spring.roles.SwimRoles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the cluster page shows: the services and instances this instance's {@link DiscoveryClient}
 * lists right now, the membership events it saw, and its role with the primary-only job's runs. Everything comes from the public Spring Cloud
 * API and the starter's events, as it would in any user's service.
 */
@RestController
class ClusterController {

    private final DiscoveryClient discovery;
    private final RecentMembershipEvents events;
    private final SwimRoles roles;
    private final PrimaryOnlyJob job;

    ClusterController(DiscoveryClient discovery, RecentMembershipEvents events, SwimRoles roles, PrimaryOnlyJob job) {
        this.discovery = discovery;
        this.events = events;
        this.roles = roles;
        this.job = job;
    }

    /** One instance as the page lists it. */
    // Spring Cloud's ServiceInstance may have no instance id and no metadata.
    record InstanceView(
            @Nullable String instanceId, String host, int port, String uri, @Nullable Map<String, String> metadata) {
        static InstanceView of(ServiceInstance i) {
            return new InstanceView(
                    i.getInstanceId(), i.getHost(), i.getPort(), i.getUri().toString(), i.getMetadata());
        }
    }

    /** This instance's role, checked at the request, and the runs of the primary-only job here. */
    record RoleView(String group, boolean primary, long token, List<PrimaryOnlyJob.Run> jobRuns) {}

    record ClusterView(
            Map<String, List<InstanceView>> services, List<RecentMembershipEvents.Entry> events, RoleView role) {}

    @GetMapping("/cluster")
    ClusterView cluster() {
        Map<String, List<InstanceView>> services = new LinkedHashMap<>();
        for (String service : discovery.getServices().stream().sorted().toList()) {
            services.put(
                    service,
                    discovery.getInstances(service).stream()
                            .map(InstanceView::of)
                            .toList());
        }
        RoleView role = new RoleView(roles.group(), roles.isPrimary(), roles.fencingToken(), job.newestFirst());
        return new ClusterView(services, events.newestFirst(), role);
    }
}
