package io.swimdiscovery.core.protocol;

import java.util.Map;

/**
 * Protocol outcomes counted since the engine started; a snapshot, so it is safe to hand to
 * another thread.
 *
 * @param probes direct probes sent
 * @param probesAcked probes answered directly within the probe timeout
 * @param probesAckedIndirectly probes answered only through a ping-req relay
 * @param probesFailed probes with no ack by the end of the protocol period
 * @param nacksReceived Lifeguard nacks received from relays
 * @param suspicionsRaised suspicions this node started (its own failed probes)
 * @param refutations times this node refuted a suspicion about itself
 * @param membersDeclaredDead members whose suspicion expired at this node
 * @param syncs full-state syncs completed (merged a remote state)
 * @param lastProbeRttNanos round-trip time of the last direct ack, or -1
 * @param probeRttTotalNanos sum of the round-trip times of all {@code probesAcked} direct acks, so
 *     a metrics timer can report count, total and mean
 * @param claimsVerified news only its subject may issue (a new member, a new uid, a higher
 *     incarnation, a leave) heard from a third party and confirmed by the subject itself
 * @param rejoins times this node learnt it had been declared dead and rejoined under a new uid
 * @param newsRejected news and requests refused, by {@link NewsRejection#label()}; every reason is present
 * @param gossipDropped believed news not (or no longer) queued for gossip because of the queue's
 *     bounds, by {@link GossipDrop#label()}; every reason is present
 */
public record ProtocolCounters(
        long probes,
        long probesAcked,
        long probesAckedIndirectly,
        long probesFailed,
        long nacksReceived,
        long suspicionsRaised,
        long refutations,
        long membersDeclaredDead,
        long syncs,
        long lastProbeRttNanos,
        long probeRttTotalNanos,
        long claimsVerified,
        long rejoins,
        Map<String, Long> newsRejected,
        Map<String, Long> gossipDropped) {

    public ProtocolCounters {
        newsRejected = Map.copyOf(newsRejected);
        gossipDropped = Map.copyOf(gossipDropped);
    }

    /** Counters without gossip drops (none counted). */
    public ProtocolCounters(
            long probes,
            long probesAcked,
            long probesAckedIndirectly,
            long probesFailed,
            long nacksReceived,
            long suspicionsRaised,
            long refutations,
            long membersDeclaredDead,
            long syncs,
            long lastProbeRttNanos,
            long probeRttTotalNanos,
            long claimsVerified,
            long rejoins,
            Map<String, Long> newsRejected) {
        this(
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
                newsRejected,
                Map.of());
    }

    /** Counters of an engine that has not started. */
    public static ProtocolCounters none() {
        return new EngineCounters().snapshot();
    }
}
