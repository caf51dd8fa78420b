package io.swimdiscovery.core.protocol;

import java.util.function.BooleanSupplier;

/**
 * How long packet loss delays a short TCP exchange (connect, then one data segment), for the fault
 * injectors of the simulator and the real-socket tests: TCP does not lose a stream on a lossy link,
 * it resends, and the resend comes late. A lost SYN or SYN-ACK is resent after Linux's initial
 * retransmission timeout of 1 s, a lost data segment after the 200 ms minimum, each doubling on
 * the next loss. Without this, streams would cross a lossy link instantly and a protocol that falls
 * back to them would look better than it is.
 */
public final class TcpRetransmission {

    static final long SYN_RTO_NANOS = 1_000_000_000L;
    static final long DATA_RTO_NANOS = 200_000_000L;
    /** Linux gives up a connect after 6 SYN retries; we stop counting at 4 (15 s of backoff). */
    private static final int MAX_RESENDS = 4;

    private TcpRetransmission() {}

    /**
     * Extra delay of one exchange, the three packets drawn in order.
     *
     * @param forwardLost draws whether one packet from the sender to the receiver is lost
     * @param backwardLost draws whether one packet from the receiver to the sender is lost
     */
    public static long delayNanos(BooleanSupplier forwardLost, BooleanSupplier backwardLost) {
        return resends(forwardLost, SYN_RTO_NANOS)
                + resends(backwardLost, SYN_RTO_NANOS)
                + resends(forwardLost, DATA_RTO_NANOS);
    }

    private static long resends(BooleanSupplier lost, long rto) {
        long delay = 0;
        for (int i = 0; i < MAX_RESENDS && lost.getAsBoolean(); i++) {
            delay += rto << i;
        }
        return delay;
    }
}
