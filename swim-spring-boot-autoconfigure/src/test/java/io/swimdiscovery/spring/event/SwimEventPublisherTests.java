package io.swimdiscovery.spring.event;

import static io.swimdiscovery.spring.discovery.TestMembers.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;

/** Each node event becomes the matching Spring event, in order. */
class SwimEventPublisherTests {

    private final List<Object> published = new ArrayList<>();

    private final SwimEventPublisher publisher = new SwimEventPublisher(this.published::add);

    @Test
    void everyNodeEventBecomesItsSpringEventInOrderAndNoHeartbeat() {
        Member alive = service("orders-1", "orders", MemberStatus.ALIVE);
        Member suspect = service("orders-1", "orders", MemberStatus.SUSPECT);
        Member dead = service("orders-1", "orders", MemberStatus.DEAD);
        this.publisher.onEvent(new MembershipEvent.MemberJoined(alive));
        this.publisher.onEvent(new MembershipEvent.MemberSuspected(suspect));
        this.publisher.onEvent(new MembershipEvent.MemberUnreachable(suspect));
        this.publisher.onEvent(new MembershipEvent.MemberRecovered(alive));
        this.publisher.onEvent(new MembershipEvent.MemberUpdated(alive, alive));
        this.publisher.onEvent(new MembershipEvent.MemberFailed(dead));
        this.publisher.onEvent(new MembershipEvent.MemberLeft(dead));
        // HeartbeatEvent is SwimHeartbeatPublisher's, coalesced and only on a changed view.
        assertThat(this.published).noneMatch(HeartbeatEvent.class::isInstance);
        assertThat(this.published)
                .extracting(Object::getClass)
                .containsExactly(
                        MemberJoinedEvent.class,
                        MemberSuspectedEvent.class,
                        MemberUnreachableEvent.class,
                        MemberRecoveredEvent.class,
                        MemberUpdatedEvent.class,
                        MemberFailedEvent.class,
                        MemberLeftEvent.class);
        assertThat(this.publisher.getChangeCount()).isEqualTo(7);
    }

    @Test
    void thisNodeDeclaredDead_isPublishedWithTheNewIdentityAndWhetherItRejoined() {
        Member old = service("orders-1", "orders", MemberStatus.DEAD);
        Member fresh = service("orders-1", "orders", MemberStatus.ALIVE);
        this.publisher.onEvent(new MembershipEvent.LocalMemberDeclaredDead(fresh, old, true));
        LocalMemberDeclaredDeadEvent event = (LocalMemberDeclaredDeadEvent) this.published.get(0);
        assertThat(event.isRejoined()).isTrue();
        assertThat(event.getMember().status()).isEqualTo(MemberStatus.ALIVE);
    }

    @Test
    void eventCarriesTheMemberAsTheApplicationSeesIt() {
        Member member = service("orders-1", "orders", MemberStatus.SUSPECT, "zone", "eu-1");
        this.publisher.onEvent(new MembershipEvent.MemberSuspected(member));
        SwimMember seen = ((SwimMembershipEvent) this.published.get(0)).getMember();
        assertThat(seen.name()).isEqualTo("orders-1");
        assertThat(seen.serviceId()).isEqualTo("orders");
        assertThat(seen.status()).isEqualTo(MemberStatus.SUSPECT);
        assertThat(seen.metadata()).containsEntry("zone", "eu-1");
        assertThat(seen.serviceInstance()).hasValueSatisfying((instance) -> {
            assertThat(instance.getPort()).isEqualTo(8080);
            assertThat(instance.getServiceId()).isEqualTo("orders");
        });
    }

    @Test
    void updatedEventCarriesThePreviousMember() {
        Member before = service("orders-1", "orders", MemberStatus.ALIVE);
        Member after = service("orders-1", "orders", MemberStatus.ALIVE, "swim.status", "OUT_OF_SERVICE");
        this.publisher.onEvent(new MembershipEvent.MemberUpdated(after, before));
        MemberUpdatedEvent event = (MemberUpdatedEvent) this.published.get(0);
        assertThat(event.getMember().metadata()).containsEntry("swim.status", "OUT_OF_SERVICE");
        assertThat(event.getPrevious().metadata()).containsEntry("swim.status", "UP");
    }

    @Test
    void roleEventsCarryGroupTokenAndReason() {
        Member self = service("orders-1", "orders", MemberStatus.ALIVE);
        Member other = service("orders-2", "orders", MemberStatus.ALIVE);
        this.publisher.onEvent(new MembershipEvent.PrimaryGranted(self, "orders", 7));
        this.publisher.onEvent(new MembershipEvent.PrimaryRevoked(self, "orders", 7, "step-down"));
        this.publisher.onEvent(new MembershipEvent.PrimaryChanged(other, "orders", 8));
        PrimaryGrantedEvent granted = (PrimaryGrantedEvent) this.published.get(0);
        assertThat(granted.getGroup()).isEqualTo("orders");
        assertThat(granted.getToken()).isEqualTo(7);
        assertThat(granted.getMember().name()).isEqualTo("orders-1");
        PrimaryRevokedEvent revoked = (PrimaryRevokedEvent) this.published.get(1);
        assertThat(revoked.getToken()).isEqualTo(7);
        assertThat(revoked.getReason()).isEqualTo("step-down");
        PrimaryChangedEvent changed = (PrimaryChangedEvent) this.published.get(2);
        assertThat(changed.getMember().name()).isEqualTo("orders-2");
        assertThat(changed.getToken()).isEqualTo(8);
        assertThat(this.publisher.getChangeCount()).isEqualTo(3);
    }
}
