package io.swimdiscovery.spring.discovery;

import static io.swimdiscovery.spring.discovery.TestMembers.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.spring.discovery.reactive.SwimReactiveDiscoveryClient;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;

/** The reactive client lists what the blocking one lists, read afresh at each subscription. */
class SwimReactiveDiscoveryClientTests {

    @Test
    void eachSubscriptionReadsTheViewNow() {
        SwimServiceCatalog catalog = new SwimServiceCatalog(java.time.Duration.ZERO);
        catalog.open();
        SwimReactiveDiscoveryClient client =
                new SwimReactiveDiscoveryClient(new SwimDiscoveryClient(catalog, false, 0));
        var instances = client.getInstances("orders")
                .map(ServiceInstance::getInstanceId)
                .collectList();
        catalog.apply(new MembershipEvent.MemberJoined(service("a", "orders", MemberStatus.ALIVE)));
        assertThat(instances.block()).containsExactly("a");
        catalog.apply(new MembershipEvent.MemberJoined(service("b", "orders", MemberStatus.ALIVE)));
        assertThat(instances.block()).containsExactly("a", "b");
        assertThat(client.getServices().collectList().block()).containsExactly("orders");
    }
}
