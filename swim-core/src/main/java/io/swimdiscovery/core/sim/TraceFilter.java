package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.MembershipEvent;

/**
 * Which membership events the simulation keeps in its trace. Large runs publish about n² join
 * events while the cluster forms; keeping them all costs memory for nothing when the scenario
 * only measures failures, so the filter runs before any trace record is allocated.
 */
@FunctionalInterface
public interface TraceFilter {

    boolean accept(int observer, MembershipEvent event);

    /** Keeps every event. */
    static TraceFilter all() {
        return (observer, event) -> true;
    }

    /** Keeps nothing; listeners still see every event. */
    static TraceFilter none() {
        return (observer, event) -> false;
    }

    /** Keeps everything but {@link MembershipEvent.MemberJoined}: enough for failure, leave and update scenarios. */
    static TraceFilter withoutJoins() {
        return (observer, event) -> !(event instanceof MembershipEvent.MemberJoined);
    }
}
