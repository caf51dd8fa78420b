/**
 * Spring Integration's leader election SPI ({@code org.springframework.integration.leader}) on
 * SWIM roles: code written for its ZooKeeper or Kubernetes leader initiators runs unchanged.
 * Loaded only when {@code spring-integration-core} is on the class path.
 */
@NullMarked
package io.swimdiscovery.spring.roles.integration;

import org.jspecify.annotations.NullMarked;
