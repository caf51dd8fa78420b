package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.SECOND;
import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Settings that cannot work are refused with the setting named; the largest legal ones cannot overflow time. */
class SettingsValidationTests {

    @Test
    void aProbeTimeoutAsLongAsThePeriod_isRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SwimSettings.lan().toBuilder()
                        .probeTimeout(Duration.ofSeconds(1))
                        .protocolPeriod(Duration.ofSeconds(1))
                        .build())
                .withMessageContaining("probeTimeout");
    }

    @Test
    void hugeDurations_areRejected_namingTheSetting() {
        Duration tooLong = SwimSettings.MAX_DURATION.plusSeconds(1);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SwimSettings.lan().toBuilder()
                        .deadMemberRetention(tooLong)
                        .build())
                .withMessageContaining("deadMemberRetention");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SwimSettings.lan().toBuilder()
                        .pauseTolerance(Duration.ofSeconds(Long.MAX_VALUE))
                        .build())
                .withMessageContaining("pauseTolerance");
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        SwimSettings.lan().toBuilder().suspicionMultiplier(1e9).build())
                .withMessageContaining("suspicionMultiplier");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> SwimSettings.lan().toBuilder().localHealthMax(65).build())
                .withMessageContaining("localHealthMax");
    }

    @Test
    void theLargestLegalSettings_neverMakeADeadlineWrapAround() {
        Duration year = SwimSettings.MAX_DURATION;
        SwimSettings huge = SwimSettings.lan().toBuilder()
                .protocolPeriod(year)
                .probeTimeout(year.minusSeconds(1))
                .suspicionMultiplier(1000)
                .suspicionMaxTimeoutMultiplier(1000)
                .localHealthMax(64)
                .pauseTolerance(year)
                .gossipInterval(year)
                .pushPullInterval(year)
                .reconnectInterval(year)
                .deadMemberRetention(year)
                .unreachableTimeout(year)
                .goneSuspicionTimeout(year)
                .reconnectRetention(year)
                .gossipToTheDeadTime(year)
                .build();
        long start = Long.MAX_VALUE / 2; // engine time is any monotonic clock, far from zero too
        SwimInstance engine =
                new SwimInstance(huge, id("me", 1), Map.of(), new SplittableRandom(3), PacketSizer.ESTIMATE, start);
        MemberId peer = id("peer", 1);
        List<Directive> first = engine.start(start);
        engine.onMessage(peer.address(), new Message.GossipPush(peer, List.of(EngineFixture.alive(peer, 0))), start);
        List<Directive> out = engine.onMessage(
                peer.address(),
                new Message.GossipPush(peer, List.of(EngineFixture.suspect(peer, 0, "peer"))),
                start + SECOND);
        for (Directive d : first) {
            assertThat(d).isInstanceOfSatisfying(Directive.ScheduleTick.class, t -> assertThat(t.atNanos())
                    .isGreaterThanOrEqualTo(start));
        }
        for (Directive d : out) {
            if (d instanceof Directive.ScheduleTick t) {
                assertThat(t.atNanos()).isGreaterThanOrEqualTo(start);
            }
        }
        assertThat(engine.onTick(start + 2 * SECOND)).noneMatch(d -> d instanceof Directive.Publish);
        assertThat(engine.members())
                .filteredOn(m -> m.name().equals("peer"))
                .singleElement()
                .extracting(Member::status)
                .isEqualTo(MemberStatus.SUSPECT);
    }
}
