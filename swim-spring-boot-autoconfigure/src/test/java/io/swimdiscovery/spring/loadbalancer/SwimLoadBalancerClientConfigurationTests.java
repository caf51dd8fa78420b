package io.swimdiscovery.spring.loadbalancer;

import static io.swimdiscovery.spring.discovery.TestMembers.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ZonePreferenceServiceInstanceListSupplier;
import org.springframework.mock.env.MockEnvironment;

/** The supplier each load-balancer client context gets. */
class SwimLoadBalancerClientConfigurationTests {

    private final SwimLifecycle lifecycle = mock(SwimLifecycle.class);

    private final SwimDiscoveryClient discoveryClient = new SwimDiscoveryClient(this.lifecycle, false, 0);

    private final MockEnvironment environment = new MockEnvironment().withProperty("loadbalancer.client.name",
            "orders");

    @Test
    void suppliesThePushBasedListForTheClientsService() {
        ServiceInstanceListSupplier supplier = supplier();
        assertThat(supplier).isInstanceOf(SwimServiceInstanceListSupplier.class);
        assertThat(supplier.getServiceId()).isEqualTo("orders");
    }

    @Test
    void zonePreferenceKeepsInstancesOfThisInstancesZone() {
        this.environment.withProperty("spring.cloud.loadbalancer.configurations", "zone-preference")
            .withProperty("swim.service.zone", "eu-1");
        given(this.lifecycle.members()).willReturn(List.of(service("a", "orders", MemberStatus.ALIVE, "zone", "eu-1"),
                service("b", "orders", MemberStatus.ALIVE, "zone", "us-1")));
        ServiceInstanceListSupplier supplier = supplier();
        assertThat(supplier).isInstanceOf(ZonePreferenceServiceInstanceListSupplier.class);
        assertThat(supplier.get().blockFirst()).extracting(ServiceInstance::getInstanceId).containsExactly("a");
    }

    private ServiceInstanceListSupplier supplier() {
        return new SwimLoadBalancerClientConfiguration().swimServiceInstanceListSupplier(this.environment,
                this.discoveryClient, this.lifecycle);
    }
}
