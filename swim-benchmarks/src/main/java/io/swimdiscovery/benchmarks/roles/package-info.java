/** The {@code roles} benchmark command: failover and safety figures of primary/secondary roles. */
@NullMarked
package io.swimdiscovery.benchmarks.roles;

import org.jspecify.annotations.NullMarked;
