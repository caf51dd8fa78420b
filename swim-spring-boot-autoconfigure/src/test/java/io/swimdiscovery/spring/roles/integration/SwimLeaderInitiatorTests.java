package io.swimdiscovery.spring.roles.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.spring.autoconfigure.SwimAutoConfiguration;
import io.swimdiscovery.spring.roles.SwimRoles;
import io.swimdiscovery.spring.roles.SwimRolesAutoConfiguration;
import io.swimdiscovery.spring.serviceregistry.SwimServiceRegistryAutoConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.integration.leader.AbstractCandidate;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.event.AbstractLeaderEvent;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.integration.leader.event.OnRevokedEvent;

/**
 * Spring Integration's leader SPI driven by SWIM roles, on a real single-node group on loopback
 * (a group of one is its own quorum): the candidate is granted, its context says leader, leader
 * events are published, and a yield revokes it.
 */
class SwimLeaderInitiatorTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withPropertyValues(
                    "spring.application.name=worker",
                    "swim.port=0",
                    "swim.bind-address=127.0.0.1",
                    "swim.leave-timeout=1s",
                    "swim.roles.enabled=true",
                    "swim.roles.formation-delay=0s",
                    "swim.roles.step-down-after=1s")
            .withConfiguration(AutoConfigurations.of(
                    SwimAutoConfiguration.class,
                    SwimServiceRegistryAutoConfiguration.class,
                    SwimRolesAutoConfiguration.class,
                    SwimLeaderInitiatorAutoConfiguration.class));

    @Test
    void aCandidateIsGrantedWithALeaderContextAndOnGrantedEventIsPublished() {
        this.contextRunner.withUserConfiguration(Recording.class).run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(SwimLeaderInitiator.class);
            RecordingCandidate candidate = context.getBean(RecordingCandidate.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> !candidate.granted.isEmpty());
            Context granted = candidate.granted.get(0);
            assertThat(granted.isLeader()).isTrue();
            assertThat(granted.getRole()).isEqualTo("nightly-report");
            assertThat(context.getBean(SwimRoles.class).isPrimary()).isTrue();
            LeaderEvents events = context.getBean(LeaderEvents.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> !events.events.isEmpty());
            assertThat(events.events.get(0)).isInstanceOf(OnGrantedEvent.class);
            assertThat(events.events.get(0).getRole()).isEqualTo("nightly-report");
            assertThat(events.events.get(0).getContext()).isSameAs(granted);
        });
    }

    @Test
    void yieldRevokesTheGrantAndItsContextIsNoLongerLeader() {
        this.contextRunner.withUserConfiguration(Recording.class).run((context) -> {
            RecordingCandidate candidate = context.getBean(RecordingCandidate.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> !candidate.granted.isEmpty());
            Context first = candidate.granted.get(0);
            first.yield();
            await().atMost(Duration.ofSeconds(20)).until(() -> !candidate.revoked.isEmpty());
            assertThat(candidate.revoked.get(0)).isSameAs(first);
            assertThat(first.isLeader()).isFalse();
            assertThat(context.getBean(LeaderEvents.class).events).anySatisfy((event) -> {
                assertThat(event).isInstanceOf(OnRevokedEvent.class);
                assertThat(event.getContext()).isSameAs(first);
            });
        });
    }

    @Test
    void backsOffWithoutACandidate() {
        this.contextRunner.run(
                (context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SwimLeaderInitiator.class));
    }

    @Test
    void backsOffWithoutSpringIntegration() {
        this.contextRunner
                .withClassLoader(new FilteredClassLoader(Candidate.class))
                .withPropertyValues("swim.auto-startup=false")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SwimLeaderInitiator.class));
    }

    @Test
    void backsOffWhenRolesAreOff() {
        this.contextRunner
                .withUserConfiguration(Recording.class)
                .withPropertyValues("swim.roles.enabled=false", "swim.auto-startup=false")
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SwimLeaderInitiator.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class Recording {

        @Bean
        RecordingCandidate candidate() {
            return new RecordingCandidate();
        }

        @Bean
        LeaderEvents leaderEvents() {
            return new LeaderEvents();
        }
    }

    /** A candidate as users write one for ZooKeeper or Kubernetes leader election. */
    static class RecordingCandidate extends AbstractCandidate {

        final List<Context> granted = new CopyOnWriteArrayList<>();

        final List<Context> revoked = new CopyOnWriteArrayList<>();

        RecordingCandidate() {
            super("worker-candidate", "nightly-report");
        }

        @Override
        public void onGranted(Context context) {
            this.granted.add(context);
        }

        @Override
        public void onRevoked(Context context) {
            this.revoked.add(context);
        }
    }

    static class LeaderEvents {

        final List<AbstractLeaderEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(AbstractLeaderEvent event) {
            this.events.add(event);
        }
    }
}
