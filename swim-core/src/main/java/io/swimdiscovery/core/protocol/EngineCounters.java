package io.swimdiscovery.core.protocol;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The engine's mutable counters, written on the protocol thread and read as a {@link ProtocolCounters} snapshot. */
final class EngineCounters {

    long probes;
    long probesAcked;
    long probesAckedIndirectly;
    long probesFailed;
    long nacksReceived;
    long suspicionsRaised;
    long refutations;
    long membersDeclaredDead;
    long syncs;
    long lastProbeRttNanos = -1;
    long probeRttTotalNanos;
    long claimsVerified;
    long rejoins;
    private final EnumMap<NewsRejection, Long> rejected = new EnumMap<>(NewsRejection.class);
    private final EnumMap<GossipDrop, Long> gossipDropped = new EnumMap<>(GossipDrop.class);

    void reject(NewsRejection reason) {
        rejected.merge(reason, 1L, Long::sum);
    }

    void dropGossip(GossipDrop reason, long n) {
        if (n > 0) {
            gossipDropped.merge(reason, n, Long::sum);
        }
    }

    long rejected(NewsRejection reason) {
        return rejected.getOrDefault(reason, 0L);
    }

    ProtocolCounters snapshot() {
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (NewsRejection r : NewsRejection.values()) {
            byReason.put(r.label(), rejected.getOrDefault(r, 0L));
        }
        Map<String, Long> dropped = new LinkedHashMap<>();
        for (GossipDrop d : GossipDrop.values()) {
            dropped.put(d.label(), gossipDropped.getOrDefault(d, 0L));
        }
        return new ProtocolCounters(
                probes,
                probesAcked,
                probesAckedIndirectly,
                probesFailed,
                nacksReceived,
                suspicionsRaised,
                refutations,
                membersDeclaredDead,
                syncs,
                lastProbeRttNanos,
                probeRttTotalNanos,
                claimsVerified,
                rejoins,
                byReason,
                dropped);
    }
}
