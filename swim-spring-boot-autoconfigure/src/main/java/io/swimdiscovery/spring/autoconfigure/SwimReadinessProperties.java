package io.swimdiscovery.spring.autoconfigure;

import java.time.Duration;

/**
 * When this instance is routable ({@code swim.readiness.*}): Boot's readiness state, and
 * optionally the application's own health, decide whether the instance announces itself UP or
 * OUT_OF_SERVICE. Discovery clients and load balancers of other members skip OUT_OF_SERVICE.
 */
public class SwimReadinessProperties {

    /**
     * Whether the instance announces OUT_OF_SERVICE until Boot's readiness state is
     * ACCEPTING_TRAFFIC, and again from REFUSING_TRAFFIC on (Boot publishes it when shutdown
     * starts, or an application publishes it itself).
     */
    private boolean enabled = true;

    /**
     * Whether the application's aggregated health (the health endpoint's status) decides too:
     * any status other than UP announces OUT_OF_SERVICE until it is UP again. Needs the health
     * endpoint.
     */
    private boolean healthStatus = false;

    /**
     * How often the application's health is read when health-status is on.
     */
    private Duration healthCheckInterval = Duration.ofSeconds(10);

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isHealthStatus() {
        return this.healthStatus;
    }

    public void setHealthStatus(boolean healthStatus) {
        this.healthStatus = healthStatus;
    }

    public Duration getHealthCheckInterval() {
        return this.healthCheckInterval;
    }

    public void setHealthCheckInterval(Duration healthCheckInterval) {
        this.healthCheckInterval = healthCheckInterval;
    }
}
