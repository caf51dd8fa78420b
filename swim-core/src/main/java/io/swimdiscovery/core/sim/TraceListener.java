package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.MembershipEvent;

/**
 * Sees every membership event as the simulation runs, in virtual-time order, whatever the trace
 * filter keeps: the hook for testing one's own listener logic against a simulated cluster.
 * Runs on the simulation's thread; it must not call back into the simulation.
 */
@FunctionalInterface
public interface TraceListener {

    /**
     * @param atNanos virtual time
     * @param observer index of the node that published the event
     * @param event the event
     */
    void onEvent(long atNanos, int observer, MembershipEvent event);
}
