/**
 * Spring Boot auto-configuration of a SWIM node: {@code swim.*} properties, their validation, and the
 * node bean whose lifecycle follows the application. Depends on swim-core's public API only.
 */
@NullMarked
package io.swimdiscovery.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
