/**
 * Spring Cloud's service registry contract over gossip: this application's {@code SwimRegistration},
 * the registry that turns status changes into node metadata, and automatic registration. Depends on
 * the node lifecycle and discovery's metadata keys.
 */
@NullMarked
package io.swimdiscovery.spring.serviceregistry;

import org.jspecify.annotations.NullMarked;
