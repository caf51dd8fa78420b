package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Message;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.transport.Transport;
import java.util.List;

/**
 * Packets from the transport to the engine. Netty's I/O threads decode each packet (the codec is
 * immutable, its keys sit behind a volatile list and each thread has its own cipher, so this is
 * safe and keeps CRC and AES work off the protocol thread), then queue the messages on the event
 * loop within a bounded {@link InboundBudget}: a full queue is a counted drop
 * ({@value PacketRejections#INBOUND_QUEUE_FULL}), never a growing heap. On the loop the messages
 * are counted, filtered and handed to the engine one at a time. A packet that does not decode, or
 * a message the engine cannot take, is a counted reject, never an exception on the loop.
 */
final class InboundDispatch implements Transport.InboundHandler {

    private static final System.Logger LOG = System.getLogger(InboundDispatch.class.getName());

    /** Stream frames waiting for the loop: few connections send them, each up to a frame limit. */
    static final int MAX_QUEUED_FRAMES = 64;

    static final long MAX_QUEUED_FRAME_BYTES = 64L * 1024 * 1024;

    private final NodeState state;
    private final EventLoop loop;
    private final WireNodeCodec codec;
    private final TrafficCounters traffic;
    private final DirectiveRunner runner;
    private final InboundBudget datagrams;
    private final InboundBudget frames = new InboundBudget(MAX_QUEUED_FRAMES, MAX_QUEUED_FRAME_BYTES);
    private final ThrottledErrorLog errors = new ThrottledErrorLog(LOG);

    InboundDispatch(
            NodeState state,
            EventLoop loop,
            WireNodeCodec codec,
            TrafficCounters traffic,
            DirectiveRunner runner,
            InboundBudget datagrams) {
        this.state = state;
        this.loop = loop;
        this.codec = codec;
        this.traffic = traffic;
        this.runner = runner;
        this.datagrams = datagrams;
    }

    /** Transport thread: decode, queue within the budget and return at once. */
    @Override
    public void onDatagram(Address from, byte[] packet) {
        handOff(from, packet, false, datagrams);
    }

    /** Transport thread: decode, queue within the budget and return at once. */
    @Override
    public void onStream(Address from, byte[] packet) {
        handOff(from, packet, true, frames);
    }

    /** Transport thread: the transport closed a connection or dropped what it carried. */
    @Override
    public void onDropped(String reason) {
        traffic.rejected(reason);
    }

    private void handOff(Address from, byte[] packet, boolean stream, InboundBudget budget) {
        if (!state.running) {
            return;
        }
        WireNodeCodec.Decoded decoded = codec.decode(packet, stream);
        String rejected = decoded.rejectReason();
        if (rejected != null) {
            traffic.rejected(rejected);
            return;
        }
        int bytes = packet.length;
        List<Message> messages = decoded.messages();
        if (!budget.tryTake(bytes, carriesAnswer(messages))) {
            traffic.rejected(PacketRejections.INBOUND_QUEUE_FULL);
            return;
        }
        boolean queued = loop.submit(() -> {
            try {
                onMessages(from, messages, bytes, stream);
            } finally {
                budget.giveBack(bytes);
            }
        });
        if (!queued) {
            budget.giveBack(bytes);
        }
    }

    private void onMessages(Address from, List<Message> messages, int packetBytes, boolean stream) {
        SwimInstance engine = state.runningEngine();
        if (engine == null) {
            return;
        }
        int bytes = packetBytes;
        for (Message m : messages) {
            traffic.received(m, bytes);
            bytes = 0;
            if (!stream && streamOnly(m)) {
                // Peers send these only over a stream. In a datagram, whose source is easy to forge,
                // one would make this node open a connection or send its whole state to any address.
                traffic.rejected(PacketRejections.STREAM_ONLY_IN_DATAGRAM);
                continue;
            }
            if (m instanceof Message.SyncDigest && runner.fullStatesAtLimit()) {
                // It could only lead to a full state the runner would drop: skip the engine's work.
                traffic.dropped(NodeDrops.SYNC_CONCURRENCY_LIMIT);
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
            traffic.rejected(PacketRejections.ENGINE_ERROR);
            String type = TrafficCounters.typeOf(m);
            errors.error(
                    type, "engine failed on " + type + " from " + from + " (sender " + Message.senderOf(m) + ")", e);
        }
    }

    /** Acks and nacks answer this node's own probes: missing them would make it suspect a healthy peer. */
    private static boolean carriesAnswer(List<Message> messages) {
        for (Message m : messages) {
            if (m instanceof Message.Ack || m instanceof Message.Nack) {
                return true;
            }
        }
        return false;
    }

    private static boolean streamOnly(Message m) {
        return m instanceof Message.Sync
                || m instanceof Message.SyncDigest
                || (m instanceof Message.Ping p && p.reliable());
    }

    /** Datagrams waiting for the loop now (for statistics). */
    int queuedDatagrams() {
        return datagrams.queuedPackets();
    }
}
