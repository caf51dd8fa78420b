package io.swimdiscovery.spring.test;

import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.spring.autoconfigure.SwimAutoConfiguration;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.autoconfigure.SwimNodeCustomizer;
import io.swimdiscovery.spring.autoconfigure.SwimProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * Imported by {@link AutoConfigureSwimTest} only (not listed for auto-configuration): a node
 * customizer for a free loopback port and the embedded cluster's seeds, and a lifecycle that
 * lists the node in {@link EmbeddedSwimCluster} while it runs. Cached test contexts are not
 * paused: their nodes stay in the embedded cluster until the JVM ends or the context is closed.
 */
@AutoConfiguration(after = SwimAutoConfiguration.class)
@ConditionalOnBean(SwimLifecycle.class)
public final class SwimTestAutoConfiguration {

    @Bean
    SwimNodeCustomizer swimTestNodeCustomizer(SwimProperties properties) {
        return (builder) -> builder.bindHost("127.0.0.1")
                .bindPort(0)
                .advertiseHost("127.0.0.1")
                .seeds(EmbeddedSwimCluster.seeds(properties.getClusterName()));
    }

    // Spring Framework 7 pauses cached test contexts that are not in use, which would make their
    // nodes leave: the members of an embedded cluster stay up while their contexts are cached.
    @Bean
    EmbeddedClusterMembership swimEmbeddedClusterMembership(SwimLifecycle lifecycle, SwimProperties properties) {
        lifecycle.setPauseable(false);
        return new EmbeddedClusterMembership(lifecycle, properties.getClusterName());
    }

    /**
     * Lists the node right after it started (the phase after the SWIM lifecycle's) and delists it
     * before it leaves, so later contexts join through it and never through a stopped one.
     */
    static final class EmbeddedClusterMembership implements SmartLifecycle, DisposableBean {

        private final SwimLifecycle lifecycle;

        private final String clusterName;

        private volatile @Nullable Address listed;

        EmbeddedClusterMembership(SwimLifecycle lifecycle, String clusterName) {
            this.lifecycle = lifecycle;
            this.clusterName = clusterName;
        }

        @Override
        public void start() {
            SwimNode node = this.lifecycle.getNode();
            if (node != null && node.isRunning()) {
                Address address = node.localMember().address();
                EmbeddedSwimCluster.started(this.clusterName, address);
                this.listed = address;
            }
        }

        @Override
        public void stop() {
            Address address = this.listed;
            if (address != null) {
                EmbeddedSwimCluster.stopped(this.clusterName, address);
                this.listed = null;
            }
        }

        @Override
        public boolean isRunning() {
            return this.listed != null;
        }

        // A context that failed to refresh is destroyed without being stopped.
        @Override
        public void destroy() {
            stop();
        }

        @Override
        public int getPhase() {
            return SwimLifecycle.PHASE + 1;
        }

        @Override
        public boolean isPauseable() {
            return false;
        }
    }
}
