package io.swimdiscovery.spring.event;

import io.swimdiscovery.spring.autoconfigure.ConditionalOnSwimEnabled;
import io.swimdiscovery.spring.autoconfigure.SwimAutoConfiguration;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.autoconfigure.SwimProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Spring Cloud's {@code HeartbeatEvent} when the routable view changes, coalesced
 * ({@code swim.heartbeat.enabled}, {@code swim.heartbeat.interval}).
 */
@AutoConfiguration(after = SwimAutoConfiguration.class)
@ConditionalOnSwimEnabled
@ConditionalOnBean(SwimLifecycle.class)
@ConditionalOnBooleanProperty(name = "swim.heartbeat.enabled", matchIfMissing = true)
public final class SwimHeartbeatAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SwimHeartbeatPublisher swimHeartbeatPublisher(
            SwimLifecycle lifecycle, SwimProperties properties, ApplicationEventPublisher publisher) {
        return new SwimHeartbeatPublisher(
                lifecycle,
                properties.isIncludeOutOfService(),
                properties.getHeartbeat().getInterval(),
                publisher);
    }
}
