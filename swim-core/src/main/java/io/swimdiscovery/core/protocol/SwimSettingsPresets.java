package io.swimdiscovery.core.protocol;

import java.time.Duration;

/**
 * The values of the {@link SwimSettings} presets other than {@link SwimSettings#lan()} (which is
 * the builder's defaults). The public factory methods document what each preset is for and where
 * its values come from; this class only holds the values, so the value type stays short.
 */
final class SwimSettingsPresets {

    private SwimSettingsPresets() {}

    /** See {@link SwimSettings#wan()}. */
    static SwimSettings wan() {
        return SwimSettings.builder()
                .protocolPeriod(Duration.ofSeconds(5))
                .probeTimeout(Duration.ofSeconds(3))
                .suspicionMultiplier(6)
                .pushPullInterval(Duration.ofSeconds(60))
                .gossipInterval(Duration.ofMillis(500))
                .gossipFanout(4)
                .gossipToTheDeadTime(Duration.ofSeconds(60))
                .build();
    }

    /** See {@link SwimSettings#local()}. */
    static SwimSettings local() {
        return SwimSettings.builder()
                .protocolPeriod(Duration.ofSeconds(1))
                .probeTimeout(Duration.ofMillis(200))
                .suspicionMultiplier(2)
                .pushPullInterval(Duration.ofSeconds(15))
                .gossipInterval(Duration.ofMillis(100))
                .gossipToTheDeadTime(Duration.ofSeconds(15))
                .build();
    }

    /** See {@link SwimSettings#memberlist()}. */
    static SwimSettings memberlist() {
        return SwimSettings.builder()
                .protocolPeriod(Duration.ofSeconds(1))
                .probeTimeout(Duration.ofMillis(500))
                .indirectProbes(3)
                .suspicionMultiplier(4)
                .suspicionMaxTimeoutMultiplier(6)
                .suspicionConfirmations(4 - 2)
                .gossipInterval(Duration.ofMillis(200))
                .gossipFanout(3)
                .pushPullInterval(Duration.ofSeconds(30))
                .retransmitMultiplier(4)
                .gossipToTheDeadTime(Duration.ofSeconds(30))
                .localHealthMax(8)
                .pauseTolerance(Duration.ZERO)
                .goneSuspicionTimeout(SwimSettings.MAX_DURATION)
                .build();
    }
}
