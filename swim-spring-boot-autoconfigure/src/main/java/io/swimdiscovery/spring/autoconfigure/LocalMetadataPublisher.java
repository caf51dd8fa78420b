package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.discovery.SwimServiceCatalog;
import io.swimdiscovery.spring.serviceregistry.SwimRegistration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Hands new metadata of this node to the node and, once the node took it, to the local service
 * catalog. Kept apart from {@link SwimLifecycle} because the node's event stream says nothing
 * about the node itself: every change of its own metadata must go through these two steps
 * together, or local discovery would list stale metadata.
 */
final class LocalMetadataPublisher {

    private LocalMetadataPublisher() {}

    /** A node of the user's own was built without our service keys: adds them to what it already publishes. */
    static void announceIfMissing(SwimNode node, SwimRegistration registration, SwimServiceCatalog catalog) {
        Map<String, String> current = node.localMember().metadata();
        Map<String, String> ours = registration.memberMetadata();
        if (ours.containsKey(SwimMetadata.SERVICE_ID) && !current.containsKey(SwimMetadata.SERVICE_ID)) {
            Map<String, String> merged = new LinkedHashMap<>(current);
            merged.putAll(ours);
            publish(node, merged, catalog);
        }
    }

    /**
     * Waits (5 s at most) until the node took {@code metadata}, then lists it in the catalog.
     *
     * @throws IllegalStateException if the node refused it, or the wait was interrupted
     */
    static void publish(SwimNode node, Map<String, String> metadata, SwimServiceCatalog catalog) {
        try {
            node.updateMetadata(metadata).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing new metadata", ex);
        } catch (Exception ex) {
            Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
            throw new IllegalStateException("The node did not take the new metadata: " + cause.getMessage(), cause);
        }
        Member local = node.localMember();
        catalog.updateLocal(local.name(), local.address().host(), metadata);
    }
}
