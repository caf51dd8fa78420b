package io.swimdiscovery.spring.actuate;

import static io.swimdiscovery.spring.discovery.TestMembers.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.swimdiscovery.core.node.NodeStatistics;
import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.ProtocolCounters;
import io.swimdiscovery.core.protocol.RoleState;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.autoconfigure.SwimProperties;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import tools.jackson.databind.json.JsonMapper;

/** What {@code /actuator/swim} shows and does. */
class SwimEndpointTests {

    private final SwimLifecycle lifecycle = mock(SwimLifecycle.class);

    private final SwimNode node = mock(SwimNode.class);

    private final SwimProperties properties = new SwimProperties();

    private final SwimEndpoint endpoint = new SwimEndpoint(this.lifecycle, this.properties);

    @Test
    void beforeStartShowsNotStarted() {
        SwimClusterDescriptor cluster = this.endpoint.cluster();
        assertThat(cluster.state()).isEqualTo("NOT_STARTED");
        assertThat(cluster.members()).isEmpty();
    }

    @Test
    void showsLocalMemberEveryKnownMemberAndCountersButNeverKeys() {
        String key = Base64.getEncoder().encodeToString(new byte[16]);
        this.properties.getEncryption().setKeys(List.of(key));
        Member self = service("a", "orders", MemberStatus.ALIVE);
        Member peer = service("b", "orders", MemberStatus.SUSPECT);
        given(this.lifecycle.getNode()).willReturn(this.node);
        given(this.lifecycle.isJoined()).willReturn(true);
        given(this.node.isRunning()).willReturn(true);
        given(this.node.localMember()).willReturn(self);
        given(this.node.roleState()).willReturn(RoleState.NONE);
        given(this.node.members()).willReturn(List.of(peer, self));
        given(this.node.statistics())
                .willReturn(new NodeStatistics(
                        Map.of(MemberStatus.ALIVE, 1, MemberStatus.SUSPECT, 1),
                        Map.of("ping", 4L),
                        Map.of("ack", 3L),
                        Map.of("ping", 400L),
                        Map.of("ack", 300L),
                        Map.of(),
                        new ProtocolCounters(4, 3, 0, 1, 0, 1, 0, 0, 1, 1_000_000, 3_000_000, 0, 0, java.util.Map.of()),
                        1,
                        2));
        SwimClusterDescriptor cluster = this.endpoint.cluster();
        assertThat(cluster.state()).isEqualTo("RUNNING");
        assertThat(cluster.joined()).isTrue();
        assertThat(cluster.encryption()).isEqualTo("required");
        assertThat(cluster.local().name()).isEqualTo("a");
        assertThat(cluster.localHealth()).isEqualTo(1);
        assertThat(cluster.members()).extracting(SwimMemberDescriptor::name).containsExactly("a", "b");
        assertThat(cluster.members().get(1).status()).isEqualTo("SUSPECT");
        assertThat(cluster.members().get(1).serviceId()).isEqualTo("orders");
        String json = JsonMapper.builder().build().writeValueAsString(cluster);
        assertThat(cluster.role()).as("roles off").isNull();
        assertThat(json)
                .contains("\"messagesSent\":{\"ping\":4}")
                .doesNotContain(key)
                .doesNotContain("keys");
    }

    @Test
    void withRolesOnShowsTheRoleTheFollowedPrimaryTheTokenAndTheLeaseEnd() {
        Member self = service("a", "orders", MemberStatus.ALIVE);
        Member other = service("b", "orders", MemberStatus.ALIVE);
        given(this.lifecycle.getNode()).willReturn(this.node);
        given(this.node.isRunning()).willReturn(true);
        given(this.node.localMember()).willReturn(self);
        given(this.node.members()).willReturn(List.of(self, other));
        given(this.node.statistics())
                .willReturn(new NodeStatistics(
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        new ProtocolCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, java.util.Map.of()),
                        0,
                        0));
        given(this.node.roleState()).willReturn(new RoleState("orders", other, 3, Long.MIN_VALUE));
        SwimRoleDescriptor secondary = this.endpoint.cluster().role();
        assertThat(secondary).isEqualTo(new SwimRoleDescriptor("orders", "secondary", "b", 3, null));
        java.time.Instant before = java.time.Instant.now();
        given(this.node.roleState()).willReturn(new RoleState("orders", self, 4, System.nanoTime() + 2_000_000_000L));
        SwimRoleDescriptor primary = this.endpoint.cluster().role();
        assertThat(primary.role()).isEqualTo("primary");
        assertThat(primary.primary()).isEqualTo("a");
        assertThat(primary.token()).isEqualTo(4);
        assertThat(primary.leaseUntil()).isAfter(before.plusSeconds(1)).isBefore(before.plusSeconds(3));
    }

    @Test
    void leaveAndRejoinActionsGoToTheLifecycle() {
        assertThat(this.endpoint.action("leave")).containsEntry("action", "leave");
        verify(this.lifecycle).leave();
        this.endpoint.action("REJOIN");
        verify(this.lifecycle).rejoin();
    }

    @Test
    void unknownActionOrStoppedNodeIsABadRequest() {
        assertThatExceptionOfType(InvalidEndpointRequestException.class)
                .isThrownBy(() -> this.endpoint.action("explode"))
                .withMessageContaining("expected leave or rejoin");
        willThrow(new IllegalStateException("SWIM node is not running"))
                .given(this.lifecycle)
                .rejoin();
        assertThatExceptionOfType(InvalidEndpointRequestException.class)
                .isThrownBy(() -> this.endpoint.action("rejoin"))
                .withMessageContaining("not running");
    }
}
