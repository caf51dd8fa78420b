package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The endorser's promise (docs/roles.md): one claimant at a time, tokens only grow, a hold between two claimants. */
class RoleEndorsementTests {

    static final long HOLD = 3_560_000_000L;
    static final long START = 1_000_000_000_000L;
    static final long P = 11;
    static final long C = 22;

    RoleEndorsement fresh() {
        return new RoleEndorsement(HOLD, START);
    }

    @Test
    void aFreshProcessEndorsesNoOneForOneHold() {
        RoleEndorsement e = fresh();
        assertThat(e.tryEndorse(P, 1, START)).isFalse();
        assertThat(e.tryEndorse(P, 1, START + HOLD - 1)).isFalse();
        assertThat(e.tryEndorse(P, 1, START + HOLD)).isTrue();
    }

    @Test
    void anotherClaimantIsRefusedUntilTheHoldAfterTheLastAnswerRanOut() {
        RoleEndorsement e = fresh();
        long t = START + HOLD;
        assertThat(e.tryEndorse(P, 1, t)).isTrue();
        assertThat(e.tryEndorse(P, 1, t + 1_000)).as("renewal").isTrue();
        assertThat(e.tryEndorse(C, 2, t + 1_000 + HOLD - 1))
                .as("still promised to P")
                .isFalse();
        assertThat(e.tryEndorse(C, 2, t + 1_000 + HOLD)).isTrue();
        assertThat(e.currentPrimary(t + 1_000 + HOLD)).isEqualTo(C);
    }

    @Test
    void tokensOnlyGrow_butTheSameClaimantMayRenewItsOwnTokenAfterALapse() {
        RoleEndorsement e = fresh();
        long t = START + HOLD;
        assertThat(e.tryEndorse(P, 5, t)).isTrue();
        long later = t + 2 * HOLD;
        assertThat(e.tryEndorse(C, 5, later)).as("same token, other claimant").isFalse();
        assertThat(e.tryEndorse(C, 4, later)).as("lower token").isFalse();
        assertThat(e.tryEndorse(P, 5, later))
                .as("P renews its own claim after a pause")
                .isTrue();
        assertThat(e.maxToken()).isEqualTo(5);
    }

    @Test
    void aReleaseFreesAtOnce_butOnlyForTheTokenReleased() {
        RoleEndorsement e = fresh();
        long t = START + HOLD;
        e.tryEndorse(P, 3, t);
        e.released(P, 2); // a delayed release of an older claim
        assertThat(e.tryEndorse(C, 4, t + 1)).isFalse();
        e.released(P, 3);
        assertThat(e.lastPrimary()).isZero();
        assertThat(e.tryEndorse(C, 4, t + 1)).isTrue();
    }
}
