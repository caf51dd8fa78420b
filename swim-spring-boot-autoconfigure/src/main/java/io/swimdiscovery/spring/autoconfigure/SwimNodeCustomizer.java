package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.node.SwimNode;

/**
 * Callback to change the node's builder just before the auto-configured {@link SwimNode} is built
 * (a listener executor of your own, extra metadata, a different seed provider). Every bean of this
 * type is applied, in {@link org.springframework.core.Ordered} order.
 */
@FunctionalInterface
public interface SwimNodeCustomizer {

    /** Changes {@code builder}, which already holds everything the {@code swim.*} properties say. */
    void customize(SwimNode.Builder builder);
}
