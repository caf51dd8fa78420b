package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Several engines over a lossless in-memory network: the rules work together. */
class EngineClusterTests {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final long SEED = 11;

    @Test
    void twentyMembersJoiningThroughOneSeed_allSeeEveryoneAlive() {
        TinyNetwork net = new TinyNetwork(20, SwimSettings.lan(), SEED);
        net.joinAllThrough(0);
        net.run(10 * SECOND);
        for (int observer = 0; observer < 20; observer++) {
            for (int member = 0; member < 20; member++) {
                assertThat(net.statusAt(observer, member))
                        .as("n%d sees n%d (seed %d)", observer, member, SEED)
                        .isEqualTo(MemberStatus.ALIVE);
            }
        }
    }

    @Test
    void aCrashedMember_isDeclaredDeadByEveryOther_withinTheSuspicionBound() {
        TinyNetwork net = new TinyNetwork(20, SwimSettings.lan(), SEED);
        net.joinAllThrough(0);
        net.run(10 * SECOND);
        net.crash(7);
        // Bound, from the LAN settings at n = 20: some member probes n7 within two periods (round
        // robin visits it once per pass of every prober), its probe fails at the end of that period
        // (+1 s); the suspicion timeout is at most max = 6 * 1.5 * max(1, log10 20) s = 11.7 s;
        // the dead news then reaches everyone in a few gossip intervals (< 2 s with no loss).
        // 2 + 1 + 11.7 + 2 = 16.7 s, so 17 s.
        net.run(17 * SECOND);
        for (int observer = 0; observer < 20; observer++) {
            if (observer != 7) {
                assertThat(net.statusAt(observer, 7))
                        .as("n%d sees n7 (seed %d)", observer, SEED)
                        .isEqualTo(MemberStatus.DEAD);
            }
        }
        for (int observer = 0; observer < 20; observer++) {
            for (int member = 0; member < 20; member++) {
                if (observer != 7 && member != 7) {
                    assertThat(net.statusAt(observer, member)).isEqualTo(MemberStatus.ALIVE);
                }
            }
        }
    }

    @Test
    void aLeavingMember_isDroppedByEveryOther_withoutSuspicion() {
        TinyNetwork net = new TinyNetwork(20, SwimSettings.lan(), SEED);
        net.joinAllThrough(0);
        net.run(10 * SECOND);
        net.apply(3, net.nodes.get(3).leave(net.now));
        net.run(2 * SECOND);
        assertThat(net.nodes.get(3).hasLeaveDisseminated()).isTrue();
        net.crash(3);
        net.run(30 * SECOND);
        for (int observer = 0; observer < 20; observer++) {
            if (observer == 3) {
                continue;
            }
            assertThat(net.statusAt(observer, 3)).isEqualTo(MemberStatus.LEFT);
            assertThat(net.events.get(observer))
                    .noneMatch(e -> e instanceof MembershipEvent.MemberSuspected
                            && e.member().name().equals("n3"));
            assertThat(net.events.get(observer))
                    .anyMatch(e -> e instanceof MembershipEvent.MemberLeft
                            && e.member().name().equals("n3"));
        }
    }
}
