package io.swimdiscovery.spring.health;

import static io.swimdiscovery.spring.discovery.TestMembers.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import io.swimdiscovery.core.node.NodeStatistics;
import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.ProtocolCounters;
import io.swimdiscovery.core.protocol.RoleState;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** What the swim health indicator reports in each situation. */
class SwimHealthIndicatorTests {

    private final SwimLifecycle lifecycle = mock(SwimLifecycle.class);

    private final SwimNode node = mock(SwimNode.class);

    private final Member self = service("self", "orders", MemberStatus.ALIVE);

    @Test
    void unknownBeforeTheNodeStarts() {
        assertThat(health(true).getStatus()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void upWhenRunningWithPeersAndLowLocalHealth() {
        running(1, this.self, service("peer", "orders", MemberStatus.ALIVE));
        Health health = health(true);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("member", "self")
                .containsEntry("localHealth", 1)
                .containsEntry("reachableMembers", 2L);
    }

    @Test
    void upWithDetailsWhenIsolatedAlthoughSeedsAreConfigured() {
        running(0, this.self, service("peer", "orders", MemberStatus.DEAD));
        Health health = health(true);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("isolated", true);
        assertThat(String.valueOf(health.getDetails().get("reason"))).startsWith("isolated");
    }

    @Test
    void strictMappingIsOutOfServiceWhenIsolated() {
        running(0, this.self, service("peer", "orders", MemberStatus.DEAD));
        Health health = strict(List.of(new Address("10.9.9.9", 7946)), false);
        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(String.valueOf(health.getDetails().get("reason"))).startsWith("isolated");
    }

    @Test
    void upWhenAloneWithoutSeedsSinceThatIsANewCluster() {
        running(0, this.self);
        assertThat(health(false).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void upWithDetailsWhenLocalHealthScoreIsHigh() {
        running(5, this.self, service("peer", "orders", MemberStatus.ALIVE));
        Health health = health(true);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("localHealthHigh", true).containsEntry("isolated", false);
        assertThat(String.valueOf(health.getDetails().get("reason"))).startsWith("local health");
    }

    @Test
    void strictMappingIsOutOfServiceWhenLocalHealthScoreIsHigh() {
        running(5, this.self, service("peer", "orders", MemberStatus.ALIVE));
        Health health = strict(List.of(new Address("10.9.9.9", 7946)), false);
        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(String.valueOf(health.getDetails().get("reason"))).startsWith("local health");
    }

    @Test
    void outOfServiceAfterLeaving() {
        given(this.lifecycle.getNode()).willReturn(this.node);
        given(this.lifecycle.hasLeft()).willReturn(true);
        assertThat(health(true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void downWhenTheNodeStopped() {
        given(this.lifecycle.getNode()).willReturn(this.node);
        given(this.node.isRunning()).willReturn(false);
        assertThat(health(true).getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void upWhenAloneAndTheOnlySeedIsItself() {
        running(0, this.self);
        Health health = new SwimHealthIndicator(this.lifecycle, List.of(this.self.address()), false, 8).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void singleReplicaWithASeedDnsNameIsUpUnlessStrict() {
        running(0, this.self);
        assertThat(new SwimHealthIndicator(this.lifecycle, List.of(), true, 8)
                        .health(true)
                        .getStatus())
                .isEqualTo(Status.UP);
        assertThat(strict(List.of(), true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    private Health strict(List<Address> seeds, boolean dnsSeeds) {
        return new SwimHealthIndicator(this.lifecycle, seeds, dnsSeeds, 8, true).health(true);
    }

    private Health health(boolean seeds) {
        List<Address> seedList = seeds ? List.of(new Address("10.9.9.9", 7946)) : List.of();
        return new SwimHealthIndicator(this.lifecycle, seedList, false, 8).health(true);
    }

    @Test
    void withRolesOnTheDetailsNameTheRoleGroupAndTokenAndTheStatusStaysUp() {
        running(0, this.self, service("peer", "orders", MemberStatus.ALIVE));
        given(this.node.roleState())
                .willReturn(new RoleState("orders", this.self, 7, System.nanoTime() + 60_000_000_000L));
        Health primary = health(true);
        assertThat(primary.getStatus()).isEqualTo(Status.UP);
        assertThat(primary.getDetails())
                .containsEntry("role", "primary")
                .containsEntry("roleGroup", "orders")
                .containsEntry("fencingToken", 7L);
        // A grant that ran out (a pause outlasted it) is reported as what it is: no longer primary.
        given(this.node.roleState()).willReturn(new RoleState("orders", this.self, 7, System.nanoTime() - 1));
        assertThat(health(true).getDetails()).containsEntry("role", "secondary");
    }

    @Test
    void withRolesOffThereIsNoRoleDetail() {
        running(0, this.self, service("peer", "orders", MemberStatus.ALIVE));
        assertThat(health(true).getDetails()).doesNotContainKeys("role", "roleGroup", "fencingToken");
    }

    private void running(int localHealth, Member... members) {
        given(this.lifecycle.getNode()).willReturn(this.node);
        given(this.node.isRunning()).willReturn(true);
        given(this.node.localMember()).willReturn(this.self);
        given(this.node.roleState()).willReturn(RoleState.NONE);
        given(this.node.members()).willReturn(List.of(members));
        given(this.node.statistics())
                .willReturn(new NodeStatistics(
                        Map.of(MemberStatus.ALIVE, members.length),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        new ProtocolCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, java.util.Map.of()),
                        localHealth,
                        0));
    }
}
