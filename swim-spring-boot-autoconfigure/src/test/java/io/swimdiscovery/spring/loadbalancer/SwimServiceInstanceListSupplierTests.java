package io.swimdiscovery.spring.loadbalancer;

import static io.swimdiscovery.spring.discovery.TestMembers.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.swimdiscovery.core.node.MembershipListener;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import java.util.concurrent.CopyOnWriteArrayList;

/** The supplier pushes a new list on every membership change that changes the list. */
class SwimServiceInstanceListSupplierTests {

    private final SwimLifecycle lifecycle = mock(SwimLifecycle.class);

    private final AtomicReference<MembershipListener> listener = new AtomicReference<>();

    private final SwimServiceInstanceListSupplier supplier = new SwimServiceInstanceListSupplier("orders",
            new SwimDiscoveryClient(this.lifecycle, false, 0), this.lifecycle);

    @Test
    void emitsTheCurrentListAtOnceAndANewOneOnEveryChange() {
        willAnswer((invocation) -> {
            this.listener.set(invocation.getArgument(0));
            return null;
        }).given(this.lifecycle).addListener(any());
        Member a = service("a", "orders", MemberStatus.ALIVE);
        Member b = service("b", "orders", MemberStatus.ALIVE);
        Member bDead = service("b", "orders", MemberStatus.DEAD);
        Member billing = service("c", "billing", MemberStatus.ALIVE);
        given(this.lifecycle.members()).willReturn(List.of(a, b));
        List<List<String>> seen = new CopyOnWriteArrayList<>();
        Flux<List<ServiceInstance>> flux = this.supplier.get();
        Disposable subscription = flux
            .subscribe((instances) -> seen.add(instances.stream().map(ServiceInstance::getInstanceId).toList()));
        assertThat(seen).containsExactly(List.of("a", "b"));

        given(this.lifecycle.members()).willReturn(List.of(a, bDead));
        this.listener.get().onEvent(new MembershipEvent.MemberFailed(bDead));
        assertThat(seen).containsExactly(List.of("a", "b"), List.of("a"));

        // Another service joining changes nothing for this one: no new list.
        given(this.lifecycle.members()).willReturn(List.of(a, bDead, billing));
        this.listener.get().onEvent(new MembershipEvent.MemberJoined(billing));
        assertThat(seen).hasSize(2);

        subscription.dispose();
        verify(this.lifecycle).removeListener(this.listener.get());
    }

    @Test
    void firstListOfEachCallIsTheViewNowSoNoCacheDelaysARemoval() {
        Member a = service("a", "orders", MemberStatus.ALIVE);
        Member b = service("b", "orders", MemberStatus.ALIVE);
        given(this.lifecycle.members()).willReturn(List.of(a, b));
        assertThat(this.supplier.get().blockFirst()).hasSize(2);
        given(this.lifecycle.members()).willReturn(List.of(a, service("b", "orders", MemberStatus.LEFT)));
        assertThat(this.supplier.get().blockFirst()).extracting(ServiceInstance::getInstanceId).containsExactly("a");
        assertThat(this.supplier.getServiceId()).isEqualTo("orders");
    }
}
