package io.swimdiscovery.spring.cluster;

import io.swimdiscovery.spring.event.SwimMembershipEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a user writes: an application with the starter's auto-configuration and nothing else, plus
 * a listener that records the membership events it receives, in order.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ClusterTestApplication {

    @Bean
    ReceivedEvents receivedEvents() {
        return new ReceivedEvents();
    }

    /** Every SWIM membership event this application received, in arrival order. */
    static class ReceivedEvents implements ApplicationListener<SwimMembershipEvent> {

        private final List<SwimMembershipEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(SwimMembershipEvent event) {
            this.events.add(event);
        }

        /** Event class names about {@code member}, in arrival order. */
        List<String> about(String member) {
            return this.events.stream()
                    .filter((event) -> event.getMember().name().equals(member))
                    .map((event) -> event.getClass().getSimpleName())
                    .toList();
        }
    }
}
