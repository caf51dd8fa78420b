package io.swimdiscovery.benchmarks.real;

import io.swimdiscovery.core.node.NodeStatistics;
import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.ProtocolCounters;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine and node counters of every node, summed, for the result line. When a run sets off a
 * storm of false deaths these say which path led there: probes that failed outright or only through
 * relays, suspicions refuted, datagrams the inbound queue dropped, claims that went unchecked.
 * Only non-zero drop and rejection reasons are printed, prefixed {@code c_}.
 */
final class ClusterCounters {

    private ClusterCounters() {}

    static void describe(List<SwimNode> nodes, String prefix, RealRunResult result) {
        long probes = 0;
        long failed = 0;
        long indirect = 0;
        long nacks = 0;
        long suspicions = 0;
        long refutations = 0;
        long declaredDead = 0;
        long rejoins = 0;
        long verified = 0;
        int maxHealth = 0;
        Map<String, Long> reasons = new TreeMap<>();
        for (SwimNode node : nodes) {
            if (!node.isRunning()) {
                continue;
            }
            NodeStatistics s = node.statistics();
            ProtocolCounters p = s.protocol();
            probes += p.probes();
            failed += p.probesFailed();
            indirect += p.probesAckedIndirectly();
            nacks += p.nacksReceived();
            suspicions += p.suspicionsRaised();
            refutations += p.refutations();
            declaredDead += p.membersDeclaredDead();
            rejoins += p.rejoins();
            verified += p.claimsVerified();
            maxHealth = Math.max(maxHealth, s.localHealth());
            add(reasons, "news_rejected_", p.newsRejected());
            add(reasons, "gossip_dropped_", p.gossipDropped());
            add(reasons, "packets_rejected_", s.rejectedPackets());
            add(reasons, "node_dropped_", s.dropped());
        }
        result.put(prefix + "probes", probes)
                .put(prefix + "probes_failed", failed)
                .put(prefix + "probes_acked_indirectly", indirect)
                .put(prefix + "nacks", nacks)
                .put(prefix + "suspicions_raised", suspicions)
                .put(prefix + "refutations", refutations)
                .put(prefix + "declared_dead", declaredDead)
                .put(prefix + "rejoins", rejoins)
                .put(prefix + "claims_verified", verified)
                .put(prefix + "max_local_health", maxHealth);
        reasons.forEach((k, v) -> result.put(prefix + k.replace('-', '_'), v));
    }

    private static void add(Map<String, Long> into, String prefix, Map<String, Long> counts) {
        counts.forEach((k, v) -> {
            if (v != 0) {
                into.merge(prefix + k, v, Long::sum);
            }
        });
    }
}
