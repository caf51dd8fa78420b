package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.SECOND;
import static io.swimdiscovery.core.protocol.EngineFixture.alive;
import static io.swimdiscovery.core.protocol.EngineFixture.dead;
import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static io.swimdiscovery.core.protocol.EngineFixture.suspect;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link SwimInstance#members()} reuses the snapshot of a member that did not change, so the
 * node's published view costs a list per rebuild, not n new members. The reuse must never show a
 * member as it was: every kind of change gives a new snapshot with the new state.
 */
class MemberSnapshotReuseTests {

    private final EngineFixture f = new EngineFixture();
    private final MemberId a = id("a", 1);
    private final MemberId b = id("b", 1);

    private Member memberA() {
        return f.member("a").orElseThrow();
    }

    @Test
    void anUnchangedMember_isTheSameSnapshotInTheNextList() {
        f.learn(a, b);
        Member first = memberA();
        f.push(b, SECOND, alive(b, 1)); // another member changes
        assertThat(memberA()).isSameAs(first);
        assertThat(f.member("b").orElseThrow().incarnation()).isEqualTo(1);
    }

    @Test
    void aNewIncarnation_showsInTheNextList() {
        f.learn(a, b);
        Member before = memberA();
        f.push(a, SECOND, alive(a, 3));
        assertThat(memberA().incarnation()).isEqualTo(3);
        assertThat(before.incarnation()).isZero();
    }

    @Test
    void newMetadata_showsInTheNextList() {
        f.learn(a, b);
        memberA();
        f.push(a, SECOND, new Gossip(a, MemberStatus.ALIVE, 1, Map.of("version", "2"), null));
        assertThat(memberA().metadata()).containsEntry("version", "2");
    }

    @Test
    void aSuspicionAndThenADeath_showInTheNextLists() {
        f.learn(a, b);
        Member alive = memberA();
        f.push(b, SECOND, suspect(a, 0, "b"));
        Member suspected = memberA();
        assertThat(suspected.status()).isEqualTo(MemberStatus.SUSPECT);
        assertThat(suspected.statusChangedAtNanos()).isGreaterThan(alive.statusChangedAtNanos());
        f.push(b, 2 * SECOND, dead(a, 0));
        assertThat(memberA().status()).isEqualTo(MemberStatus.DEAD);
    }

    @Test
    void aRestartUnderANewUid_showsTheNewUid() {
        f.learn(a, b);
        memberA();
        MemberId restarted = id("a", 2);
        f.push(restarted, SECOND, alive(restarted, 0));
        assertThat(memberA().id().uid()).isEqualTo(2);
    }

    @Test
    void anEventAfterAChange_carriesTheNewState_evenWhenTheListWasReadBefore() {
        f.learn(a, b);
        memberA();
        List<MembershipEvent> events = EngineFixture.events(f.push(b, SECOND, suspect(a, 0, "b")));
        assertThat(EngineFixture.about(events, "a"))
                .singleElement()
                .satisfies(e -> assertThat(e.member().status()).isEqualTo(MemberStatus.SUSPECT));
    }
}
