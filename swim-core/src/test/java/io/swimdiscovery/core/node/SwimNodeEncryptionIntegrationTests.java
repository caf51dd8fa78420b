package io.swimdiscovery.core.node;

import static io.swimdiscovery.core.node.LoopbackCluster.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberFailed;
import io.swimdiscovery.core.protocol.MembershipEvent.MemberSuspected;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.seed.SeedProvider;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sealed clusters on loopback: outsiders are kept out and counted, keys rotate without suspicion. */
class SwimNodeEncryptionIntegrationTests {

    private static final byte[] KEY_1 = key(1);
    private static final byte[] KEY_2 = key(2);

    private final LoopbackCluster cluster = new LoopbackCluster();

    @AfterEach
    void closeCluster() {
        cluster.close();
    }

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    private static Consumer<SwimNode.Builder> sealedWith(byte[] key) {
        return b -> b.keys(List.of(key)).encryptionMode(EncryptionMode.REQUIRED);
    }

    @Test
    void aNodeWithTheWrongKeyCannotJoinAndItsPacketsAreCountedAsRejected() {
        List<SwimNode> nodes = cluster.form(3, sealedWith(KEY_1));
        SwimNode seed = nodes.get(0);

        SwimNode intruder =
                cluster.start("intruder", sealedWith(KEY_2).andThen(b -> b.joinTimeout(Duration.ofSeconds(2))
                        .seeds(SeedProvider.of(List.of(seed.localMember().address())))));

        assertThatThrownBy(() -> intruder.join().join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(JoinFailedException.class)
                .hasMessageContaining(seed.localMember().address().toString());
        assertThat(seed.statistics().rejectedPackets()).containsKey("decrypt-failed");
        assertThat(intruder.statistics().rejectedPackets()).isEmpty();
        for (SwimNode n : nodes) {
            assertThat(view(n, "intruder")).isEmpty();
        }
        assertThat(LoopbackCluster.alive(intruder)).isEqualTo(1);
    }

    @Test
    void aNodeWithTheWrongClusterNameCannotJoinEvenWithTheRightKey() {
        List<SwimNode> nodes = cluster.form(3, sealedWith(KEY_1));
        SwimNode seed = nodes.get(0);

        SwimNode stranger = cluster.start("stranger", sealedWith(KEY_1).andThen(b -> b.clusterName("other")
                .joinTimeout(Duration.ofSeconds(2))
                .seeds(SeedProvider.of(List.of(seed.localMember().address())))));

        assertThatThrownBy(() -> stranger.join().join()).hasCauseInstanceOf(JoinFailedException.class);
        assertThat(seed.statistics().rejectedPackets()).containsKey("decrypt-failed");
        for (SwimNode n : nodes) {
            assertThat(view(n, "stranger")).isEmpty();
        }
    }

    @Test
    void aPlaintextNodeWithTheWrongClusterNameIsRejectedAsAClusterMismatch() {
        List<SwimNode> nodes = cluster.form(3);
        SwimNode seed = nodes.get(0);

        SwimNode stranger = cluster.start("stranger", b -> b.clusterName("other")
                .joinTimeout(Duration.ofSeconds(2))
                .seeds(SeedProvider.of(List.of(seed.localMember().address()))));

        assertThatThrownBy(() -> stranger.join().join()).hasCauseInstanceOf(JoinFailedException.class);
        assertThat(seed.statistics().rejectedPackets()).containsKey("cluster-mismatch");
        for (SwimNode n : nodes) {
            assertThat(view(n, "stranger")).isEmpty();
        }
    }

    @Test
    void aRollingKeyRotationAcrossARunningClusterCausesNoSuspicion() {
        List<SwimNode> nodes = cluster.form(8, sealedWith(KEY_1));

        // Install the new key everywhere, then seal with it everywhere, then drop the old one;
        // one node at a time with traffic flowing in between, as an operator would roll it out.
        for (SwimNode n : nodes) {
            n.keyring().install(KEY_2);
            holdQuietFor(Duration.ofMillis(300));
        }
        for (SwimNode n : nodes) {
            n.keyring().use(KEY_2);
            holdQuietFor(Duration.ofMillis(300));
        }
        holdQuietFor(Duration.ofSeconds(1));
        for (SwimNode n : nodes) {
            n.keyring().remove(KEY_1);
            holdQuietFor(Duration.ofMillis(300));
        }
        holdQuietFor(Duration.ofSeconds(3));

        for (SwimNode n : nodes) {
            assertThat(n.keyring().size()).isEqualTo(1);
            assertThat(n.keyring().isPrimary(KEY_2)).isTrue();
            assertThat(n.members()).hasSize(8).allMatch(m -> m.status() == MemberStatus.ALIVE);
            assertThat(n.statistics().rejectedPackets()).doesNotContainKey("decrypt-failed");
        }
        assertThat(cluster.eventsAboutLiveNodes(MemberSuspected.class)).isEmpty();
        assertThat(cluster.eventsAboutLiveNodes(MemberFailed.class)).isEmpty();
    }

    /** Lets the protocol run for {@code d}, failing at once if any live node is suspected meanwhile. */
    private void holdQuietFor(Duration d) {
        await().during(d)
                .atMost(d.plusSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> cluster.eventsAboutLiveNodes(MemberSuspected.class).isEmpty());
    }
}
