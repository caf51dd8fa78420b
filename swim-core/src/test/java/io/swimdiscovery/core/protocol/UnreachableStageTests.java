package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.MS;
import static io.swimdiscovery.core.protocol.EngineFixture.SECOND;
import static io.swimdiscovery.core.protocol.EngineFixture.about;
import static io.swimdiscovery.core.protocol.EngineFixture.alive;
import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static io.swimdiscovery.core.protocol.EngineFixture.suspect;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optional unreachable stage, and timers that belong to one episode of a member's status only. */
class UnreachableStageTests {

    private static final long UNREACHABLE_TIMEOUT = 20 * SECOND;
    private final EngineFixture f = new EngineFixture(SwimSettings.lan().toBuilder()
            .unreachableEnabled(true)
            .unreachableTimeout(Duration.ofNanos(UNREACHABLE_TIMEOUT))
            .build());
    private final MemberId a = id("a", 1);
    private final MemberId b = id("b", 1);
    private final long pauseTolerance = f.settings.pauseTolerance().toNanos();

    @Test
    void anExpiredSuspicion_leadsToUnreachable_thenDeadAfterTheUnreachableTimeout() {
        f.learn(a, b);
        f.push(b, 0, suspect(a, 0, "b"));
        // Three members: no confirmations can be expected, so the timeout is its minimum, the pause tolerance.
        List<MembershipEvent> aboutA = about(f.tickAcking(10 * MS, 30 * SECOND, 10 * MS), "a");
        assertThat(aboutA)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("MemberUnreachable", "MemberFailed");
        long unreachableAt = aboutA.get(0).member().statusChangedAtNanos();
        long deadAt = aboutA.get(1).member().statusChangedAtNanos();
        assertThat(unreachableAt).isEqualTo(pauseTolerance);
        assertThat(deadAt - unreachableAt).isEqualTo(UNREACHABLE_TIMEOUT);
    }

    @Test
    void theUnreachableTimerOfAnEarlierEpisode_doesNotFireOnALaterOne() {
        f.learn(a, b);
        f.push(b, 0, suspect(a, 0, "b"));
        List<MembershipEvent> seen = new ArrayList<>(f.tickAcking(10 * MS, pauseTolerance, 10 * MS));
        assertThat(f.statusOf("a")).isEqualTo(MemberStatus.UNREACHABLE);
        long firstUnreachable = pauseTolerance;
        long refutedAt = firstUnreachable + SECOND;
        seen.addAll(f.tickAcking(firstUnreachable + 10 * MS, refutedAt, 10 * MS));
        // a refutes (its own word), is suspected again, and becomes unreachable again 5 s later.
        seen.addAll(EngineFixture.events(f.push(a, refutedAt, alive(a, 1))));
        seen.addAll(EngineFixture.events(f.push(b, refutedAt, suspect(a, 1, "b"))));
        long secondUnreachable = refutedAt + pauseTolerance;
        long firstTimer = firstUnreachable + UNREACHABLE_TIMEOUT;
        seen.addAll(f.tickAcking(refutedAt + 10 * MS, firstTimer + SECOND, 10 * MS));
        assertThat(f.statusOf("a"))
                .as("the first episode's timer (due at %d ms) is void", firstTimer / MS)
                .isEqualTo(MemberStatus.UNREACHABLE);
        seen.addAll(f.tickAcking(firstTimer + SECOND + 10 * MS, secondUnreachable + UNREACHABLE_TIMEOUT, 10 * MS));
        List<MembershipEvent> aboutA = about(seen, "a");
        assertThat(aboutA)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly(
                        "MemberUnreachable", "MemberRecovered", "MemberSuspected", "MemberUnreachable", "MemberFailed");
        assertThat(aboutA.get(4).member().statusChangedAtNanos()).isEqualTo(secondUnreachable + UNREACHABLE_TIMEOUT);
    }
}
