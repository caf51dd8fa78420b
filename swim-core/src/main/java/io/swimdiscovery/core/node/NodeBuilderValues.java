package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.RoleSettings;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.seed.SeedProvider;
import io.swimdiscovery.core.transport.Transport;
import io.swimdiscovery.core.transport.TransportConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link SwimNode.Builder} has been told so far, starting at the defaults its setters
 * document. Apart from the public builder so that type keeps only its documented setters;
 * {@link NodeConfig#of} checks these values and freezes them when the node is built.
 */
final class NodeBuilderValues {

    String name = "";
    String clusterName = "swim";
    String bindHost = BindAddressRules.DEFAULT_BIND_HOST;
    int bindPort = 7946;
    String advertiseHost = "";
    int advertisePort = -1;
    SwimSettings settings = SwimSettings.lan();
    RoleSettings roles = RoleSettings.disabled();
    Map<String, String> metadata = Map.of();
    SeedProvider seeds = SeedProvider.none();
    List<byte[]> keys = List.of();
    EncryptionMode encryptionMode = EncryptionMode.NONE;
    Duration joinTimeout = Duration.ofSeconds(10);
    Duration leaveTimeout = Duration.ofSeconds(3);

    @Nullable
    Executor listenerExecutor;

    int maxQueuedDatagrams = SwimNode.DEFAULT_MAX_QUEUED_DATAGRAMS;
    long maxQueuedDatagramBytes = SwimNode.DEFAULT_MAX_QUEUED_DATAGRAM_BYTES;
    UnaryOperator<TransportConfig> transportTuning = UnaryOperator.identity();
    int maxConcurrentSyncs = SwimNode.DEFAULT_MAX_CONCURRENT_SYNCS;
    int maxPendingListenerEvents = SwimNode.DEFAULT_MAX_PENDING_LISTENER_EVENTS;
    UnaryOperator<Transport> transportDecorator = UnaryOperator.identity();

    @Nullable
    SwimResources sharedResources;
}
