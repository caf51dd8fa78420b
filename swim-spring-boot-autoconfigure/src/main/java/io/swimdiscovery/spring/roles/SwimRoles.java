package io.swimdiscovery.spring.roles;

import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.RoleState;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.discovery.SwimServiceInstances;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.ServiceInstance;

/**
 * This instance's role in its role group ({@code swim.roles.*}, docs/roles.md), and where the
 * primary of a service is. Every read is lock-free and never waits for the protocol thread.
 *
 * <p>Act as primary only after {@link #isPrimary()} said true <em>right before</em> the action:
 * it checks the grant against the clock at the call, so a grant that ran out during a pause (GC,
 * SIGSTOP) is seen as gone even before the node has noticed. Where two writers must never overlap,
 * hand {@link #fencingToken()} to the system written to and let it refuse older tokens.
 */
public class SwimRoles {

    private final SwimLifecycle lifecycle;

    private final String group;

    /**
     * @param lifecycle the node's lifecycle (the node it runs may be rebuilt after a restart)
     * @param group this instance's role group
     */
    public SwimRoles(SwimLifecycle lifecycle, String group) {
        this.lifecycle = lifecycle;
        this.group = group;
    }

    /** Whether this instance holds a valid primary grant now, checked against the clock at this call. */
    public boolean isPrimary() {
        SwimNode node = this.lifecycle.getNode();
        return node != null && node.isRunning() && node.isPrimary();
    }

    /**
     * Fencing token of this instance's grant while it {@link #isPrimary() is primary}, else 0. It
     * grows with every change of primary.
     */
    public long fencingToken() {
        SwimNode node = this.lifecycle.getNode();
        if (node == null) {
            return 0;
        }
        RoleState state = node.roleState();
        return state.isPrimaryAt(System.nanoTime()) ? state.token() : 0;
    }

    /**
     * Gives up the primary role, if this instance holds or claims it, and claims nothing for
     * {@code holdOff}: the next member in line takes over within a round trip. The node stays in
     * the cluster and in discovery.
     */
    public void yieldRole(java.time.Duration holdOff) {
        SwimNode node = this.lifecycle.getNode();
        if (node != null && node.isRunning()) {
            node.yieldRole(holdOff);
        }
    }

    /** This instance's role group: the running node's, else the configured one. */
    public String group() {
        String running = state().group();
        return running.isEmpty() ? this.group : running;
    }

    /** What the node knows of its group now: whom it follows, the token, its own grant. */
    public RoleState state() {
        SwimNode node = this.lifecycle.getNode();
        return (node != null) ? node.roleState() : RoleState.NONE;
    }

    /**
     * The primary of this instance's group as this node follows it (this instance itself while it
     * is primary), if it knows one and that member announces a service instance.
     */
    public Optional<ServiceInstance> primary() {
        SwimNode node = this.lifecycle.getNode();
        if (node == null) {
            return Optional.empty();
        }
        Member primary = node.roleState().primary();
        if (primary == null) {
            return Optional.empty();
        }
        if (primary.id().equals(node.localMember().id())) {
            primary = node.localMember(); // the newest metadata: this node's own
        }
        return SwimServiceInstances.toServiceInstance(primary).map(ServiceInstance.class::cast);
    }

    /**
     * The UP instance of {@code serviceId} whose gossiped metadata says it is primary
     * ({@link SwimMetadata#ROLE}), for routing to another service's primary. Metadata lags the role
     * by a few gossip rounds, so right after a failover two instances may say primary: the one
     * with the higher fencing token ({@link SwimMetadata#ROLE_TOKEN}) is returned, and for a
     * moment after a crash the dead one may be. Route with it; never fence with it.
     */
    public Optional<ServiceInstance> primaryOf(String serviceId) {
        return this.lifecycle.catalog().current().instances(serviceId, false).stream()
                .filter((instance) ->
                        SwimMetadata.ROLE_PRIMARY.equals(metadata(instance).get(SwimMetadata.ROLE)))
                .max(Comparator.comparingLong((ServiceInstance instance) -> token(instance)))
                .map(ServiceInstance.class::cast);
    }

    private static Map<String, String> metadata(ServiceInstance instance) {
        Map<String, String> metadata = instance.getMetadata();
        return (metadata != null) ? metadata : Map.of();
    }

    private static long token(ServiceInstance instance) {
        @Nullable String text = metadata(instance).get(SwimMetadata.ROLE_TOKEN);
        if (text == null) {
            return 0;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException ex) {
            // Gossiped by another process: a garbled token ranks lowest, it is not an error here.
            return 0;
        }
    }

    @Override
    public String toString() {
        return "SwimRoles[group=" + this.group + ", primary=" + isPrimary() + "]";
    }
}
