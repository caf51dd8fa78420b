/** {@code heap}: what one node's member table costs in heap, per member. */
@NullMarked
package io.swimdiscovery.benchmarks.heap;

import org.jspecify.annotations.NullMarked;
