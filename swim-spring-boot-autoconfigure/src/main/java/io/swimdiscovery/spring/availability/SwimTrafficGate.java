package io.swimdiscovery.spring.availability;

import io.swimdiscovery.spring.serviceregistry.SwimRegistration;
import io.swimdiscovery.spring.serviceregistry.SwimServiceRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;

/**
 * Boot's availability state is the instance's truth for traffic: while the application refuses
 * traffic, the node announces OUT_OF_SERVICE, which other members' discovery clients and load
 * balancers skip. The instance stays a member all along (it still probes, gossips and discovers).
 *
 * <ul>
 * <li>Readiness (when {@code swim.readiness.enabled}, the default, and the application has Boot's
 * {@link ApplicationAvailability}): OUT_OF_SERVICE from the start until
 * {@code ReadinessState.ACCEPTING_TRAFFIC} (Boot publishes it once the application is ready, after
 * the runners), and again from {@code REFUSING_TRAFFIC} on (Boot publishes it when shutdown
 * starts).</li>
 * <li>Health (when {@code swim.readiness.health-status}): OUT_OF_SERVICE while the application's
 * aggregated health is not UP ({@link SwimHealthStatusWatcher}).</li>
 * </ul>
 * An operator's OUT_OF_SERVICE through {@code /actuator/serviceregistry} wins over both.
 */
public class SwimTrafficGate implements ApplicationListener<AvailabilityChangeEvent<?>> {

    private static final Log logger = LogFactory.getLog(SwimTrafficGate.class);

    private final SwimServiceRegistry registry;

    private final SwimRegistration registration;

    private final boolean followReadiness;

    private volatile boolean notReady;

    private volatile boolean unhealthy;

    /**
     * @param registry publishes the new status
     * @param registration this instance
     * @param availability Boot's availability state, or null when the application has none (then
     * readiness is not followed: nothing would ever say ACCEPTING_TRAFFIC)
     * @param followReadiness whether readiness decides
     */
    public SwimTrafficGate(
            SwimServiceRegistry registry,
            SwimRegistration registration,
            @Nullable ApplicationAvailability availability,
            boolean followReadiness) {
        this.registry = registry;
        this.registration = registration;
        this.followReadiness = followReadiness && availability != null;
        this.notReady = availability != null
                && this.followReadiness
                && availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC;
        // Before the node starts: its first metadata already says OUT_OF_SERVICE.
        apply();
    }

    @Override
    public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
        if (this.followReadiness && event.getState() instanceof ReadinessState readiness) {
            boolean refusing = readiness != ReadinessState.ACCEPTING_TRAFFIC;
            if (refusing != this.notReady) {
                this.notReady = refusing;
                logger.info("Readiness is " + readiness + ": SWIM announces this instance "
                        + (refusing ? "OUT_OF_SERVICE" : "routable"));
                apply();
            }
        }
    }

    /** Called by the health watcher with the application's aggregated health. */
    public void healthChanged(boolean healthy) {
        if (healthy == !this.unhealthy) {
            return;
        }
        this.unhealthy = !healthy;
        logger.info("Application health is " + (healthy ? "UP" : "not UP") + ": SWIM announces this instance "
                + (healthy && !this.notReady ? "routable" : "OUT_OF_SERVICE"));
        apply();
    }

    /** Whether the node announces this instance as not routable for the application's own reasons. */
    public boolean isRefusingTraffic() {
        return this.notReady || this.unhealthy;
    }

    // Readiness (the publishing thread) and health (the watcher's thread) may both get here.
    private synchronized void apply() {
        boolean refused = isRefusingTraffic();
        if (refused != this.registration.isTrafficRefused()) {
            this.registration.setTrafficRefused(refused);
            this.registry.republish(this.registration);
        }
    }
}
