package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.node.SwimNode;

/**
 * The node's bounds ({@code swim.limits.*}): how much work and memory a burst of traffic or a
 * slow listener may take. Beyond each, the excess is dropped and counted ({@code
 * swim.*.dropped} and {@code swim.packets.rejected} meters; docs/operations.md, "Bounds and
 * drops"). The gossip queue's bound is {@code swim.protocol.max-gossip-queue}. The defaults are
 * {@link SwimNode}'s, written out so the configuration metadata shows them (a test keeps them equal).
 */
public class SwimLimitsProperties {

    /**
     * Most full-state syncs sent at once; beyond it a sync is not sent and a sync digest not
     * answered (swim.sync.dropped). memberlist caps concurrent push-pulls at the same 128.
     */
    private int maxConcurrentSyncs = 128;

    /**
     * Most membership events waiting for slow listeners (Spring events, the service catalog);
     * beyond it a member's new event replaces its pending one, or is dropped if none is pending
     * (swim.listener.events.dropped).
     */
    private int maxPendingListenerEvents = 16384;

    /**
     * Most decoded datagrams waiting for the protocol thread; more are dropped
     * (swim.packets.rejected, reason inbound-queue-full).
     */
    private int maxQueuedDatagrams = 4096;

    /**
     * Most bytes of datagrams waiting for the protocol thread (at least 65507); more are dropped
     * (swim.packets.rejected, reason inbound-queue-full).
     */
    private long maxQueuedDatagramBytes = 16777216;

    /** Applies these bounds to {@code builder}. */
    void applyTo(SwimNode.Builder builder) {
        builder.maxConcurrentSyncs(this.maxConcurrentSyncs)
                .maxPendingListenerEvents(this.maxPendingListenerEvents)
                .maxQueuedDatagrams(this.maxQueuedDatagrams)
                .maxQueuedDatagramBytes(this.maxQueuedDatagramBytes);
    }

    public int getMaxConcurrentSyncs() {
        return this.maxConcurrentSyncs;
    }

    public void setMaxConcurrentSyncs(int maxConcurrentSyncs) {
        this.maxConcurrentSyncs = maxConcurrentSyncs;
    }

    public int getMaxPendingListenerEvents() {
        return this.maxPendingListenerEvents;
    }

    public void setMaxPendingListenerEvents(int maxPendingListenerEvents) {
        this.maxPendingListenerEvents = maxPendingListenerEvents;
    }

    public int getMaxQueuedDatagrams() {
        return this.maxQueuedDatagrams;
    }

    public void setMaxQueuedDatagrams(int maxQueuedDatagrams) {
        this.maxQueuedDatagrams = maxQueuedDatagrams;
    }

    public long getMaxQueuedDatagramBytes() {
        return this.maxQueuedDatagramBytes;
    }

    public void setMaxQueuedDatagramBytes(long maxQueuedDatagramBytes) {
        this.maxQueuedDatagramBytes = maxQueuedDatagramBytes;
    }
}
