package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.ProtocolCounters;
import java.util.Map;

/**
 * A snapshot of a node's counters, safe to read from any thread.
 *
 * @param membersByStatus members known, by status (this node included)
 * @param messagesSent datagrams and stream messages sent, by message type ("ping", "ack", ...)
 * @param messagesReceived messages received and accepted, by message type
 * @param bytesSent bytes sent, by message type (payload incl. header and gossip; not IP/UDP headers)
 * @param bytesReceived bytes received, by message type
 * @param rejectedPackets packets dropped before the engine saw them, by reason ("bad-crc",
 *     "unknown-version", "decrypt-failed", ...)
 * @param protocol the engine's probe, suspicion and refutation counters
 * @param localHealth Lifeguard local health score now
 * @param gossipQueueDepth pieces of news waiting to be sent
 * @param dropped work the node's bounds refused, by {@link NodeDrops} key; every key is present
 */
public record NodeStatistics(
        Map<MemberStatus, Integer> membersByStatus,
        Map<String, Long> messagesSent,
        Map<String, Long> messagesReceived,
        Map<String, Long> bytesSent,
        Map<String, Long> bytesReceived,
        Map<String, Long> rejectedPackets,
        ProtocolCounters protocol,
        int localHealth,
        int gossipQueueDepth,
        Map<String, Long> dropped) {

    public NodeStatistics {
        membersByStatus = Map.copyOf(membersByStatus);
        messagesSent = Map.copyOf(messagesSent);
        messagesReceived = Map.copyOf(messagesReceived);
        bytesSent = Map.copyOf(bytesSent);
        bytesReceived = Map.copyOf(bytesReceived);
        rejectedPackets = Map.copyOf(rejectedPackets);
        dropped = Map.copyOf(dropped);
    }

    /** Statistics without node drops (none counted). */
    public NodeStatistics(
            Map<MemberStatus, Integer> membersByStatus,
            Map<String, Long> messagesSent,
            Map<String, Long> messagesReceived,
            Map<String, Long> bytesSent,
            Map<String, Long> bytesReceived,
            Map<String, Long> rejectedPackets,
            ProtocolCounters protocol,
            int localHealth,
            int gossipQueueDepth) {
        this(
                membersByStatus,
                messagesSent,
                messagesReceived,
                bytesSent,
                bytesReceived,
                rejectedPackets,
                protocol,
                localHealth,
                gossipQueueDepth,
                Map.of());
    }
}
