package io.swimdiscovery.spring.serviceregistry;

import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;

/**
 * Spring Cloud's registry contract over gossip: there is no server to register with, so
 * registering means announcing the service in the node's metadata, and a status change
 * ({@code /actuator/serviceregistry}) is new metadata that reaches every member within a few
 * gossip rounds. Deregistering withdraws the service but keeps the node in the cluster, so this
 * application still discovers others.
 */
public class SwimServiceRegistry implements ServiceRegistry<SwimRegistration> {

    private final SwimLifecycle lifecycle;

    public SwimServiceRegistry(SwimLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    // Spring Cloud's ServiceRegistry marks the parameter @Nullable; this registry is handed its
    // SwimRegistration bean (by SwimAutoServiceRegistration), and a null is a caller's bug that fails here.
    @SuppressWarnings("NullAway")
    public void register(SwimRegistration registration) {
        registration.setStatus(SwimMetadata.STATUS_UP);
        publish(registration);
    }

    @Override
    // Spring Cloud's ServiceRegistry marks the parameter @Nullable; this registry is handed its
    // SwimRegistration bean (by SwimAutoServiceRegistration), and a null is a caller's bug that fails here.
    @SuppressWarnings("NullAway")
    public void deregister(SwimRegistration registration) {
        registration.setStatus(null);
        publish(registration);
    }

    @Override
    public void close() {
        // Nothing to release: the node belongs to SwimLifecycle and the bean factory.
    }

    /**
     * Sets the status: {@code UP} or {@code OUT_OF_SERVICE} (case-insensitive).
     *
     * @throws IllegalArgumentException for any other status
     */
    @Override
    public void setStatus(SwimRegistration registration, String status) {
        String normalized = status.trim().toUpperCase(Locale.ROOT);
        if (!SwimMetadata.STATUS_UP.equals(normalized) && !SwimMetadata.STATUS_OUT_OF_SERVICE.equals(normalized)) {
            throw new IllegalArgumentException("Unknown status '" + status + "': expected " + SwimMetadata.STATUS_UP
                    + " or " + SwimMetadata.STATUS_OUT_OF_SERVICE);
        }
        registration.setStatus(normalized);
        publish(registration);
    }

    /** The status announced now: UP, OUT_OF_SERVICE, or null when not registered. */
    @Override
    // The signature is Spring Cloud's (a type parameter only in the return type, a non-null return);
    // "not registered" has no status to report, so null it is, as the javadoc says.
    @SuppressWarnings({"unchecked", "NullAway", "TypeParameterUnusedInFormals"})
    public <T> @Nullable T getStatus(SwimRegistration registration) {
        return (T) registration.getStatus();
    }

    /**
     * Announces the registration's metadata again (it changed: an entry, or its traffic state);
     * before the node runs, nothing to do.
     */
    public void republish(SwimRegistration registration) {
        publish(registration);
    }

    // Before the node runs, the registration alone holds the status and the node starts with it.
    private void publish(SwimRegistration registration) {
        SwimNode node = this.lifecycle.getNode();
        if (node == null || !node.isRunning() || this.lifecycle.hasLeft()) {
            return;
        }
        // Keep what others put in the node's metadata (a node of the user's own); replace only ours.
        Map<String, String> metadata = new LinkedHashMap<>(node.localMember().metadata());
        metadata.keySet().removeAll(SwimRegistration.RESERVED);
        // An entry removed from the registration must go from the node too.
        metadata.keySet().removeAll(registration.keysEverAnnounced());
        metadata.putAll(registration.memberMetadata());
        // Lists the new metadata in the local catalog and tells the local change listeners too.
        this.lifecycle.updateMetadata(metadata);
    }
}
