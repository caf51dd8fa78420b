package io.swimdiscovery.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.seed.SeedProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default bind address works on one host without settings, and a node that listens beyond
 * loopback without a key says so at start.
 */
class BindAddressDefaultsTests {

    // System.Logger goes to java.util.logging in swim-core's tests (no other LoggerFinder on the path).
    private final Logger jul = Logger.getLogger(BindAddressRules.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final List<SwimNode> nodes = new ArrayList<>();

    @BeforeEach
    void captureLog() {
        jul.addHandler(capture);
    }

    @AfterEach
    void stop() {
        jul.removeHandler(capture);
        nodes.forEach(SwimNode::halt);
    }

    @Test
    void twoNodesWithTheDefaultBindAddressOnOneHostSeeEachOther() {
        SwimNode first = started(SwimNode.builder().name("first").bindPort(0).settings(SwimSettings.local()));
        first.join().join();
        SwimNode second = started(SwimNode.builder()
                .name("second")
                .bindPort(0)
                .settings(SwimSettings.local())
                .seeds(SeedProvider.of(List.of(first.localMember().address()))));
        second.join().join();

        assertThat(first.localMember().address().host()).isEqualTo("127.0.0.1");
        for (SwimNode n : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> n.routableMembers().size() == 2);
            assertThat(n.routableMembers()).extracting(Member::name).containsExactlyInAnyOrder("first", "second");
        }
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aNodeListeningBeyondLoopbackWithoutAKeyWarnsAtStart() {
        started(SwimNode.builder()
                .name("exposed")
                .bindHost("0.0.0.0")
                .advertiseHost("127.0.0.1")
                .bindPort(0));

        assertThat(warnings()).singleElement().satisfies(r -> assertThat(r.getMessage())
                .contains("exposed")
                .contains("0.0.0.0")
                .contains("no encryption key")
                .contains("keys("));
    }

    @Test
    void aNodeListeningBeyondLoopbackWithAKeyDoesNotWarn() {
        started(SwimNode.builder()
                .name("sealed")
                .bindHost("0.0.0.0")
                .advertiseHost("127.0.0.1")
                .bindPort(0)
                .keys(List.of(new byte[16]))
                .encryptionMode(io.swimdiscovery.core.security.EncryptionMode.REQUIRED));

        assertThat(warnings()).isEmpty();
    }

    @Test
    void aFailedJoinOfALoopbackNodeToSeedsOnOtherHostsNamesTheBindAddressAsTheCause() {
        // Checked on the rule itself: a real attempt would send packets off this host.
        List<Address> remote = List.of(Address.parse("10.1.2.3:7946"));
        List<Address> local = List.of(Address.parse("127.0.0.1:7946"));

        assertThat(BindAddressRules.joinHint("127.0.0.1", remote))
                .contains("binds 127.0.0.1")
                .contains("set bindHost");
        assertThat(BindAddressRules.joinHint("127.0.0.1", local)).isEmpty();
        assertThat(BindAddressRules.joinHint("0.0.0.0", remote)).isEmpty();
        assertThat(new JoinFailedException(
                                remote, Duration.ofSeconds(1), "static", BindAddressRules.joinHint("127.0.0.1", remote))
                        .getMessage())
                .contains("10.1.2.3:7946")
                .contains("set bindHost");
    }

    private SwimNode started(SwimNode.Builder b) {
        SwimNode n = b.build();
        nodes.add(n);
        n.start();
        return n;
    }

    private List<LogRecord> warnings() {
        return records.stream()
                .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();
    }
}
