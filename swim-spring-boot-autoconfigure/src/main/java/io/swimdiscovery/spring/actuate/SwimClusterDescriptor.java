package io.swimdiscovery.spring.actuate;

import io.swimdiscovery.core.node.NodeStatistics;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code /actuator/swim}: the cluster as this node sees it. Keys and other secrets are
 * never part of it.
 *
 * @param state NOT_STARTED, RUNNING, LEFT or STOPPED
 * @param joined whether the node reached a seed (or needed none) and has not left since
 * @param clusterName the cluster's name
 * @param profile the protocol profile in force
 * @param encryption the encryption mode (none, rollout, required), never the keys
 * @param local this node, or null before it started
 * @param localHealth Lifeguard local health score now (0 is healthy), or -1 before start
 * @param members every member known, this node and tombstones included, by name
 * @param statistics the node's counters, or null before start
 * @param role this node's role in its role group, or null when roles are off or it is not running
 */
public record SwimClusterDescriptor(
        String state,
        boolean joined,
        String clusterName,
        String profile,
        String encryption,
        @Nullable SwimMemberDescriptor local,
        int localHealth,
        List<SwimMemberDescriptor> members,
        @Nullable NodeStatistics statistics,
        @Nullable SwimRoleDescriptor role) {}
