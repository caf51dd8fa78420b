package io.swimdiscovery.spring.availability;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the application's aggregated health every {@code swim.readiness.health-check-interval}
 * and tells the {@link SwimTrafficGate}, as Eureka's {@code healthcheck.enabled} does: an
 * instance whose health is not UP is announced OUT_OF_SERVICE until it is UP again. Reads run on
 * the thread {@code swim-health-status}, never on the node's threads.
 */
public class SwimHealthStatusWatcher implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(SwimHealthStatusWatcher.class);

    private final SwimTrafficGate gate;

    private final Supplier<Status> health;

    private final Duration interval;

    private @Nullable ScheduledExecutorService scheduler;

    /**
     * @param gate what the health decides
     * @param health the application's aggregated health now
     * @param interval time between two reads
     */
    public SwimHealthStatusWatcher(SwimTrafficGate gate, Supplier<Status> health, Duration interval) {
        this.gate = gate;
        this.health = health;
        this.interval = interval;
    }

    /** Reads the health once and tells the gate. */
    public void check() {
        Status status;
        try {
            status = this.health.get();
        } catch (RuntimeException ex) {
            logger.warn("Reading the application's health failed; announcing OUT_OF_SERVICE: " + ex);
            status = Status.DOWN;
        }
        this.gate.healthChanged(Status.UP.equals(status));
    }

    @Override
    public synchronized void start() {
        if (this.scheduler != null) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor((runnable) -> {
            Thread thread = new Thread(runnable, "swim-health-status");
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler = started;
        long millis = this.interval.toMillis();
        started.scheduleWithFixedDelay(this::check, 0, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = this.scheduler;
        if (running != null) {
            running.shutdownNow();
        }
        this.scheduler = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return this.scheduler != null;
    }
}
