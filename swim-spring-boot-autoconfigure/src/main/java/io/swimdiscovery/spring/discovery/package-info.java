/**
 * Spring Cloud discovery over the local node's membership view: which members are listed, how a
 * member maps to a {@code ServiceInstance}, and the metadata keys that carry the service. Depends on
 * the node API and the lifecycle only.
 */
@NullMarked
package io.swimdiscovery.spring.discovery;

import org.jspecify.annotations.NullMarked;
