/**
 * The SWIM membership engine with the Lifeguard extensions, as a pure state machine.
 *
 * <p>{@link io.swimdiscovery.core.protocol.SwimInstance} takes inputs named for what happened
 * ({@code onMessage}, {@code onTick}, {@code join}, {@code leave}, {@code updateMetadata}) and
 * returns {@link io.swimdiscovery.core.protocol.Directive}s in execution order. Time arrives as an
 * argument (monotonic nanoseconds) and randomness from a seeded generator handed in, so a run
 * replays exactly. This package owns no threads, sockets, sleeps or wall clock, and depends on
 * nothing but the JDK: an ArchUnit test keeps Netty, Spring and the runtime packages out.
 */
@NullMarked
package io.swimdiscovery.core.protocol;

import org.jspecify.annotations.NullMarked;
