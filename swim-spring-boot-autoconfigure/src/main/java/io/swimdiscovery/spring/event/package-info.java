/**
 * Membership changes as Spring application events ({@code MemberJoinedEvent},
 * {@code MemberFailedEvent}, ...) carrying a {@link io.swimdiscovery.spring.event.SwimMember} view, plus
 * Spring Cloud's {@code HeartbeatEvent}. Depends on the node API and on discovery's metadata keys only.
 */
@NullMarked
package io.swimdiscovery.spring.event;

import org.jspecify.annotations.NullMarked;
