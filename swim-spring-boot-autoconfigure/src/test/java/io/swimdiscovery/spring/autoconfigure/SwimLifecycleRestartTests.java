package io.swimdiscovery.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.node.MembershipListener;
import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClientAutoConfiguration;
import io.swimdiscovery.spring.event.SwimHeartbeatAutoConfiguration;
import io.swimdiscovery.spring.serviceregistry.SwimServiceRegistryAutoConfiguration;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node's life with the application's, seen from a peer on loopback: stop then start, a refresh
 * that fails after the node started, listeners that depend on discovery, registration events, and
 * the discovery switch.
 */
class SwimLifecycleRestartTests {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private SwimNode peer;

    private final List<MembershipEvent> seenByPeer = new CopyOnWriteArrayList<>();

    private ApplicationContextRunner contextRunner;

    @BeforeEach
    void startPeer() {
        this.peer = SwimNode.builder()
                .name("peer")
                .bindHost("127.0.0.1")
                .bindPort(0)
                .settings(SwimSettings.local())
                .build();
        this.peer.addListener(this.seenByPeer::add);
        this.peer.start();
        this.contextRunner = new ApplicationContextRunner()
                .withPropertyValues(
                        "spring.application.name=worker",
                        "swim.port=0",
                        "swim.bind-address=127.0.0.1",
                        "swim.node-name=worker",
                        "swim.profile=local",
                        "swim.leave-timeout=1s",
                        // No web server here: a port to announce, else the instance is a client only and unlisted.
                        "swim.service.port=8080",
                        "swim.seeds=" + this.peer.localMember().address())
                .withConfiguration(AutoConfigurations.of(
                        SwimAutoConfiguration.class,
                        SwimDiscoveryClientAutoConfiguration.class,
                        SwimServiceRegistryAutoConfiguration.class,
                        SwimHeartbeatAutoConfiguration.class));
    }

    @AfterEach
    void stopPeer() {
        this.peer.close();
    }

    @Test
    void stopThenStartLeavesAndJoinsAgainAsANewMember() {
        this.contextRunner.run((context) -> {
            SwimLifecycle lifecycle = context.getBean(SwimLifecycle.class);
            await().atMost(BOUND).until(() -> eventsAbout("worker").contains("MemberJoined"));
            SwimNode first = lifecycle.getNode();
            lifecycle.stop();
            await().atMost(BOUND).until(() -> eventsAbout("worker").contains("MemberLeft"));
            assertThat(first.isRunning()).isFalse();

            lifecycle.start();
            SwimNode second = lifecycle.getNode();
            assertThat(second).isNotSameAs(first);
            assertThat(second.isRunning()).isTrue();
            await().atMost(BOUND).untilAsserted(() -> assertThat(eventsAbout("worker"))
                    .containsSubsequence("MemberJoined", "MemberLeft", "MemberJoined"));
            await().atMost(BOUND).untilAsserted(() -> assertThat(
                            context.getBean(DiscoveryClient.class).getInstances("worker"))
                    .extracting((i) -> i.getInstanceId())
                    .containsExactly("worker"));
        });
    }

    @Test
    void aNodeOfTheApplicationsOwnIsNotRebuiltAndSaysWhy() {
        this.contextRunner.withUserConfiguration(UserNode.class).run((context) -> {
            SwimLifecycle lifecycle = context.getBean(SwimLifecycle.class);
            lifecycle.stop();
            assertThatThrownBy(lifecycle::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SwimNodeCustomizer");
        });
    }

    @Test
    void aRefreshThatFailsAfterTheNodeStartedStillLeavesGracefully() {
        this.contextRunner.withUserConfiguration(FailingLifecycle.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseMessage("a later bean failed to start");
        });
        await().atMost(BOUND).until(() -> eventsAbout("worker").contains("MemberLeft"));
        assertThat(eventsAbout("worker")).doesNotContain("MemberSuspected", "MemberFailed");
    }

    @Test
    void aMembershipListenerThatNeedsTheDiscoveryClientIsNoCircularReference() {
        this.contextRunner.withUserConfiguration(ListenerUsingDiscovery.class).run((context) -> {
            assertThat(context).hasNotFailed();
            ListenerUsingDiscovery.Recorder recorder = context.getBean(ListenerUsingDiscovery.Recorder.class);
            await().atMost(BOUND)
                    .untilAsserted(() -> assertThat(recorder.servicesSeen).contains(List.of("worker")));
        });
    }

