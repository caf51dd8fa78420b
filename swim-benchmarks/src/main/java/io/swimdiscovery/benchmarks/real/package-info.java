/**
 * The {@code real} benchmark command: N real SwimNodes on 127.0.0.1 in one JVM, crash, leave, join
 * and loss scenarios, wire traffic counted with IP headers, one JSON line per run.
 */
@NullMarked
package io.swimdiscovery.benchmarks.real;

import org.jspecify.annotations.NullMarked;
