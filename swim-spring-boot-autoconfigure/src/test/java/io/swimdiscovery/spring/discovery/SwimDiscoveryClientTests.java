package io.swimdiscovery.spring.discovery;

import static io.swimdiscovery.spring.discovery.TestMembers.member;
import static io.swimdiscovery.spring.discovery.TestMembers.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;

/** Which members discovery lists, and how a member becomes a service instance. */
class SwimDiscoveryClientTests {

    private final SwimLifecycle lifecycle = mock(SwimLifecycle.class);

    @Test
    void listsAliveAndSuspectMembersButNeverDeadLeftOrUnreachable() {
        given(this.lifecycle.members()).willReturn(List.of(service("a", "orders", MemberStatus.ALIVE),
                service("b", "orders", MemberStatus.SUSPECT), service("c", "orders", MemberStatus.DEAD),
                service("d", "orders", MemberStatus.LEFT), service("e", "orders", MemberStatus.UNREACHABLE)));
        assertThat(client(false).getInstances("orders")).extracting(ServiceInstance::getInstanceId)
            .containsExactly("a", "b");
    }

    @Test
    void outOfServiceInstancesAreListedOnlyWhenAskedFor() {
        given(this.lifecycle.members()).willReturn(List.of(service("a", "orders", MemberStatus.ALIVE),
                service("b", "orders", MemberStatus.ALIVE, SwimMetadata.STATUS, "OUT_OF_SERVICE")));
        assertThat(client(false).getInstances("orders")).extracting(ServiceInstance::getInstanceId)
            .containsExactly("a");
        assertThat(client(true).getInstances("orders")).extracting(ServiceInstance::getInstanceId)
            .containsExactly("a", "b");
    }

    @Test
    void membersWithoutServiceAreNotListed() {
        given(this.lifecycle.members()).willReturn(List.of(member("client-only", MemberStatus.ALIVE, Map.of("zone", "z1")),
                service("a", "billing", MemberStatus.ALIVE)));
        assertThat(client(false).getServices()).containsExactly("billing");
    }

    @Test
    void servicesAreDistinctAndSorted() {
        given(this.lifecycle.members()).willReturn(List.of(service("a", "orders", MemberStatus.ALIVE),
                service("b", "billing", MemberStatus.ALIVE), service("c", "orders", MemberStatus.SUSPECT),
                service("d", "audit", MemberStatus.DEAD)));
        assertThat(client(false).getServices()).containsExactly("billing", "orders");
    }

    @Test
    void instanceCarriesHostPortSchemeUriAndMetadataWithZone() {
        given(this.lifecycle.members()).willReturn(List.of(service("orders-1", "orders", MemberStatus.ALIVE,
                SwimMetadata.SCHEME, "https", SwimMetadata.PORT, "8443", "zone", "eu-1", "team", "payments")));
        ServiceInstance instance = client(false).getInstances("orders").get(0);
        String host = instance.getHost();
        assertThat(host).startsWith("10.0.0.");
        assertThat(instance.getInstanceId()).isEqualTo("orders-1");
        assertThat(instance.getServiceId()).isEqualTo("orders");
        assertThat(instance.getPort()).isEqualTo(8443);
        assertThat(instance.isSecure()).isTrue();
        assertThat(instance.getScheme()).isEqualTo("https");
        assertThat(instance.getUri()).isEqualTo(URI.create("https://" + host + ":8443"));
        assertThat(instance.getMetadata()).containsEntry("zone", "eu-1").containsEntry("team", "payments");
    }

    @Test
    void garbledPortFromAnotherProcessMakesAPortlessInstanceNotAnError() {
        given(this.lifecycle.members())
            .willReturn(List.of(service("a", "orders", MemberStatus.ALIVE, SwimMetadata.PORT, "eighty")));
        assertThat(client(false).getInstances("orders")).singleElement()
            .satisfies((instance) -> assertThat(instance.getPort()).isEqualTo(-1));
    }

    @Test
    void nothingIsListedBeforeTheNodeStarts() {
        given(this.lifecycle.members()).willReturn(List.of());
        assertThat(client(false).getServices()).isEmpty();
        assertThat(client(false).getInstances("orders")).isEmpty();
    }

    private SwimDiscoveryClient client(boolean includeOutOfService) {
        return new SwimDiscoveryClient(this.lifecycle, includeOutOfService, 0);
    }
}
