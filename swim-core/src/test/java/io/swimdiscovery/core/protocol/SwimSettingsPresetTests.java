package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The presets say what they are: memberlist's values, and the LAN preset's documented differences. */
class SwimSettingsPresetTests {

    @Test
    void theMemberlistPresetHoldsMemberlistsDefaultLanConfig() {
        SwimSettings m = SwimSettings.memberlist();

        assertThat(m.protocolPeriod()).isEqualTo(Duration.ofSeconds(1)); // ProbeInterval
        assertThat(m.probeTimeout()).isEqualTo(Duration.ofMillis(500)); // ProbeTimeout
        assertThat(m.indirectProbes()).isEqualTo(3); // IndirectChecks
        assertThat(m.suspicionMultiplier()).isEqualTo(4.0); // SuspicionMult
        assertThat(m.suspicionMaxTimeoutMultiplier()).isEqualTo(6); // SuspicionMaxTimeoutMult
        assertThat(m.suspicionConfirmations()).isEqualTo(2); // SuspicionMult - 2
        assertThat(m.gossipInterval()).isEqualTo(Duration.ofMillis(200)); // GossipInterval
        assertThat(m.gossipFanout()).isEqualTo(3); // GossipNodes
        assertThat(m.pushPullInterval()).isEqualTo(Duration.ofSeconds(30)); // PushPullInterval
        assertThat(m.retransmitMultiplier()).isEqualTo(4); // RetransmitMult
        assertThat(m.gossipToTheDeadTime()).isEqualTo(Duration.ofSeconds(30)); // GossipToTheDeadTime
        assertThat(m.localHealthMax()).isEqualTo(8); // AwarenessMaxMultiplier
        assertThat(m.lifeguardEnabled()).isTrue();
        assertThat(m.pauseTolerance()).as("memberlist has no pause floor").isZero();
        assertThat(m.goneSuspicionTimeout())
                .as("nor a shortcut when the process is gone")
                .isGreaterThanOrEqualTo(Duration.ofDays(1));
    }

    /**
     * If this fails, a default changed: update the javadoc of {@link SwimSettings#lan()}, which
     * names the values in which the LAN preset differs from memberlist's.
     */
    @Test
    void theLanPresetDiffersFromMemberlistOnlyWhereItsJavadocSays() {
        Map<String, Object> lan = values(SwimSettings.lan());
        Map<String, Object> memberlist = values(SwimSettings.memberlist());

        Set<String> differ = new TreeSet<>();
        lan.forEach((k, v) -> {
            if (!v.equals(memberlist.get(k))) {
                differ.add(k);
            }
        });

        assertThat(differ).containsExactly("goneSuspicionTimeout", "pauseTolerance", "suspicionMultiplier");
        assertThat(SwimSettings.lan()).isEqualTo(SwimSettings.builder().build());
    }

    private static Map<String, Object> values(SwimSettings s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("protocolPeriod", s.protocolPeriod());
        out.put("probeTimeout", s.probeTimeout());
        out.put("indirectProbes", s.indirectProbes());
        out.put("suspicionMultiplier", s.suspicionMultiplier());
        out.put("suspicionMaxTimeoutMultiplier", s.suspicionMaxTimeoutMultiplier());
        out.put("suspicionConfirmations", s.suspicionConfirmations());
        out.put("retransmitMultiplier", s.retransmitMultiplier());
        out.put("gossipInterval", s.gossipInterval());
        out.put("gossipFanout", s.gossipFanout());
        out.put("gossipToTheDeadTime", s.gossipToTheDeadTime());
        out.put("pushPullInterval", s.pushPullInterval());
        out.put("reconnectInterval", s.reconnectInterval());
        out.put("deadMemberRetention", s.deadMemberRetention());
        out.put("localHealthMax", s.localHealthMax());
        out.put("lifeguardEnabled", s.lifeguardEnabled());
        out.put("unreachableEnabled", s.unreachableEnabled());
        out.put("unreachableTimeout", s.unreachableTimeout());
        out.put("maxPacketSize", s.maxPacketSize());
        out.put("maxMetadataBytes", s.maxMetadataBytes());
        out.put("pauseTolerance", s.pauseTolerance());
        out.put("goneSuspicionTimeout", s.goneSuspicionTimeout());
        out.put("reconnectRetention", s.reconnectRetention());
        out.put("maxMembers", s.maxMembers());
        out.put("rejoinPolicy", s.rejoinPolicy());
        return out;
    }
}
