package io.swimdiscovery.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swimdiscovery.core.node.SwimNode;
import org.junit.jupiter.api.Test;

/** {@code swim.limits.*}: the node's defaults, and what the node builder is given. */
class SwimLimitsPropertiesTests {

    @Test
    void defaultsAreTheNodes() {
        SwimLimitsProperties limits = new SwimLimitsProperties();
        assertThat(limits.getMaxConcurrentSyncs()).isEqualTo(SwimNode.DEFAULT_MAX_CONCURRENT_SYNCS);
        assertThat(limits.getMaxPendingListenerEvents()).isEqualTo(SwimNode.DEFAULT_MAX_PENDING_LISTENER_EVENTS);
        assertThat(limits.getMaxQueuedDatagrams()).isEqualTo(SwimNode.DEFAULT_MAX_QUEUED_DATAGRAMS);
        assertThat(limits.getMaxQueuedDatagramBytes()).isEqualTo(SwimNode.DEFAULT_MAX_QUEUED_DATAGRAM_BYTES);
    }

    @Test
    void theBoundsReachTheNodeBuilder() {
        SwimLimitsProperties limits = new SwimLimitsProperties();
        limits.setMaxPendingListenerEvents(0); // the builder refuses it: proof it was handed over
        SwimNode.Builder builder = SwimNode.builder();
        limits.applyTo(builder);
        assertThatThrownBy(builder::build).hasMessageContaining("maxPendingListenerEvents");
    }
}
