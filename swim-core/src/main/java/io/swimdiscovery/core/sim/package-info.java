/**
 * Deterministic cluster simulator: many {@link io.swimdiscovery.core.protocol.SwimInstance}s (or the
 * {@link io.swimdiscovery.core.sim.HeartbeatDetector} baseline) over a simulated network in virtual
 * time, driven by {@link io.swimdiscovery.core.sim.Simulation}. One seed fixes every random draw
 * (forked per node and component), so a run replays exactly; latency, loss, partitions, crashes
 * (the host gone: silence), kills (the process gone on a live host: refused streams), restarts,
 * pauses and slow nodes are injected between runs of the clock, and
 * {@link io.swimdiscovery.core.sim.TraceAnalysis} measures detection, accuracy and dissemination from
 * the recorded membership events. Pure like the engine: no threads, sockets or wall clock, and no
 * dependency beyond the JDK, JSpecify and the {@code protocol} package.
 *
 * <p>{@code Simulation} is a façade over four package-private parts: {@code SimScheduler} (virtual
 * time, the event queue), {@code SimNetwork} (loss, latency, cuts, the TCP model, delivery to a
 * node's protocol), {@code SimProcesses} (life cycle, timers, directives, lifetimes) and
 * {@code SimObserver} (trace, views, traffic counters, convergence).
 */
@NullMarked
package io.swimdiscovery.core.sim;

import org.jspecify.annotations.NullMarked;
