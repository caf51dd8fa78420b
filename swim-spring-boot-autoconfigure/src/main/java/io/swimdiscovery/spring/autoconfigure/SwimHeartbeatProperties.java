package io.swimdiscovery.spring.autoconfigure;

import java.time.Duration;

/**
 * Spring Cloud's {@code HeartbeatEvent} ({@code swim.heartbeat.*}): published when the routable
 * view (the instances discovery lists) changed, at most once per interval. Gateway routes and
 * Spring Boot Admin refresh on it.
 */
public class SwimHeartbeatProperties {

    /**
     * Whether to publish HeartbeatEvent when the routable view changes.
     */
    private boolean enabled = true;

    /**
     * Shortest time between two HeartbeatEvents; changes within it are coalesced into one event.
     */
    private Duration interval = Duration.ofSeconds(1);

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getInterval() {
        return this.interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }
}
