/**
 * Seed providers: static lists and DNS names (A/AAAA and SRV, as a Kubernetes headless service publishes), resolved again at every rejoin attempt.
 */
@NullMarked
package io.swimdiscovery.core.seed;

import org.jspecify.annotations.NullMarked;
