package io.swimdiscovery.spring.actuate;

import io.swimdiscovery.core.node.NodeStatistics;
import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.autoconfigure.SwimProperties;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/swim}: reads the cluster as this node sees it; writes {@code leave} or
 * {@code rejoin}. Write access is off by default ({@link Access#READ_ONLY}): an operator turns it
 * on with {@code management.endpoint.swim.access=unrestricted}.
 */
@Endpoint(id = "swim", defaultAccess = Access.READ_ONLY)
public class SwimEndpoint {

    private final SwimLifecycle lifecycle;

    private final SwimProperties properties;

    public SwimEndpoint(SwimLifecycle lifecycle, SwimProperties properties) {
        this.lifecycle = lifecycle;
        this.properties = properties;
    }

    @ReadOperation
    public SwimClusterDescriptor cluster() {
        SwimNode node = this.lifecycle.getNode();
        String clusterName = this.properties.getClusterName();
        String profile = this.properties.getProfile().name().toLowerCase(Locale.ROOT);
        String encryption =
                this.properties.getEncryption().effectiveMode().name().toLowerCase(Locale.ROOT);
        if (node == null) {
            return new SwimClusterDescriptor(
                    "NOT_STARTED", false, clusterName, profile, encryption, null, -1, List.of(), null, null);
        }
        long nowNanos = System.nanoTime();
        Instant now = Instant.now();
        String state = this.lifecycle.hasLeft() ? "LEFT" : node.isRunning() ? "RUNNING" : "STOPPED";
        SwimMemberDescriptor local = SwimMemberDescriptor.of(node.localMember(), nowNanos, now);
        if (!node.isRunning()) {
            return new SwimClusterDescriptor(
                    state, false, clusterName, profile, encryption, local, -1, List.of(), null, null);
        }
        NodeStatistics statistics = node.statistics();
        List<SwimMemberDescriptor> members = node.members().stream()
                .sorted(Comparator.comparing(Member::name))
                .map((member) -> SwimMemberDescriptor.of(member, nowNanos, now))
                .toList();
        return new SwimClusterDescriptor(
                state,
                this.lifecycle.isJoined(),
                clusterName,
                profile,
                encryption,
                local,
                statistics.localHealth(),
                members,
                statistics,
                SwimRoleDescriptor.of(node.roleState(), nowNanos, now));
    }

    /**
     * Runs an operator action: {@code leave} (gracefully, final until restart) or {@code rejoin}
     * (contact the seeds again, to merge back after a partition).
     */
    @WriteOperation
    public Map<String, Object> action(String action) {
        String normalized = action.trim().toLowerCase(Locale.ROOT);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("action", normalized);
        try {
            if ("leave".equals(normalized)) {
                this.lifecycle.leave();
            } else if ("rejoin".equals(normalized)) {
                this.lifecycle.rejoin();
            } else {
                throw new InvalidEndpointRequestException(
                        "Unknown action '" + action + "': expected leave or rejoin", "Unknown action");
            }
        } catch (IllegalStateException ex) {
            String reason = "SWIM node not running";
            throw new InvalidEndpointRequestException(Objects.requireNonNullElse(ex.getMessage(), reason), reason);
        }
        result.put("state", this.lifecycle.hasLeft() ? "LEFT" : "RUNNING");
        return result;
    }
}
