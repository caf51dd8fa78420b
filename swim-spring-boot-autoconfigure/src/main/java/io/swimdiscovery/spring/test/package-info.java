/**
 * Test support for applications that use the starter: {@link AutoConfigureSwimTest} puts every
 * test context's node on a free loopback port and joins the contexts of one JVM into an embedded
 * cluster, so cached test contexts never collide on port 7946. Nothing here is active unless a
 * test asks for it. Depends on the auto-configuration and the node API.
 */
@NullMarked
package io.swimdiscovery.spring.test;

import org.jspecify.annotations.NullMarked;
