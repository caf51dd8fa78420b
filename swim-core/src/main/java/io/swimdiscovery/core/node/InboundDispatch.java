package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.transport.Transport;

/**
 * Packets from the transport to the engine. Netty's I/O threads only queue the bytes on the
 * event loop; there they are decoded, counted, filtered and handed to the engine one message at
 * a time. A packet that does not decode, or a message the engine cannot take, is a counted
 * reject, never an exception on the loop.
 */
final class InboundDispatch implements Transport.InboundHandler {

    private static final System.Logger LOG = System.getLogger(InboundDispatch.class.getName());

    private final NodeState state;
    private final EventLoop loop;
    private final WireNodeCodec codec;
    private final TrafficCounters traffic;
    private final DirectiveRunner runner;

    InboundDispatch(NodeState state, EventLoop loop, WireNodeCodec codec, TrafficCounters traffic,
            DirectiveRunner runner) {
        this.state = state;
        this.loop = loop;
        this.codec = codec;
        this.traffic = traffic;
        this.runner = runner;
    }

    /** Transport thread: queue and return at once. */
    @Override
    public void onDatagram(Address from, byte[] packet) {
        loop.submit(() -> onPacket(from, packet, false));
    }

    /** Transport thread: queue and return at once. */
    @Override
    public void onStream(Address from, byte[] packet) {
        loop.submit(() -> onPacket(from, packet, true));
    }

    private void onPacket(Address from, byte[] packet, boolean stream) {
        SwimInstance engine = state.runningEngine();
        if (engine == null) {
            return;
        }
        WireNodeCodec.Decoded decoded = codec.decode(packet, stream);
        if (decoded.rejectReason() != null) {
            traffic.rejected(decoded.rejectReason());
            return;
        }
        int bytes = packet.length;
        for (Message m : decoded.messages()) {
            traffic.received(m, bytes);
            bytes = 0;
            if (!stream && streamOnly(m)) {
                // Peers send these only over a stream. In a datagram, whose source is easy to forge,
                // one would make this node open a connection or send its whole state to any address.
                traffic.rejected("stream-only-in-datagram");
                continue;
            }
            deliver(engine, from, m);
        }
    }

    /** The node's only call of the engine's message input. */
    private void deliver(SwimInstance engine, Address from, Message m) {
        try {
            runner.execute(engine.onMessage(from, m, NodeState.now()));
        } catch (RuntimeException e) {
            traffic.rejected("engine-error");
            LOG.log(System.Logger.Level.ERROR, "engine failed on " + TrafficCounters.typeOf(m) + " from " + from
                    + " (sender " + Message.senderOf(m) + ")", e);
        }
    }

    private static boolean streamOnly(Message m) {
        return m instanceof Message.Sync || m instanceof Message.SyncDigest
                || (m instanceof Message.Ping p && p.reliable());
    }
}
