package io.swimdiscovery.spring.event;

import static io.swimdiscovery.spring.discovery.TestMembers.member;
import static io.swimdiscovery.spring.discovery.TestMembers.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.spring.discovery.SwimServiceCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat value is a hash of what discovery lists, nothing else: members go through the same
 * service catalog the discovery client reads, and the value is the hash of its lists.
 */
class SwimHeartbeatPublisherTests {

    private final SwimHeartbeatPublisher publisher =
            new SwimHeartbeatPublisher(null, false, java.time.Duration.ZERO, (event) -> {});

    private final Member a = service("orders-1", "orders", MemberStatus.ALIVE);

    private final Member b = service("orders-2", "orders", MemberStatus.ALIVE);

    @Test
    void suspicionAndRefutationLeaveTheValueAlone() {
        long before = viewHash(List.of(this.a, this.b));
        Member suspected = service("orders-2", "orders", MemberStatus.SUSPECT);
        Member refuted = new Member(this.b.id(), MemberStatus.ALIVE, this.b.incarnation() + 1, this.b.metadata(), 0);
        assertThat(viewHash(List.of(this.a, suspected))).isEqualTo(before);
        assertThat(viewHash(List.of(this.a, refuted))).isEqualTo(before);
        assertThat(viewHash(List.of(this.b, this.a))).as("order of members").isEqualTo(before);
    }

    @Test
    void aMemberWithoutAServiceLeavesTheValueAlone() {
        long before = viewHash(List.of(this.a));
        assertThat(viewHash(List.of(this.a, member("client", MemberStatus.ALIVE, Map.of()))))
                .isEqualTo(before);
    }

    @Test
    void aJoinAFailureOutOfServiceOrNewMetadataChangeTheValue() {
        long both = viewHash(List.of(this.a, this.b));
        assertThat(viewHash(List.of(this.a))).isNotEqualTo(both);
        assertThat(viewHash(List.of(this.a, service("orders-2", "orders", MemberStatus.DEAD))))
                .isNotEqualTo(both);
        assertThat(viewHash(List.of(
                        this.a, service("orders-2", "orders", MemberStatus.ALIVE, "swim.status", "OUT_OF_SERVICE"))))
                .isNotEqualTo(both);
        assertThat(viewHash(List.of(this.a, service("orders-2", "orders", MemberStatus.ALIVE, "zone", "b"))))
                .isNotEqualTo(both);
    }

    // What this node's discovery would list if it knew exactly these members.
    private long viewHash(List<Member> members) {
        SwimServiceCatalog catalog = new SwimServiceCatalog(Duration.ZERO);
        catalog.open();
        for (Member member : members) {
            catalog.apply(new MembershipEvent.MemberJoined(member));
        }
        return this.publisher.viewHash(catalog.current());
    }
}
