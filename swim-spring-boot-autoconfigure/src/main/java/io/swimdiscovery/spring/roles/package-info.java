/**
 * Primary and secondary roles from the membership itself (docs/roles.md): the
 * {@link io.swimdiscovery.spring.roles.SwimRoles} bean, the {@code swim.role} metadata, and (in
 * {@code roles.integration}) Spring Integration's leader SPI. Depends on the node API, the
 * auto-configuration's lifecycle and the registration only.
 */
@NullMarked
package io.swimdiscovery.spring.roles;

import org.jspecify.annotations.NullMarked;