    @Test
    void instanceRegisteredEventComesOncePerStartOnANamedThread() {
        this.contextRunner.withUserConfiguration(RegisteredEvents.class).run((context) -> {
            RegisteredEvents events = context.getBean(RegisteredEvents.class);
            await().atMost(BOUND).until(() -> events.threads.size() == 1);
            assertThat(events.threads.get(0)).isEqualTo("swim-registered-worker");
            SwimLifecycle lifecycle = context.getBean(SwimLifecycle.class);
            lifecycle.stop();
            lifecycle.start();
            await().atMost(BOUND).until(() -> events.threads.size() == 2);
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> events.threads.size() == 2);
        });
    }

    @Test
    void aFailedJoinPublishesNoInstanceRegisteredEventUntilAPeerAppears() throws IOException {
        // Bound later, so below the ephemeral range: no client connection of another process takes it meanwhile.
        int seedPort = freeSwimPortBelowEphemeralRange();
        this.contextRunner
                .withUserConfiguration(RegisteredEvents.class)
                .withPropertyValues("swim.seeds=127.0.0.1:" + seedPort, "swim.join-timeout=300ms")
                .run((context) -> {
                    RegisteredEvents events = context.getBean(RegisteredEvents.class);
                    // The join times out after 300 ms; well after it, still nothing.
                    await().during(Duration.ofSeconds(1))
                            .atMost(Duration.ofSeconds(3))
                            .until(events.threads::isEmpty);
                    try (SwimNode seed = SwimNode.builder()
                            .name("late-seed")
                            .bindHost("127.0.0.1")
                            .bindPort(seedPort)
                            .settings(SwimSettings.local())
                            .build()) {
                        seed.start();
                        // The node retries its seeds in the background and joins: announced once, then.
                        await().atMost(BOUND).until(() -> events.threads.size() == 1);
                        // On the named thread, as after a join that succeeded at once (never the node's listener
                        // thread).
                        assertThat(events.threads.get(0)).isEqualTo("swim-registered-worker");
                    }
                });
    }

    @Test
    void discoveryDisabledRunsNoNodeAndBindsNoSocket() throws IOException {
        int port = freeSwimPortBelowEphemeralRange();
        this.contextRunner
                .withPropertyValues("spring.cloud.discovery.enabled=false", "swim.port=" + port)
                .run((context) -> {
                    assertThat(context)
                            .hasNotFailed()
                            .doesNotHaveBean(SwimLifecycle.class)
                            .doesNotHaveBean(SwimNode.class);
                    try (DatagramSocket udp =
                                    new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                            ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                        assertThat(udp.isBound()).isTrue();
                        assertThat(tcp.isBound()).isTrue();
                    }
                });
    }

    private List<String> eventsAbout(String name) {
        return this.seenByPeer.stream()
                .filter((event) -> event.member().name().equals(name))
                .map((event) -> event.getClass().getSimpleName())
                .toList();
    }

    @SuppressWarnings("try") // the sockets are opened only to prove the port is free, then closed
    private static int freeSwimPortBelowEphemeralRange() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            try (DatagramSocket udp =
                            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // another one
            }
        }
        throw new IOException("no port free for UDP and TCP between 20000 and 32000");
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingLifecycle {

        // Starts after the node (a higher phase) and fails once the node has joined the peer.
        @Bean
        SmartLifecycle failsToStart(SwimLifecycle swim) {
            return new SmartLifecycle() {

                @Override
                public void start() {
                    await().atMost(BOUND).until(() -> swim.members().stream()
                            .anyMatch((member) -> member.name().equals("peer")
                                    && member.status().isReachable()));
                    throw new IllegalStateException("a later bean failed to start");
                }

                @Override
                public void stop() {}

                @Override
                public boolean isRunning() {
                    return false;
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ListenerUsingDiscovery {

        @Bean
        Recorder recorder() {
            return new Recorder();
        }

        @Bean
        MembershipListener listenerUsingDiscovery(DiscoveryClient discovery, Recorder recorder) {
            return (event) -> recorder.servicesSeen.add(discovery.getServices());
        }

        static class Recorder {

            final List<List<String>> servicesSeen = new CopyOnWriteArrayList<>();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RegisteredEvents implements ApplicationListener<InstanceRegisteredEvent<?>> {

        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(InstanceRegisteredEvent<?> event) {
            this.threads.add(Thread.currentThread().getName());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserNode {

        @Bean
        SwimNode userSwimNode() {
            return SwimNode.builder()
                    .name("user-node")
                    .bindHost("127.0.0.1")
                    .bindPort(0)
                    .build();
        }
    }
}
