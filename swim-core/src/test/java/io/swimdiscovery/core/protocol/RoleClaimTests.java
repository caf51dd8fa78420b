package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A claim's lease runs from the send time of the newest round a quorum endorsed, never from the answers' arrival. */
class RoleClaimTests {

    static final long D = 3_000_000_000L;

    @Test
    void theLeaseEndsStepDownAfterTheSendTimeOfTheNewestRoundAQuorumEndorsed() {
        RoleClaim c = new RoleClaim(1, D, 0);
        long r0 = c.newRound(100);
        long r1 = c.newRound(800);
        c.endorsed("b", r0, 2);
        assertThat(c.isValidAt(101)).as("one of two needed endorsements").isFalse();
        c.endorsed("c", r1, 2); // c's answer to r1 also supports r0
        assertThat(c.leaseUntil()).isEqualTo(100 + D);
        c.endorsed("b", r1, 2);
        assertThat(c.leaseUntil()).isEqualTo(800 + D);
        assertThat(c.isValidAt(800 + D - 1)).isTrue();
        assertThat(c.isValidAt(800 + D)).isFalse();
    }

    @Test
    void aMemberCountsOncePerRound_andAnAnswerToAForgottenRoundIsIgnored() {
        RoleClaim c = new RoleClaim(1, D, 0);
        long first = c.newRound(0);
        for (int i = 1; i <= RoleClaim.ROUNDS; i++) {
            c.newRound(i);
        }
        c.endorsed("b", first, 1);
        assertThat(c.leaseUntil()).as("round out of the window").isEqualTo(Long.MIN_VALUE);
        RoleClaim d = new RoleClaim(1, D, 0);
        long r = d.newRound(10);
        d.endorsed("b", r, 2);
        d.endorsed("b", r, 2);
        assertThat(d.isValidAt(11)).as("the same seat twice is one endorsement").isFalse();
    }

    @Test
    void aBaseOfThreeNeedsTwo_andAChangeIsCommittedOnlyOnceAQuorumHoldsIt() {
        RoleBase base = new RoleBase();
        base.set(4, 0, List.of("a", "b", "c"));
        assertThat(base.quorum(0)).isEqualTo(2);
        assertThat(base.quorum(3)).isEqualTo(3);
        assertThat(base.isCommitted("a", 0)).isFalse();
        base.confirmedBy("b", 4, 0);
        assertThat(base.isCommitted("a", 0)).isTrue();
        base.change("d", true);
        assertThat(base.members()).containsExactly("a", "b", "c", "d");
        assertThat(base.isCommitted("a", 0))
                .as("the new version is not held yet")
                .isFalse();
        assertThat(base.adopt(4, 0, List.of("x")))
                .as("an older version is never taken")
                .isFalse();
        assertThat(base.adopt(5, 0, List.of("x"))).isTrue();
    }
}
