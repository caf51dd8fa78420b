package io.swimdiscovery.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swimdiscovery.core.protocol.SwimSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsOverridesTests {

    @Test
    void setsDurationsIntegersDecimalsAndBooleansByBuilderName() {
        SwimSettings s = SettingsOverrides.apply(
                SwimSettings.lan(),
                List.of(
                        "protocolPeriod=2s",
                        "probeTimeout=750ms",
                        "indirectProbes=5",
                        "suspicionMultiplier=2.5",
                        "lifeguardEnabled=false",
                        "deadMemberRetention=PT10M"));
        assertThat(s.protocolPeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.probeTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(s.indirectProbes()).isEqualTo(5);
        assertThat(s.suspicionMultiplier()).isEqualTo(2.5);
        assertThat(s.lifeguardEnabled()).isFalse();
        assertThat(s.deadMemberRetention()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.gossipFanout()).isEqualTo(SwimSettings.lan().gossipFanout());
    }

    @Test
    void enumSettingsByNameInAnyCase() {
        SwimSettings s = SettingsOverrides.apply(SwimSettings.lan(), List.of("rejoinPolicy=stop", "pauseTolerance=3s"));
        assertThat(s.rejoinPolicy()).isEqualTo(SwimSettings.RejoinPolicy.STOP);
        assertThat(s.pauseTolerance()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> SettingsOverrides.apply(SwimSettings.lan(), List.of("rejoinPolicy=later")))
                .hasMessageContaining("setting rejoinPolicy")
                .hasMessageContaining("REJOIN");
    }

    @Test
    void laterAssignmentWins() {
        SwimSettings s = SettingsOverrides.apply(SwimSettings.wan(), List.of("gossipFanout=2", "gossipFanout=7"));
        assertThat(s.gossipFanout()).isEqualTo(7);
        assertThat(s.protocolPeriod()).isEqualTo(SwimSettings.wan().protocolPeriod());
    }

    @Test
    void everySettingOfTheBuilderIsKnown() {
        assertThat(SettingsOverrides.settingNames())
                .containsKeys(
                        "protocolPeriod",
                        "probeTimeout",
                        "suspicionMultiplier",
                        "pushPullInterval",
                        "maxPacketSize",
                        "unreachableEnabled",
                        "pauseTolerance",
                        "rejoinPolicy");
    }

    @Test
    void unknownSettingNamesTheKnownOnes() {
        assertThatThrownBy(() -> SettingsOverrides.apply(SwimSettings.lan(), List.of("protocolPeriodd=1s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown setting 'protocolPeriodd'")
                .hasMessageContaining("protocolPeriod,");
    }

    @Test
    void badValuesAndRangesAreNamed() {
        assertThatThrownBy(() -> SettingsOverrides.apply(SwimSettings.lan(), List.of("probeTimeout=fast")))
                .hasMessageContaining("setting probeTimeout: 'fast' is not a valid Duration");
        assertThatThrownBy(() -> SettingsOverrides.apply(SwimSettings.lan(), List.of("indirectProbes=three")))
                .hasMessageContaining("setting indirectProbes");
        assertThatThrownBy(() -> SettingsOverrides.apply(SwimSettings.lan(), List.of("lifeguardEnabled=yes")))
                .hasMessageContaining("setting lifeguardEnabled");
        assertThatThrownBy(() -> SettingsOverrides.apply(SwimSettings.lan(), List.of("probeTimeout=2s")))
                .hasMessageContaining("probeTimeout (PT2S)")
                .hasMessageContaining("protocolPeriod");
        assertThatThrownBy(() -> SettingsOverrides.apply(SwimSettings.lan(), List.of("noEquals")))
                .hasMessageContaining("name=value");
    }

    @Test
    void shortDurations() {
        assertThat(SettingsOverrides.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(SettingsOverrides.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(SettingsOverrides.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(SettingsOverrides.duration("pt0.25s")).isEqualTo(Duration.ofMillis(250));
    }
}
