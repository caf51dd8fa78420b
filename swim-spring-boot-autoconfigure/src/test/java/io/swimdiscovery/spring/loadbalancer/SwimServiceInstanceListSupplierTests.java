package io.swimdiscovery.spring.loadbalancer;

import static io.swimdiscovery.spring.discovery.TestMembers.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.spring.discovery.SwimServiceCatalog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;
import reactor.core.Disposable;

/** The optional push-based base supplier emits a new list on every change of its service. */
class SwimServiceInstanceListSupplierTests {

    private final SwimServiceCatalog catalog = new SwimServiceCatalog(java.time.Duration.ZERO);

    private final SwimServiceInstanceListSupplier supplier =
            new SwimServiceInstanceListSupplier("orders", this.catalog, false);

    @Test
    void emitsTheCurrentListAtOnceAndANewOneOnEveryChange() {
        this.catalog.open();
        Member a = service("a", "orders", MemberStatus.ALIVE);
        Member b = service("b", "orders", MemberStatus.ALIVE);
        this.catalog.apply(new MembershipEvent.MemberJoined(a));
        this.catalog.apply(new MembershipEvent.MemberJoined(b));
        List<List<String>> seen = new CopyOnWriteArrayList<>();
        Disposable subscription = this.supplier
                .get()
                .subscribe((instances) -> seen.add(
                        instances.stream().map(ServiceInstance::getInstanceId).toList()));
        assertThat(seen).containsExactly(List.of("a", "b"));

        this.catalog.apply(new MembershipEvent.MemberFailed(service("b", "orders", MemberStatus.DEAD)));
        assertThat(seen).containsExactly(List.of("a", "b"), List.of("a"));

        // Another service joining changes nothing for this one: no new list.
        this.catalog.apply(new MembershipEvent.MemberJoined(service("c", "billing", MemberStatus.ALIVE)));
        assertThat(seen).hasSize(2);

        subscription.dispose();
        this.catalog.apply(new MembershipEvent.MemberJoined(service("d", "orders", MemberStatus.ALIVE)));
        assertThat(seen).hasSize(2);
        assertThat(this.supplier.getServiceId()).isEqualTo("orders");
    }
}
