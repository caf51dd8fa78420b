package io.swimdiscovery.core.node;

import static io.swimdiscovery.core.node.LoopbackCluster.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberFailed;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberJoined;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberSuspected;
import io.swimdiscovery.core.seed.SeedProvider;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fifty real nodes on loopback sharing one {@link SwimResources}: two protocol threads, one timer
 * thread and one Netty group for all of them. The cluster must behave as fifty nodes on threads of
 * their own do ({@code SwimNodeClusterIntegrationTests}).
 */
class SharedResourcesIntegrationTests {

    private static final int N = 50;

    private final SwimResources resources = SwimResources.create(2, 1);
    private final LoopbackCluster cluster = new LoopbackCluster();

    @AfterEach
    void closeAll() {
        cluster.close();
        resources.close();
    }

    @Test
    void fiftyNodesOnSharedThreadsFormOneClusterAndNoneIsSuspected() {
        List<SwimNode> nodes = cluster.form(N, b -> b.sharedResources(resources));

        for (SwimNode node : nodes) {
            assertThat(node.members()).hasSize(N).allMatch(m -> m.status() == MemberStatus.ALIVE);
        }
        assertThat(cluster.eventsAboutLiveNodes(MemberSuspected.class)).isEmpty();
        // Listeners ran on the shared pool and saw every other node join.
        SwimNode last = nodes.get(N - 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> cluster.events.get(last).stream()
                                .filter(MemberJoined.class::isInstance)
                                .count()
                        >= N - 1);
        // No thread of a node's own: the nodes' loops, timers and sockets are the shared ones.
        Set<String> threads = Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith("swim-node-node-")
                        || name.startsWith("swim-events-node-")
                        || name.startsWith("swim-seeds-node-"))
                .collect(Collectors.toSet());
        assertThat(threads).isEmpty();
    }

    @Test
    void haltingOneNodeLeavesTheOthersRunningAndTheyDeclareItDead() {
        List<SwimNode> nodes = cluster.form(N, b -> b.sharedResources(resources));
        SwimNode victim = nodes.get(17);
        String name = victim.localMember().name();

        victim.halt();

        assertThat(resources.isClosed()).isFalse();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> cluster.running().stream().allMatch(n -> view(n, name)
                        .map(m -> m.status() == MemberStatus.DEAD)
                        .orElse(false)));
        for (SwimNode n : cluster.running()) {
            assertThat(cluster.eventsAbout(n, name, MemberFailed.class)).hasSize(1);
            assertThat(n.isRunning()).isTrue();
        }
        // The survivors keep probing each other on the shared threads: nobody else is suspected.
        assertThat(cluster.eventsAboutLiveNodes(MemberFailed.class)).isEmpty();
    }

    @Test
    void aNodeThatLeavesGracefullyIsDroppedAndANewNodeCanStillJoin() {
        List<SwimNode> nodes = cluster.form(N, b -> b.sharedResources(resources));
        SwimNode leaver = nodes.get(23);
        String name = leaver.localMember().name();

        leaver.close();

        assertThat(leaver.isRunning()).isFalse();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> cluster.running().stream().allMatch(n -> view(n, name)
                        .map(m -> m.status() == MemberStatus.LEFT)
                        .orElse(true)));
        SeedProvider seed = SeedProvider.of(List.of(nodes.get(0).localMember().address()));
        SwimNode late = cluster.start("late", b -> b.sharedResources(resources).seeds(seed));
        late.join().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        cluster.awaitEveryoneSees(N, Duration.ofSeconds(60));
    }

    @Test
    void aNodeCannotStartOnClosedResources() {
        SwimResources closed = SwimResources.create(1, 1);
        closed.close();
        SwimNode node = SwimNode.builder()
                .bindHost("127.0.0.1")
                .bindPort(0)
                .sharedResources(closed)
                .build();

        assertThatThrownBy(node::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        node.halt();
    }
}
