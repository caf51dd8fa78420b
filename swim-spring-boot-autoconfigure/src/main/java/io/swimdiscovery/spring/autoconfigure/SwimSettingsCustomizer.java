package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.protocol.SwimSettings;

/**
 * Callback to change the engine's settings after the {@code swim.*} properties were applied, for
 * what properties cannot express (values computed at startup, for instance). Every bean of this
 * type is applied, in {@link org.springframework.core.Ordered} order.
 */
@FunctionalInterface
public interface SwimSettingsCustomizer {

    /** Changes {@code builder}, which already holds the profile's defaults and the properties. */
    void customize(SwimSettings.Builder builder);
}
