/**
 * Whether this instance is routable: Boot's readiness state (and optionally the application's
 * health) turned into the UP or OUT_OF_SERVICE status the node announces. Depends on the service
 * registry and Boot's availability API; the health part only on the health endpoint.
 */
@NullMarked
package io.swimdiscovery.spring.availability;

import org.jspecify.annotations.NullMarked;
