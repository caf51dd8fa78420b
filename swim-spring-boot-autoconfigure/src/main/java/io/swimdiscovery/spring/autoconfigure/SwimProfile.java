package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.protocol.SwimSettings;

/**
 * Group of protocol defaults a node starts from; any {@code swim.protocol.*} property set
 * explicitly overrides the profile's value for that one parameter.
 */
public enum SwimProfile {

    /** Data-center network: 1 s protocol period, 500 ms probe timeout (memberlist's LAN defaults). */
    LAN,

    /** Links between data centers, with more latency and loss: 5 s period, 3 s probe timeout. */
    WAN,

    /** One host (loopback, tests, a laptop): fast detection, 200 ms probe timeout. */
    LOCAL;

    /** The engine's preset for this profile. */
    public SwimSettings settings() {
        if (this == WAN) {
            return SwimSettings.wan();
        }
        if (this == LOCAL) {
            return SwimSettings.local();
        }
        return SwimSettings.lan();
    }
}
