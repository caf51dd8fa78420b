package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.RoleSettings;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.seed.SeedProvider;
import io.swimdiscovery.core.transport.Transport;
import io.swimdiscovery.core.transport.TransportConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SwimNode.Builder}'s settings, checked and frozen when the node is built, so changing
 * the builder afterwards cannot change a node that is already running.
 */
record NodeConfig(
        String name,
        String clusterName,
        String bindHost,
        int bindPort,
        String advertiseHost,
        int advertisePort,
        SwimSettings settings,
        RoleSettings roles,
        Map<String, String> metadata,
        SeedProvider seeds,
        List<byte[]> keys,
        EncryptionMode encryptionMode,
        Duration joinTimeout,
        Duration leaveTimeout,
        @Nullable Executor listenerExecutor,
        UnaryOperator<Transport> transportDecorator,
        int maxQueuedDatagrams,
        long maxQueuedDatagramBytes,
        UnaryOperator<TransportConfig> transportTuning,
        int maxConcurrentSyncs,
        int maxPendingListenerEvents,
        @Nullable SwimResources sharedResources) {

    /**
     * Freezes a builder's settings, the transport's tuning included.
     *
     * @throws IllegalArgumentException naming the first setting that is wrong
     */
    static NodeConfig of(NodeBuilderValues b) {
        NodeConfig config = new NodeConfig(
                b.name,
                b.clusterName,
                b.bindHost,
                b.bindPort,
                b.advertiseHost,
                b.advertisePort,
                b.settings,
                b.roles,
                b.metadata,
                b.seeds,
                b.keys,
                b.encryptionMode,
                b.joinTimeout,
                b.leaveTimeout,
                b.listenerExecutor,
                b.transportDecorator,
                b.maxQueuedDatagrams,
                b.maxQueuedDatagramBytes,
                b.transportTuning,
                b.maxConcurrentSyncs,
                b.maxPendingListenerEvents,
                b.sharedResources);
        config.transportConfig(); // a tuning that moves the bind address fails here, not at start()
        return config;
    }

    /** @throws IllegalArgumentException naming the first setting that is wrong */
    NodeConfig {
        if (name.getBytes(StandardCharsets.UTF_8).length > MemberId.MAX_NAME_BYTES) {
            throw new IllegalArgumentException("name is longer than " + MemberId.MAX_NAME_BYTES + " bytes");
        }
        if (clusterName.isEmpty()) {
            throw new IllegalArgumentException("clusterName must not be empty");
        }
        if (bindHost.isBlank()) {
            throw new IllegalArgumentException("bindHost must not be empty");
        }
        if (bindPort < 0 || bindPort > 65_535) {
            throw new IllegalArgumentException("bindPort must be 0..65535, was " + bindPort);
        }
        if (advertisePort < -1 || advertisePort > 65_535) {
            throw new IllegalArgumentException(
                    "advertisePort must be 0..65535 (or -1 for the bound port), was " + advertisePort);
        }
        if (joinTimeout.isNegative() || joinTimeout.isZero()) {
            throw new IllegalArgumentException("joinTimeout must be positive, was " + joinTimeout);
        }
        if (leaveTimeout.isNegative()) {
            throw new IllegalArgumentException("leaveTimeout must not be negative, was " + leaveTimeout);
        }
        for (byte[] key : keys) {
            if (key.length != 16 && key.length != 24 && key.length != 32) {
                throw new IllegalArgumentException(
                        "keys must be 16, 24 or 32 bytes (AES-128/192/256), one was " + key.length);
            }
        }
        if (encryptionMode != EncryptionMode.NONE && keys.isEmpty()) {
            throw new IllegalArgumentException("encryptionMode " + encryptionMode + " needs at least one key");
        }
        if (maxQueuedDatagrams < 1 || maxQueuedDatagrams > 1 << 22) {
            throw new IllegalArgumentException(
                    "maxQueuedDatagrams must be 1.." + (1 << 22) + ", was " + maxQueuedDatagrams);
        }
        if (maxQueuedDatagramBytes < TransportConfig.MAX_UDP_PAYLOAD || maxQueuedDatagramBytes > 1L << 38) {
            throw new IllegalArgumentException("maxQueuedDatagramBytes must be at least one datagram ("
                    + TransportConfig.MAX_UDP_PAYLOAD + "), was " + maxQueuedDatagramBytes);
        }
        if (maxConcurrentSyncs < 1 || maxConcurrentSyncs > 65_536) {
            throw new IllegalArgumentException("maxConcurrentSyncs must be 1..65536, was " + maxConcurrentSyncs);
        }
        if (maxPendingListenerEvents < 1 || maxPendingListenerEvents > 1 << 24) {
            throw new IllegalArgumentException(
                    "maxPendingListenerEvents must be 1.." + (1 << 24) + ", was " + maxPendingListenerEvents);
        }
        metadata = Map.copyOf(metadata);
        keys = keys.stream().map(byte[]::clone).toList();
    }

    /**
     * The transport's settings: the defaults for the bind address, then the builder's tuning.
     *
     * @throws IllegalArgumentException if the tuning changed the bind address (set that on the builder)
     */
    TransportConfig transportConfig() {
        TransportConfig base = TransportConfig.of(bindHost, bindPort);
        TransportConfig tuned = transportTuning.apply(base);
        if (!tuned.bindHost().equals(base.bindHost()) || tuned.bindPort() != base.bindPort()) {
            throw new IllegalArgumentException(
                    "transport tuning must not change the bind address; use bindHost/bindPort");
        }
        return tuned;
    }

    /** The name logs and thread names use: the configured one, or a counter until the address is known. */
    String label(int counter) {
        return name.isEmpty() ? "#" + counter : name;
    }
}
