/** The read-load measurement: does a load of discovery reads disturb probing? */
@NullMarked
package io.swimdiscovery.benchmarks.readload;

import org.jspecify.annotations.NullMarked;
