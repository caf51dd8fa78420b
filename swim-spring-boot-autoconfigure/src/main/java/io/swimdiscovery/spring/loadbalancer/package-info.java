/**
 * Spring Cloud LoadBalancer integration: a push-based instance list fed by membership changes, made
 * the default for every service. Only loaded when LoadBalancer is present; depends on discovery.
 */
@NullMarked
package io.swimdiscovery.spring.loadbalancer;

import org.jspecify.annotations.NullMarked;
