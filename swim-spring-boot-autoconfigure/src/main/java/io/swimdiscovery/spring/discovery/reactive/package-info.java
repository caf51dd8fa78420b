/**
 * Reactive Spring Cloud discovery over the local node's membership view; only loaded when Reactor is
 * present. Depends on the blocking discovery package.
 */
@NullMarked
package io.swimdiscovery.spring.discovery.reactive;

import org.jspecify.annotations.NullMarked;
