package io.swimdiscovery.spring.roles.integration;

import io.swimdiscovery.spring.autoconfigure.ConditionalOnSwimEnabled;
import io.swimdiscovery.spring.roles.SwimRoles;
import io.swimdiscovery.spring.roles.SwimRolesAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.event.DefaultLeaderEventPublisher;
import org.springframework.integration.leader.event.LeaderEventPublisher;

/**
 * SWIM roles as Spring Integration's leader initiator, when {@code spring-integration-core} is on
 * the class path, roles are on and the application has {@link Candidate} beans. A
 * {@link LeaderEventPublisher} bean of the application's own is used if there is one; else
 * Spring Integration's {@link DefaultLeaderEventPublisher} publishes {@code OnGrantedEvent} and
 * {@code OnRevokedEvent} as application events.
 */
@AutoConfiguration(after = SwimRolesAutoConfiguration.class)
@ConditionalOnSwimEnabled
@ConditionalOnClass(Candidate.class)
@ConditionalOnBean({SwimRoles.class, Candidate.class})
public final class SwimLeaderInitiatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SwimLeaderInitiator swimLeaderInitiator(
            SwimRoles roles,
            ObjectProvider<Candidate> candidates,
            ObjectProvider<LeaderEventPublisher> publisher,
            ApplicationEventPublisher events) {
        return new SwimLeaderInitiator(
                roles,
                candidates.orderedStream().toList(),
                publisher.getIfAvailable(() -> new DefaultLeaderEventPublisher(events)));
    }
}
