/**
 * Spring Cloud LoadBalancer integration: LoadBalancer's own configurations over the composite
 * discovery client, with its instance cache evicted on every SWIM change, and an optional
 * push-based base supplier. Only loaded when LoadBalancer is present; depends on discovery.
 */
@NullMarked
package io.swimdiscovery.spring.loadbalancer;

import org.jspecify.annotations.NullMarked;
