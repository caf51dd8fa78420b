/**
 * The {@code sim} benchmark command: cluster scenarios (crash, loss, join, leave, partition, slow
 * members) on the deterministic simulator of swim-core, for SWIM or the all-to-all heartbeat
 * baseline, one JSON line per seeded run.
 */
@NullMarked
package io.swimdiscovery.benchmarks.sim;

import org.jspecify.annotations.NullMarked;
