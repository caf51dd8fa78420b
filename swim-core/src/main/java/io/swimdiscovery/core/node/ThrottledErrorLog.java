package io.swimdiscovery.core.node;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * ERROR lines with a stack trace, at most one per key per window; the rest go to DEBUG without
 * the trace and are counted, and the next full line says how many were left out. A peer that
 * sends the same bad packet in a loop must not fill the disk with identical traces.
 */
final class ThrottledErrorLog {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final System.Logger log;
    private final LongSupplier nanoClock;
    private final long windowNanos;
    private final Map<String, long[]> byKey = new HashMap<>();

    ThrottledErrorLog(System.Logger log) {
        this(log, System::nanoTime, WINDOW);
    }

    ThrottledErrorLog(System.Logger log, LongSupplier nanoClock, Duration window) {
        this.log = log;
        this.nanoClock = nanoClock;
        this.windowNanos = window.toNanos();
    }

    /**
     * Logs {@code message} with {@code error}'s trace at ERROR if none was logged for {@code key}
     * in the window, else at DEBUG without the trace.
     *
     * @return whether the full trace was logged
     */
    boolean error(String key, String message, Throwable error) {
        long now = nanoClock.getAsLong();
        long suppressed;
        synchronized (byKey) {
            // {last full log at, suppressed since}; the map holds one entry per distinct key (a
            // handful of message and directive types), never one per packet.
            long[] slot = byKey.get(key);
            if (slot != null && now - slot[0] < windowNanos) {
                slot[1]++;
                log.log(
                        System.Logger.Level.DEBUG,
                        () -> message + " (" + error + "; trace logged at most once per " + WINDOW.toSeconds() + " s)");
                return false;
            }
            suppressed = slot == null ? 0 : slot[1];
            byKey.put(key, new long[] {now, 0});
        }
        String suffix = suppressed == 0 ? "" : " (" + suppressed + " more like it in the last window, logged at DEBUG)";
        log.log(System.Logger.Level.ERROR, message + suffix, error);
        return true;
    }
}
