package io.swimdiscovery.sample;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.serviceregistry.SwimRegistration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/** The JSON behind the cluster page, and two endpoints that show discovery and load balancing at work. */
@RestController
public class ClusterController {

    private final SwimLifecycle lifecycle;

    private final SwimRegistration registration;

    private final DiscoveryClient discoveryClient;

    private final MembershipEventLog events;

    private final RestClient restClient;

    public ClusterController(SwimLifecycle lifecycle, SwimRegistration registration, DiscoveryClient discoveryClient,
            MembershipEventLog events, RestClient.Builder loadBalanced) {
        this.lifecycle = lifecycle;
        this.registration = registration;
        this.discoveryClient = discoveryClient;
        this.events = events;
        this.restClient = loadBalanced.build();
    }

    /** Who answered: the instance id, so repeated calls show the load balancer's choice. */
    @GetMapping("/api/hello")
    public Map<String, Object> hello() {
        return Map.of("instance", this.registration.getInstanceId(), "service", this.registration.getServiceId(),
                "port", this.registration.getPort());
    }

    /** Calls {@code service} through the load balancer, which reads the SWIM membership directly. */
    @GetMapping("/api/call/{service}")
    public Map<String, Object> call(@PathVariable String service) {
        Map<?, ?> answer = this.restClient.get().uri("http://" + service + "/api/hello").retrieve().body(Map.class);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("calledFrom", this.registration.getInstanceId());
        result.put("answer", answer);
        return result;
    }

    /** This instance's view: every member with its status, the services discovery lists, recent events. */
    @GetMapping("/api/cluster")
    public Map<String, Object> cluster() {
        List<Map<String, Object>> members = this.lifecycle.members()
            .stream()
            .sorted(Comparator.comparing(Member::name))
            .map(ClusterController::describe)
            .toList();
        Map<String, List<String>> services = new LinkedHashMap<>();
        for (String service : this.discoveryClient.getServices()) {
            services.put(service, this.discoveryClient.getInstances(service)
                .stream()
                .map(ServiceInstance::getInstanceId)
                .toList());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("self", this.registration.getInstanceId());
        result.put("service", this.registration.getServiceId());
        result.put("members", members);
        result.put("services", services);
        result.put("events", this.events.recent());
        return result;
    }

    private static Map<String, Object> describe(Member member) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", member.name());
        description.put("address", member.address().toString());
        description.put("status", member.status().name());
        description.put("incarnation", member.incarnation());
        description.put("service", member.metadata().getOrDefault(SwimMetadata.SERVICE_ID, ""));
        description.put("httpPort", member.metadata().getOrDefault(SwimMetadata.PORT, ""));
        description.put("registration", member.metadata().getOrDefault(SwimMetadata.STATUS, ""));
        return description;
    }
}
