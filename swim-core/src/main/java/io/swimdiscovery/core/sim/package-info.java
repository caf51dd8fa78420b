/**
 * Deterministic cluster simulator: many SwimInstances over a simulated network in virtual time with seeded randomness, latency, loss, partitions, crashes, pauses and slow nodes; records a trace of membership events. Pure: no threads, sockets or wall clock.
 */
@NullMarked
package io.swimdiscovery.core.sim;

import org.jspecify.annotations.NullMarked;
