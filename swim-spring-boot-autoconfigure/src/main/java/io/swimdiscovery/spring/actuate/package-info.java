/**
 * The {@code /actuator/swim} endpoint and its response records (plain records, so Boot's Jackson 3
 * serialises them without annotations). Depends on the lifecycle and the node API.
 */
@NullMarked
package io.swimdiscovery.spring.actuate;

import org.jspecify.annotations.NullMarked;
