package io.swimdiscovery.spring.discovery;

import static io.swimdiscovery.spring.discovery.TestMembers.member;
import static io.swimdiscovery.spring.discovery.TestMembers.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;

/** Which members discovery lists, and how a member becomes a service instance. */
class SwimDiscoveryClientTests {

    private final SwimServiceCatalog catalog = new SwimServiceCatalog(java.time.Duration.ZERO);

    @Test
    void listsAliveAndSuspectMembersButNeverDeadLeftOrUnreachable() {
        known(List.of(
                service("a", "orders", MemberStatus.ALIVE),
                service("b", "orders", MemberStatus.SUSPECT),
                service("c", "orders", MemberStatus.DEAD),
                service("d", "orders", MemberStatus.LEFT),
                service("e", "orders", MemberStatus.UNREACHABLE)));
        assertThat(client(false).getInstances("orders"))
                .extracting(ServiceInstance::getInstanceId)
                .containsExactly("a", "b");
    }

    @Test
    void outOfServiceInstancesAreListedOnlyWhenAskedFor() {
        known(List.of(
                service("a", "orders", MemberStatus.ALIVE),
                service("b", "orders", MemberStatus.ALIVE, SwimMetadata.STATUS, "OUT_OF_SERVICE")));
        assertThat(client(false).getInstances("orders"))
                .extracting(ServiceInstance::getInstanceId)
                .containsExactly("a");
        assertThat(client(true).getInstances("orders"))
                .extracting(ServiceInstance::getInstanceId)
                .containsExactly("a", "b");
    }

    @Test
    void membersWithoutServiceAreNotListed() {
        known(List.of(
                member("client-only", MemberStatus.ALIVE, Map.of("zone", "z1")),
                service("a", "billing", MemberStatus.ALIVE)));
        assertThat(client(false).getServices()).containsExactly("billing");
    }

    @Test
    void servicesAreDistinctAndSorted() {
        known(List.of(
                service("a", "orders", MemberStatus.ALIVE),
                service("b", "billing", MemberStatus.ALIVE),
                service("c", "orders", MemberStatus.SUSPECT),
                service("d", "audit", MemberStatus.DEAD)));
        assertThat(client(false).getServices()).containsExactly("billing", "orders");
    }

    @Test
    void instanceCarriesHostPortSchemeUriAndMetadataWithZone() {
        known(List.of(service(
                "orders-1",
                "orders",
                MemberStatus.ALIVE,
                SwimMetadata.SCHEME,
                "https",
                SwimMetadata.PORT,
                "8443",
                "zone",
                "eu-1",
                "team",
                "payments")));
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
    void portlessOrGarbledPortMembersAreNotListedSoNobodyCallsPort80() {
        known(List.of(
                service("a", "orders", MemberStatus.ALIVE, SwimMetadata.PORT, "eighty"),
                service("b", "orders", MemberStatus.ALIVE, SwimMetadata.PORT, "-1"),
                member("c", MemberStatus.ALIVE, Map.of(SwimMetadata.SERVICE_ID, "orders")),
                service("d", "orders", MemberStatus.ALIVE)));
        assertThat(client(false).getInstances("orders"))
                .extracting(ServiceInstance::getInstanceId)
                .containsExactly("d");
    }

    @Test
    void ipv6HostsAreBracketedInTheUri() {
        Member v6 = new Member(
                new io.swimdiscovery.core.protocol.MemberId(
                        "v6", new io.swimdiscovery.core.protocol.Address("fd00::17", 7946), 1),
                MemberStatus.ALIVE,
                1,
                service("x", "orders", MemberStatus.ALIVE).metadata(),
                0);
        known(List.of(v6));
        ServiceInstance instance = client(false).getInstances("orders").get(0);
        assertThat(instance.getHost()).isEqualTo("fd00::17");
        assertThat(instance.getUri()).isEqualTo(URI.create("http://[fd00::17]:8080"));
        assertThat(instance.getUri().getHost()).isEqualTo("[fd00::17]");
    }

    @Test
    void laterEventsReplaceEarlierOnesAndALeaveRemovesTheInstance() {
        known(List.of(service("a", "orders", MemberStatus.ALIVE), service("b", "orders", MemberStatus.ALIVE)));
        this.catalog.apply(new MembershipEvent.MemberSuspected(service("a", "orders", MemberStatus.SUSPECT)));
        this.catalog.apply(new MembershipEvent.MemberLeft(service("b", "orders", MemberStatus.LEFT)));
        assertThat(client(false).getInstances("orders"))
                .extracting(ServiceInstance::getInstanceId)
                .containsExactly("a");
        this.catalog.apply(new MembershipEvent.MemberFailed(service("a", "orders", MemberStatus.DEAD)));
        assertThat(client(false).getServices()).isEmpty();
    }

    @Test
    void aSuspicionOrRefutationPublishesNoNewCatalog() {
        known(List.of(service("a", "orders", MemberStatus.ALIVE)));
        long version = this.catalog.current().version();
        this.catalog.apply(new MembershipEvent.MemberSuspected(service("a", "orders", MemberStatus.SUSPECT)));
        this.catalog.apply(new MembershipEvent.MemberRecovered(service("a", "orders", MemberStatus.ALIVE)));
        assertThat(this.catalog.current().version()).isEqualTo(version);
    }

    @Test
    void thisNodeIsListedFromWhatItGossipsAndEventsNamingItAreIgnored() {
        this.catalog.open();
        this.catalog.updateLocal(
                "self",
                "10.1.1.1",
                service("self", "orders", MemberStatus.ALIVE).metadata());
        this.catalog.apply(new MembershipEvent.MemberFailed(service("self", "orders", MemberStatus.DEAD)));
        assertThat(client(false).getInstances("orders"))
                .extracting(ServiceInstance::getHost)
                .containsExactly("10.1.1.1");
    }

    @Test
    void nothingIsListedBeforeTheNodeStartsNorAfterItLeft() {
        assertThat(client(false).getServices()).isEmpty();
        this.catalog.apply(new MembershipEvent.MemberJoined(service("a", "orders", MemberStatus.ALIVE)));
        assertThat(client(false).getInstances("orders")).isEmpty();
        known(List.of(service("a", "orders", MemberStatus.ALIVE)));
        this.catalog.close();
        assertThat(client(false).getInstances("orders")).isEmpty();
    }

    private void known(List<Member> members) {
        this.catalog.open();
        for (Member member : members) {
            this.catalog.apply(new MembershipEvent.MemberJoined(member));
        }
    }

    private SwimDiscoveryClient client(boolean includeOutOfService) {
        return new SwimDiscoveryClient(this.catalog, includeOutOfService, 0);
    }
}
