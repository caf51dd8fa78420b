package io.swimdiscovery.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.RoleSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Roles over real sockets on loopback: one primary, and a graceful hand-over when it leaves. */
class SwimNodeRoleIntegrationTests {

    static final RoleSettings ROLES = RoleSettings.forGroup("jobs")
            .withStepDownAfter(Duration.ofSeconds(1))
            .withFormationDelay(Duration.ofSeconds(1));

    @Test
    void threeNodesElectOnePrimary_andALeavingPrimaryHandsTheRoleOver() {
        try (LoopbackCluster cluster = new LoopbackCluster()) {
            List<SwimNode> nodes = cluster.form(3, b -> b.roles(ROLES));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> nodes.stream().filter(SwimNode::isPrimary).count() == 1);
            SwimNode primary =
                    nodes.stream().filter(SwimNode::isPrimary).findFirst().orElseThrow();
            long token = primary.roleState().token();
            assertThat(cluster.events.get(primary))
                    .anySatisfy(e -> assertThat(e).isInstanceOf(MembershipEvent.PrimaryGranted.class));
            for (SwimNode n : nodes) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> n.roleState().primary() != null
                                && n.roleState()
                                        .primary()
                                        .id()
                                        .equals(primary.localMember().id()));
            }
            primary.leave(Duration.ofSeconds(5)).join();
            assertThat(primary.isPrimary()).isFalse();
            List<SwimNode> rest = nodes.stream().filter(n -> n != primary).toList();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> rest.stream().filter(SwimNode::isPrimary).count() == 1);
            SwimNode next =
                    rest.stream().filter(SwimNode::isPrimary).findFirst().orElseThrow();
            assertThat(next.roleState().token()).isGreaterThan(token);
        }
    }
}
