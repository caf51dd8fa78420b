package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.Message;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Messages and bytes by type and direction, rejected packets by reason, and node drops. Written by the event
 * loop, read from any thread for a {@link NodeStatistics} snapshot.
 */
final class TrafficCounters {

    private final Map<String, LongAdder> messagesSent = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> messagesReceived = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> bytesSent = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> bytesReceived = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
    final LongAdder listenerFailures = new LongAdder();
    final LongAdder reliableSendFailures = new LongAdder();

    /** Stable lower-case names used as statistics keys and metric tags. */
    static String typeOf(Message m) {
        if (m instanceof Message.Ping) {
            return "ping";
        } else if (m instanceof Message.PingReq) {
            return "ping-req";
        } else if (m instanceof Message.Ack) {
            return "ack";
        } else if (m instanceof Message.Nack) {
            return "nack";
        } else if (m instanceof Message.GossipPush) {
            return "gossip";
        } else if (m instanceof Message.SyncDigest) {
            return "sync-digest";
        } else if (m instanceof Message.RoleHeartbeat || m instanceof Message.RoleEcho) {
            return "role";
        } else {
            return "sync";
        }
    }

    void sent(Message m, int bytes) {
        String type = typeOf(m);
        add(messagesSent, type, 1);
        add(bytesSent, type, bytes);
    }

    /** A packet of {@code bytes} carried {@code m}; its bytes are counted once, under its first message. */
    void received(Message m, int bytes) {
        String type = typeOf(m);
        add(messagesReceived, type, 1);
        if (bytes > 0) {
            add(bytesReceived, type, bytes);
        }
    }

    void rejected(String reason) {
        add(rejected, reason, 1);
    }

    /** Work a node bound refused, under a {@link NodeDrops} key; any thread. */
    void dropped(String key) {
        add(dropped, key, 1);
    }

    /** Every {@link NodeDrops} key, at 0 if nothing was dropped for it. */
    Map<String, Long> dropped() {
        Map<String, Long> out = new TreeMap<>();
        for (String key : NodeDrops.knownKeys()) {
            out.put(key, 0L);
        }
        dropped.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    Map<String, Long> messagesSent() {
        return snapshot(messagesSent);
    }

    Map<String, Long> messagesReceived() {
        return snapshot(messagesReceived);
    }

    Map<String, Long> bytesSent() {
        return snapshot(bytesSent);
    }

    Map<String, Long> bytesReceived() {
        return snapshot(bytesReceived);
    }

    Map<String, Long> rejectedPackets() {
        return snapshot(rejected);
    }

    private static void add(Map<String, LongAdder> map, String key, long n) {
        map.computeIfAbsent(key, k -> new LongAdder()).add(n);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> map) {
        Map<String, Long> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
