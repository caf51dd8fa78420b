package io.swimdiscovery.spring.discovery;

import static io.swimdiscovery.spring.discovery.TestMembers.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;

/**
 * This node's own entry: the node's event stream names it only when the cluster declared it dead,
 * and then discovery must still list this instance (rejoined under a new uid) or nothing (stopped).
 */
class SwimServiceCatalogLocalMemberTests {

    private final SwimServiceCatalog catalog = new SwimServiceCatalog(Duration.ZERO);

    private final Member local = service("orders-self", "orders", MemberStatus.ALIVE);

    private final Member other = service("orders-other", "orders", MemberStatus.ALIVE);

    @Test
    void afterARejoinUnderANewUidThisInstanceIsStillListed() {
        startWithBoth();
        Member rejoined = new Member(
                new MemberId(
                        this.local.name(), this.local.address(), this.local.id().uid() + 1),
                MemberStatus.ALIVE,
                0,
                this.local.metadata(),
                0);
        Member dead =
                new Member(this.local.id(), MemberStatus.DEAD, this.local.incarnation(), this.local.metadata(), 0);
        this.catalog.apply(new MembershipEvent.LocalMemberDeclaredDead(rejoined, dead, true));
        assertThat(this.catalog.current().instances("orders", false))
                .extracting(ServiceInstance::getInstanceId)
                .containsExactly("orders-other", "orders-self");
        // Peers' news about the old uid names this node too: it never removes the instance.
        this.catalog.apply(new MembershipEvent.MemberFailed(dead));
        assertThat(this.catalog.current().instances("orders", false))
                .extracting(ServiceInstance::getInstanceId)
                .containsExactly("orders-other", "orders-self");
    }

    @Test
    void aRejoinOnAnotherAddressListsTheNewAddress() {
        startWithBoth();
        Member moved = new Member(
                new MemberId(this.local.name(), new Address("10.9.9.9", 7946), 99),
                MemberStatus.ALIVE,
                0,
                this.local.metadata(),
                0);
        this.catalog.apply(new MembershipEvent.LocalMemberDeclaredDead(moved, this.local, true));
        assertThat(this.catalog.current().instances("orders", false))
                .filteredOn((instance) -> instance.getInstanceId().equals("orders-self"))
                .extracting(ServiceInstance::getHost)
                .containsExactly("10.9.9.9");
    }

    @Test
    void whenTheNodeStopsInsteadOfRejoiningNothingIsListed() {
        startWithBoth();
        this.catalog.apply(new MembershipEvent.LocalMemberDeclaredDead(this.local, this.local, false));
        assertThat(this.catalog.current().instances("orders", false)).isEmpty();
        assertThat(this.catalog.isOpen()).isFalse();
    }

    private void startWithBoth() {
        this.catalog.open();
        this.catalog.updateLocal(this.local.name(), this.local.address().host(), this.local.metadata());
        this.catalog.apply(new MembershipEvent.MemberJoined(this.other));
        assertThat(this.catalog.current().instances("orders", false)).hasSize(2);
    }
}
