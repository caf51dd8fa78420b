package io.swimdiscovery.spring.health;

import io.swimdiscovery.core.node.NodeStatistics;
import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.RoleState;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import java.util.List;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of this node's membership.
 *
 * <ul>
 * <li>UP: running. By default also when it is isolated (seeds are configured but no other member
 * is reachable: a single replica, or the first one of a rollout) or when its Lifeguard local
 * health score is above half its maximum (this process is slow: CPU starved, long GC pauses);
 * the details then say so ({@code isolated}, {@code localHealthHigh}, {@code reason}). Neither is
 * a reason to restart the process or take it out of a load balancer.</li>
 * <li>OUT_OF_SERVICE: it left the cluster; and, with the strict mapping
 * ({@code swim.health.strict=true}), when it is isolated or its local health score is high.</li>
 * <li>DOWN: the node stopped.</li>
 * <li>UNKNOWN: not started yet.</li>
 * </ul>
 * Details: member name, members by status, local health score and its maximum; with roles on,
 * the role ({@code primary} or {@code secondary}), its group and the fencing token. The role never
 * changes the status: a secondary is as healthy as a primary.
 */
public class SwimHealthIndicator extends AbstractHealthIndicator {

    private final SwimLifecycle lifecycle;

    private final List<Address> seeds;

    private final boolean dnsSeeds;

    private final int localHealthMax;

    private final boolean strict;

    /** The default, lenient mapping: isolated or slow is UP, with details. */
    public SwimHealthIndicator(SwimLifecycle lifecycle, List<Address> seeds, boolean dnsSeeds, int localHealthMax) {
        this(lifecycle, seeds, dnsSeeds, localHealthMax, false);
    }

    /**
     * @param lifecycle the node's lifecycle
     * @param seeds the configured seed addresses
     * @param dnsSeeds whether a seed DNS name is configured
     * @param localHealthMax the largest local health score of the settings in force
     * @param strict whether isolated or slow reports OUT_OF_SERVICE rather than UP
     */
    public SwimHealthIndicator(
            SwimLifecycle lifecycle, List<Address> seeds, boolean dnsSeeds, int localHealthMax, boolean strict) {
        super("SWIM health check failed");
        this.strict = strict;
        this.lifecycle = lifecycle;
        this.seeds = List.copyOf(seeds);
        this.dnsSeeds = dnsSeeds;
        this.localHealthMax = localHealthMax;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SwimNode node = this.lifecycle.getNode();
        if (node == null) {
            builder.unknown().withDetail("reason", "node not started yet");
            return;
        }
        if (this.lifecycle.hasLeft()) {
            builder.outOfService().withDetail("reason", "left the cluster");
            return;
        }
        if (!node.isRunning()) {
            builder.down().withDetail("reason", "node stopped");
            return;
        }
        Member local = node.localMember();
        NodeStatistics statistics = node.statistics();
        List<Member> members = node.members();
        long othersReachable = members.stream()
                .filter((member) ->
                        member.status().isReachable() && !member.id().equals(local.id()))
                .count();
        builder.withDetail("member", local.name())
                .withDetail("address", local.address().toString())
                .withDetail("joined", this.lifecycle.isJoined())
                .withDetail("reachableMembers", othersReachable + 1)
                .withDetail("membersByStatus", statistics.membersByStatus())
                .withDetail("localHealth", statistics.localHealth())
                .withDetail("localHealthMax", this.localHealthMax);
        boolean isolated = expectsPeers(local) && othersReachable == 0;
        boolean slow = statistics.localHealth() * 2 > this.localHealthMax;
        builder.withDetail("isolated", isolated).withDetail("localHealthHigh", slow);
        RoleState role = node.roleState();
        if (!role.group().isEmpty()) {
            boolean primary = role.isPrimaryAt(System.nanoTime());
            builder.withDetail("role", primary ? "primary" : "secondary")
                    .withDetail("roleGroup", role.group())
                    .withDetail("fencingToken", role.token());
        }
        if (isolated) {
            builder.withDetail("reason", "isolated: seeds are configured but no other member is reachable");
        } else if (slow) {
            builder.withDetail("reason", "local health score high: this process is slow to answer");
        }
        if (this.strict && (isolated || slow)) {
            builder.outOfService();
        } else {
            builder.up();
        }
    }

    // A node whose only seed is itself starts a cluster of its own: alone is what it expects.
    private boolean expectsPeers(Member local) {
        return this.dnsSeeds || this.seeds.stream().anyMatch((seed) -> !seed.equals(local.address()));
    }
}
