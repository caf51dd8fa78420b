package io.swimdiscovery.core.node;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How much inbound work may wait for the protocol thread: at most {@code maxPackets} packets and
 * {@code maxBytes} bytes, with a small reserve above both that only answers to this node's own
 * probes (acks and nacks) may use, so a flood of gossip cannot make the node miss its acks and
 * suspect healthy peers. Taken on a transport thread, given back when the task ran (or was dropped).
 *
 * <p>One atomic word holds both counts (packets in the high 24 bits, bytes in the low 40), so a
 * take is one compare-and-set and the two bounds can never disagree.
 */
final class InboundBudget {

    /** Packets above {@code maxPackets} that answers may still use. */
    static final int ANSWER_RESERVE_PACKETS = 256;
    /** Bytes above {@code maxBytes} that answers may still use (256 ack-sized datagrams of 1 KiB). */
    static final long ANSWER_RESERVE_BYTES = 256L * 1024;

    private static final int BYTE_BITS = 40;
    private static final long BYTE_MASK = (1L << BYTE_BITS) - 1;

    private final int maxPackets;
    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();

    InboundBudget(int maxPackets, long maxBytes) {
        if (maxPackets < 1 || maxPackets > (1 << 22)) {
            throw new IllegalArgumentException("maxPackets must be 1.." + (1 << 22) + ", was " + maxPackets);
        }
        if (maxBytes < 1 || maxBytes > (1L << 38)) {
            throw new IllegalArgumentException("maxBytes must be positive (and < 256 GiB), was " + maxBytes);
        }
        this.maxPackets = maxPackets;
        this.maxBytes = maxBytes;
    }

    /**
     * Reserves room for one packet of {@code bytes}.
     *
     * @param answer whether it carries an ack or nack (it may use the reserve)
     * @return false if the budget is spent: drop the packet and count it
     */
    boolean tryTake(int bytes, boolean answer) {
        int packetLimit = answer ? maxPackets + ANSWER_RESERVE_PACKETS : maxPackets;
        long byteLimit = answer ? maxBytes + ANSWER_RESERVE_BYTES : maxBytes;
        while (true) {
            long now = used.get();
            long packets = now >>> BYTE_BITS;
            long held = now & BYTE_MASK;
            // A single packet larger than the whole budget still passes when nothing waits, so a
            // budget smaller than the largest frame cannot refuse that frame forever.
            if (packets >= packetLimit || (held > 0 && held + bytes > byteLimit)) {
                return false;
            }
            if (used.compareAndSet(now, now + (1L << BYTE_BITS) + bytes)) {
                return true;
            }
        }
    }

    /** Gives back what {@link #tryTake} reserved for a packet of {@code bytes}. */
    void giveBack(int bytes) {
        used.addAndGet(-((1L << BYTE_BITS) + bytes));
    }

    /** Packets waiting now. */
    int queuedPackets() {
        return (int) (used.get() >>> BYTE_BITS);
    }

    /** Bytes waiting now. */
    long queuedBytes() {
        return used.get() & BYTE_MASK;
    }
}
