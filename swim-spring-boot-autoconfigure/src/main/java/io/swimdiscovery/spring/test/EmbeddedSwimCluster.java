package io.swimdiscovery.spring.test;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.seed.SeedProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The SWIM nodes of test contexts running in this JVM, by cluster name: the seeds of every test
 * node started under {@link AutoConfigureSwimTest}. A node is listed from its start until it
 * stops.
 */
public final class EmbeddedSwimCluster {

    private static final Map<String, Set<Address>> RUNNING = new ConcurrentHashMap<>();

    private EmbeddedSwimCluster() {}

    /** The addresses of the running test nodes of {@code clusterName}. */
    public static List<Address> members(String clusterName) {
        return List.copyOf(RUNNING.getOrDefault(clusterName, Set.of()));
    }

    /** Seeds: the running test nodes of {@code clusterName} at the time of each join attempt. */
    static SeedProvider seeds(String clusterName) {
        return () -> members(clusterName);
    }

    static void started(String clusterName, Address address) {
        RUNNING.computeIfAbsent(clusterName, (name) -> new CopyOnWriteArraySet<>())
                .add(address);
    }

    static void stopped(String clusterName, Address address) {
        Set<Address> members = RUNNING.get(clusterName);
        if (members != null) {
            members.remove(address);
        }
    }
}
