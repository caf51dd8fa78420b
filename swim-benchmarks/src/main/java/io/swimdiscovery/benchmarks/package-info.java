/**
 * The benchmark command line: {@link io.swimdiscovery.benchmarks.BenchmarkCli} dispatches to one
 * {@link io.swimdiscovery.benchmarks.Command} per scenario family ({@code sim} on the simulator,
 * {@code jmh} for the micro benchmarks), each printing one JSON object per line. Depends on
 * swim-core only; nothing here is used by the library itself.
 */
@NullMarked
package io.swimdiscovery.benchmarks;

import org.jspecify.annotations.NullMarked;
