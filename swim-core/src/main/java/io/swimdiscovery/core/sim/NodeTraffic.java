package io.swimdiscovery.core.sim;

/**
 * Messages and bytes a node (or the whole cluster) sent and received since the simulation
 * started, over every process start of that node. Bytes are the {@link io.swimdiscovery.core.protocol.PacketSizer}'s
 * size plus the configured per-packet IP header.
 *
 * @param packetsSent datagrams and reliable messages handed to the network
 * @param bytesSent bytes of those, headers included
 * @param packetsReceived messages the node's protocol processed
 * @param bytesReceived bytes of those, headers included
 * @param packetsDropped messages sent by this node that the network lost (loss, partition, stopped receiver)
 */
public record NodeTraffic(
        long packetsSent, long bytesSent, long packetsReceived, long bytesReceived, long packetsDropped) {

    /** This minus an earlier snapshot: the traffic of the interval between them. */
    public NodeTraffic minus(NodeTraffic earlier) {
        return new NodeTraffic(
                packetsSent - earlier.packetsSent,
                bytesSent - earlier.bytesSent,
                packetsReceived - earlier.packetsReceived,
                bytesReceived - earlier.bytesReceived,
                packetsDropped - earlier.packetsDropped);
    }
}
