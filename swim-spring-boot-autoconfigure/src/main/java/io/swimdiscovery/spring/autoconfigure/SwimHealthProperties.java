package io.swimdiscovery.spring.autoconfigure;

/**
 * How the {@code swim} health contributor maps the node's state to a status
 * ({@code swim.health.*}). The contributor itself is switched with
 * {@code management.health.swim.enabled}.
 */
public class SwimHealthProperties {

    /**
     * Whether a node that is isolated (seeds configured, no other member reachable) or whose
     * local health score is above half its maximum reports OUT_OF_SERVICE instead of UP. Off by
     * default: a single replica or a CPU-starved pod is not broken, and a liveness probe on
     * /actuator/health would restart it.
     */
    private boolean strict = false;

    public boolean isStrict() {
        return this.strict;
    }

    public void setStrict(boolean strict) {
        this.strict = strict;
    }
}
