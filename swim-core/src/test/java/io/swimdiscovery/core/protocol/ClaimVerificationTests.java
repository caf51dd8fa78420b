package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.MS;
import static io.swimdiscovery.core.protocol.EngineFixture.alive;
import static io.swimdiscovery.core.protocol.EngineFixture.destinations;
import static io.swimdiscovery.core.protocol.EngineFixture.events;
import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static io.swimdiscovery.core.protocol.EngineFixture.left;
import static io.swimdiscovery.core.protocol.EngineFixture.suspect;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.Nack;
import io.swimdiscovery.core.protocol.Message.Ping;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Verify before you route: news only its subject may issue, heard from a third party, changes what
 * readers see only once the subject confirmed it at the announced address and uid.
 */
class ClaimVerificationTests {

    private final EngineFixture f = new EngineFixture();
    private final SwimInstance instance = f.instance;
    private final MemberId x = id("x", 1);
    private final MemberId y = id("y", 1);
    private final long wait = 2 * f.settings.probeTimeout().toNanos();

    /** The verification ping in {@code out}: the only datagram to {@code to}. */
    private static Ping check(List<Directive> out, MemberId to) {
        Ping ping = EngineFixture.pingTo(out, to);
        assertThat(ping.targetUid()).isEqualTo(to.uid());
        return ping;
    }

    @Test
    void aNewMemberInItsOwnWord_isListedAtOnce() {
        instance.start(0);
        List<Directive> out = f.push(x, 0, alive(x, 0));
        assertThat(events(out))
                .singleElement()
                .isInstanceOfSatisfying(
                        MembershipEvent.MemberJoined.class,
                        e -> assertThat(e.member().id()).isEqualTo(x));
        assertThat(destinations(out)).doesNotContain(x.address());
        assertThat(instance.members()).extracting(Member::name).containsExactlyInAnyOrder("me", "x");
    }

    @Test
    void aNewMemberHeardFromAThirdParty_isListedOnlyOnceItAcksTheCheck() {
        f.learn(y);
        List<Directive> out = f.push(y, 0, alive(x, 0));
        assertThat(events(out)).isEmpty();
        assertThat(f.member("x")).isEmpty();
        Ping ping = check(out, x);
        assertThat(ping.gossip().get(0))
                .as("the claim goes first, for the subject to correct")
                .isEqualTo(alive(x, 0));
        List<Directive> acked = instance.onMessage(x.address(), new Ack(ping.sequence(), List.of()), 10 * MS);
        assertThat(events(acked)).singleElement().isInstanceOf(MembershipEvent.MemberJoined.class);
        assertThat(f.statusOf("x")).isEqualTo(MemberStatus.ALIVE);
        assertThat(instance.counters().claimsVerified()).isEqualTo(1);
    }

    @Test
    void anAckCarryingAnotherRecordOfTheSubject_refutesTheClaim_andThatRecordIsTaken() {
        f.learn(x, y);
        Gossip claim = new Gossip(x, MemberStatus.ALIVE, 20, Map.of("port", "666"), null);
        Ping ping = check(f.push(y, 0, claim), x);
        Gossip own = new Gossip(x, MemberStatus.ALIVE, 1, Map.of("port", "8080"), null);
        List<Directive> out = instance.onMessage(x.address(), new Ack(ping.sequence(), List.of(own)), 10 * MS);
        assertThat(f.rejected(NewsRejection.REFUTED_CLAIM)).isEqualTo(1);
        assertThat(f.member("x").orElseThrow()).satisfies(m -> {
            assertThat(m.incarnation()).isEqualTo(1);
            assertThat(m.metadata()).containsEntry("port", "8080");
        });
        assertThat(events(out)).singleElement().isInstanceOf(MembershipEvent.MemberUpdated.class);
    }

    @Test
    void aNotMeNackFromTheClaimedAddress_refutesTheClaim() {
        f.learn(y);
        Ping ping = check(f.push(y, 0, alive(x, 0)), x);
        List<Directive> out = instance.onMessage(x.address(), new Nack(ping.sequence(), List.of()), 10 * MS);
        assertThat(events(out)).isEmpty();
        assertThat(f.member("x")).isEmpty();
        assertThat(f.rejected(NewsRejection.REFUTED_CLAIM)).isEqualTo(1);
    }

    @Test
    void aClaimNobodyAnswers_isDroppedAsUnverified_afterTwoProbeTimeouts() {
        f.learn(y);
        f.push(y, 0, alive(x, 0));
        instance.onTick(wait - MS);
        assertThat(f.rejected(NewsRejection.UNVERIFIED)).isZero();
        List<Directive> out = instance.onTick(wait);
        assertThat(f.rejected(NewsRejection.UNVERIFIED)).isEqualTo(1);
        assertThat(events(out)).isEmpty();
        assertThat(f.member("x")).isEmpty();
    }

    @Test
    void oneClaimPerNameIsCheckedAtATime() {
        f.learn(y);
        List<Directive> first = f.push(y, 0, alive(x, 0));
        List<Directive> second = f.push(y, MS, alive(x, 0));
        check(first, x);
        assertThat(destinations(second)).doesNotContain(x.address());
    }

    @Test
    void aThirdPartysRefutationOfASuspicion_isTakenAtOnce_withoutACheck() {
        f.learn(x, y);
        f.push(y, 0, suspect(x, 0, "y"));
        List<Directive> out = f.push(y, MS, alive(x, 1));
        assertThat(events(out)).singleElement().isInstanceOf(MembershipEvent.MemberRecovered.class);
        assertThat(destinations(out)).doesNotContain(x.address());
        assertThat(f.member("x").orElseThrow().incarnation()).isEqualTo(1);
    }

    @Test
    void aThirdPartysIncarnationJumpBeyondTheRefutationWindow_isChecked() {
        f.learn(x, y);
        List<Directive> out = f.push(y, 0, alive(x, Membership.REFUTATION_WINDOW + 1));
        check(out, x);
        assertThat(f.member("x").orElseThrow().incarnation()).isZero();
    }

    @Test
    void aThirdPartysLeaveOfASilentMember_isTakenWhenTheCheckGoesUnanswered() {
        f.learn(x, y);
        check(f.push(y, 0, left(x, 0)), x);
        assertThat(events(instance.onTick(wait - MS))).isEmpty();
        assertThat(f.statusOf("x")).isEqualTo(MemberStatus.ALIVE);
        List<Directive> out = instance.onTick(wait);
        assertThat(events(out)).singleElement().isInstanceOf(MembershipEvent.MemberLeft.class);
        assertThat(f.statusOf("x")).isEqualTo(MemberStatus.LEFT);
    }

    @Test
    void aLeaveSentByTheMemberItself_isTakenAtOnce() {
        f.learn(x, y);
        List<Directive> out = f.push(x, 0, left(x, 0));
        assertThat(events(out)).singleElement().isInstanceOf(MembershipEvent.MemberLeft.class);
        assertThat(destinations(out)).doesNotContain(x.address());
    }
}
