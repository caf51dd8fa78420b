package io.swimdiscovery.spring.discovery;

import static io.swimdiscovery.spring.discovery.TestMembers.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.discovery.reactive.SwimReactiveDiscoveryClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;

/** The reactive client lists what the blocking one lists, read afresh at each subscription. */
class SwimReactiveDiscoveryClientTests {

    @Test
    void eachSubscriptionReadsTheViewNow() {
        SwimLifecycle lifecycle = mock(SwimLifecycle.class);
        SwimReactiveDiscoveryClient client = new SwimReactiveDiscoveryClient(new SwimDiscoveryClient(lifecycle, false, 0));
        var instances = client.getInstances("orders").map(ServiceInstance::getInstanceId).collectList();
        given(lifecycle.members()).willReturn(List.of(service("a", "orders", MemberStatus.ALIVE)));
        assertThat(instances.block()).containsExactly("a");
        given(lifecycle.members()).willReturn(List.of(service("a", "orders", MemberStatus.ALIVE),
                service("b", "orders", MemberStatus.ALIVE)));
        assertThat(instances.block()).containsExactly("a", "b");
        assertThat(client.getServices().collectList().block()).containsExactly("orders");
    }
}
