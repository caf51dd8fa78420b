/**
 * Micrometer meters for the node's counters ({@code swim.*}); only loaded when Micrometer is present.
 * Depends on the lifecycle and the node API.
 */
@NullMarked
package io.swimdiscovery.spring.metrics;

import org.jspecify.annotations.NullMarked;
