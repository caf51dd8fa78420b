package io.swimdiscovery.core.node;

import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.seed.SeedProvider;
import io.swimdiscovery.core.transport.FaultInjectingTransport;
import io.swimdiscovery.core.transport.NetworkFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Many {@link SwimNode}s on 127.0.0.1 in this JVM, every one behind a fault-injecting transport
 * sharing one {@link NetworkFaults}, with every membership event each node saw recorded. Closing
 * it closes every node it started.
 */
final class LoopbackCluster implements AutoCloseable {

    /** Fast settings for one host: 500 ms period so detection takes seconds, not tens of them. */
    static final SwimSettings SETTINGS = SwimSettings.local().toBuilder()
            .protocolPeriod(Duration.ofMillis(500))
            .probeTimeout(Duration.ofMillis(200))
            .build();

    final NetworkFaults faults = new NetworkFaults();
    final List<SwimNode> nodes = new CopyOnWriteArrayList<>();
    private final List<SwimNode> started = new CopyOnWriteArrayList<>();
    final Map<SwimNode, List<MembershipEvent>> events = new ConcurrentHashMap<>();
    private final SwimSettings settings;

    LoopbackCluster() {
        this(SETTINGS);
    }

    LoopbackCluster(SwimSettings settings) {
        this.settings = settings;
    }

    /** Starts a node (port 0 unless {@code customize} says otherwise), recording its events. */
    SwimNode start(String name, Consumer<SwimNode.Builder> customize) {
        SwimNode.Builder b = SwimNode.builder()
                .name(name)
                .bindHost("127.0.0.1")
                .bindPort(0)
                .settings(settings)
                .joinTimeout(Duration.ofSeconds(10))
                .transportDecorator(t -> new FaultInjectingTransport(t, faults));
        customize.accept(b);
        SwimNode node = b.build();
        List<MembershipEvent> seen = new CopyOnWriteArrayList<>();
        events.put(node, seen);
        node.addListener(seen::add);
        started.add(node);
        node.start();
        nodes.add(node);
        return node;
    }

    /** Starts {@code n} nodes joining through the first one and waits until all see all. */
    List<SwimNode> form(int n, Consumer<SwimNode.Builder> customize) {
        SwimNode first = start("node-0", customize);
        first.join().join();
        SeedProvider seed = SeedProvider.of(List.of(first.localMember().address()));
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            SwimNode node = start("node-" + i, customize.andThen(b -> b.seeds(seed)));
            joins.add(node.join());
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new))
                .orTimeout(60, TimeUnit.SECONDS)
                .join();
        awaitEveryoneSees(n, Duration.ofSeconds(60));
        return List.copyOf(nodes);
    }

    List<SwimNode> form(int n) {
        return form(n, b -> {});
    }

    void awaitEveryoneSees(int aliveCount, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> running().stream()
                .allMatch(node -> alive(node) == aliveCount));
    }

    List<SwimNode> running() {
        return nodes.stream().filter(SwimNode::isRunning).toList();
    }

    static long alive(SwimNode node) {
        return node.members().stream()
                .filter(m -> m.status() == MemberStatus.ALIVE)
                .count();
    }

    static Optional<Member> view(SwimNode observer, String name) {
        return observer.members().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    List<MembershipEvent> eventsAbout(SwimNode observer, String name, Class<? extends MembershipEvent> type) {
        return events.getOrDefault(observer, List.of()).stream()
                .filter(type::isInstance)
                .filter(e -> e.member().name().equals(name))
                .toList();
    }

    /** Events of {@code type} any running node saw about any node that is still running. */
    List<MembershipEvent> eventsAboutLiveNodes(Class<? extends MembershipEvent> type) {
        List<String> live = running().stream().map(n -> n.localMember().name()).toList();
        List<MembershipEvent> out = new ArrayList<>();
        for (SwimNode observer : running()) {
            events.getOrDefault(observer, List.of()).stream()
                    .filter(type::isInstance)
                    .filter(e -> live.contains(e.member().name()))
                    .forEach(out::add);
        }
        return out;
    }

    Address addressOf(SwimNode node) {
        return node.localMember().address();
    }

    @Override
    public void close() {
        // Halt every node in parallel (a teardown, not a leave): each waits for its own loop, bounded.
        started.parallelStream().forEach(SwimNode::halt);
        faults.close();
    }
}
