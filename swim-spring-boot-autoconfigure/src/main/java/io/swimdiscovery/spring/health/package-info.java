/**
 * The {@code swim} health indicator and its auto-configuration: whether the node runs, is joined, is
 * isolated, and how healthy Lifeguard thinks this process is. Depends on the lifecycle and the node API.
 */
@NullMarked
package io.swimdiscovery.spring.health;

import org.jspecify.annotations.NullMarked;
