package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.MS;
import static io.swimdiscovery.core.protocol.EngineFixture.SECOND;
import static io.swimdiscovery.core.protocol.EngineFixture.alive;
import static io.swimdiscovery.core.protocol.EngineFixture.dead;
import static io.swimdiscovery.core.protocol.EngineFixture.events;
import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static io.swimdiscovery.core.protocol.EngineFixture.left;
import static io.swimdiscovery.core.protocol.EngineFixture.of;
import static io.swimdiscovery.core.protocol.EngineFixture.suspect;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.Ping;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dead is final for a peer's uid: no later news of that uid brings it back, while a new process
 * of the same name replaces it (at once in its own word, after a check when heard from others).
 */
class PeerDeathTests {

    private final EngineFixture f = new EngineFixture();
    private final SwimInstance instance = f.instance;
    private final MemberId x = id("x", 1000);
    private final MemberId y = id("y", 1);
    private final long retention = f.settings.deadMemberRetention().toNanos();

    /** y suspects x, then reports it dead: x is dead here. */
    private void killX(long now) {
        f.push(y, now, suspect(x, 0, "y"));
        f.push(y, now, dead(x, 0));
        assertThat(f.statusOf("x")).isEqualTo(MemberStatus.DEAD);
    }

    @Test
    void deadReportedByOthersOfAMemberAliveHere_isOnlyASuspicion_andTheMemberIsProbedNext() {
        f.learn(x, y);
        List<Directive> out = f.push(y, 0, dead(x, 0));
        assertThat(events(out)).singleElement().isInstanceOf(MembershipEvent.MemberSuspected.class);
        assertThat(f.firstProbe(0).to()).isEqualTo(x.address());
    }

    @Test
    void aDeadPeer_neverComesBackUnderItsUid_notEvenInItsOwnWord_norAfterItsTombstoneWent() {
        f.learn(x, y);
        killX(0);
        assertThat(events(f.push(x, SECOND, alive(x, 5)))).isEmpty();
        assertThat(f.statusOf("x")).isEqualTo(MemberStatus.DEAD);
        instance.onTick(retention + SECOND);
        assertThat(f.member("x")).as("tombstone gone").isEmpty();
        List<Directive> out = f.push(x, retention + 2 * SECOND, alive(x, 6));
        assertThat(events(out)).isEmpty();
        assertThat(f.member("x")).isEmpty();
        assertThat(f.rejected(NewsRejection.STALE_UID)).isEqualTo(1);
    }

    @Test
    void aTombstoneIsForgottenAfterTheDeadMemberRetention_notBefore() {
        f.learn(x, y);
        killX(SECOND);
        instance.onTick(SECOND + retention - SECOND / 10);
        assertThat(f.member("x")).isPresent();
        instance.onTick(SECOND + retention);
        assertThat(f.member("x")).isEmpty();
    }

    @Test
    void aRestartAnnouncedByTheProcessItself_replacesTheOldUidAtOnce_evenWithASmallerUid() {
        f.learn(x, y);
        MemberId restarted = new MemberId("x", x.address(), 5);
        List<Directive> out = f.push(restarted, SECOND, alive(restarted, 0));
        assertThat(events(out))
                .extracting(e ->
                        e.getClass().getSimpleName() + "/" + e.member().id().uid())
                .containsExactly("MemberFailed/1000", "MemberJoined/5");
        assertThat(f.member("x").orElseThrow().id()).isEqualTo(restarted);
        // The old process's late datagrams change nothing.
        assertThat(events(f.push(x, 2 * SECOND, alive(x, 1)))).isEmpty();
        assertThat(f.rejected(NewsRejection.STALE_UID)).isEqualTo(1);
        assertThat(f.member("x").orElseThrow().id()).isEqualTo(restarted);
    }

    @Test
    void aRestartHeardFromOthers_replacesTheOldUidOnceTheNewProcessAnswers() {
        f.learn(x, y);
        MemberId restarted = new MemberId("x", x.address(), 5);
        List<Directive> out = f.push(y, SECOND, alive(restarted, 0));
        assertThat(events(out)).isEmpty();
        assertThat(f.member("x").orElseThrow().id()).isEqualTo(x);
        Ping check = of(out, Directive.Send.class).stream()
                .map(Directive.Send::message)
                .map(Ping.class::cast)
                .filter(p -> p.targetUid() == 5)
                .findFirst()
                .orElseThrow();
        List<Directive> acked = instance.onMessage(x.address(), new Ack(check.sequence(), List.of()), SECOND + MS);
        assertThat(events(acked))
                .extracting(e ->
                        e.getClass().getSimpleName() + "/" + e.member().id().uid())
                .containsExactly("MemberFailed/1000", "MemberJoined/5");
    }

    @Test
    void aRestartElsewhereInItsOwnWord_replacesTheOldUidOnlyOnceTheOldOneIsSilent() {
        f.learn(x, y);
        MemberId moved = new MemberId("x", new Address("10.1.2.3", 7946), 5);
        List<Directive> out = f.push(moved, SECOND, alive(moved, 0));
        assertThat(events(out)).isEmpty();
        Ping toNew = pingTo(out, moved);
        List<Directive> newAnswered =
                instance.onMessage(moved.address(), new Ack(toNew.sequence(), List.of()), SECOND + MS);
        assertThat(events(newAnswered)).isEmpty();
        pingTo(newAnswered, x); // now the old uid must be silent
        List<Directive> later =
                instance.onTick(SECOND + MS + 2 * f.settings.probeTimeout().toNanos());
        assertThat(events(later))
                .extracting(e ->
                        e.getClass().getSimpleName() + "/" + e.member().id().uid())
                .containsExactly("MemberFailed/1000", "MemberJoined/5");
        assertThat(f.member("x").orElseThrow().address()).isEqualTo(moved.address());
    }

    @Test
    void deadThenLeft_andLeftThenDead_endInTheSameState_alsoAfterTheTombstonesGo() {
        EngineFixture deadFirst = new EngineFixture();
        EngineFixture leftFirst = new EngineFixture();
        deadFirst.learn(x, y);
        leftFirst.learn(x, y);
        deadFirst.push(y, 0, suspect(x, 0, "y"));
        deadFirst.push(y, 0, dead(x, 0));
        deadFirst.push(x, 0, left(x, 0));
        leftFirst.push(y, 0, suspect(x, 0, "y"));
        leftFirst.push(x, 0, left(x, 0));
        leftFirst.push(y, 0, dead(x, 0));
        assertThat(deadFirst.member("x").orElseThrow().status()).isEqualTo(MemberStatus.LEFT);
        assertThat(view(deadFirst)).isEqualTo(view(leftFirst));

        long after = retention + SECOND;
        deadFirst.tickAcking(0, after, 100 * MS);
        leftFirst.tickAcking(0, after, 100 * MS);
        assertThat(deadFirst.member("x")).isEmpty();
        assertThat(view(deadFirst)).isEqualTo(view(leftFirst));
        deadFirst.push(x, after, alive(x, 0));
        leftFirst.push(x, after, alive(x, 0));
        assertThat(view(deadFirst)).as("a late datagram of the ended uid").isEqualTo(view(leftFirst));
        assertThat(deadFirst.member("x")).isEmpty();
        assertThat(deadFirst.rejected(NewsRejection.STALE_UID)).isEqualTo(leftFirst.rejected(NewsRejection.STALE_UID));
    }

    @Test
    void aMemberThatLeft_isNeverAReconnectCandidate_whicheverOrderTheNewsCameIn() {
        EngineFixture deadFirst = new EngineFixture();
        deadFirst.learn(x, y);
        deadFirst.push(y, 0, suspect(x, 0, "y"));
        deadFirst.push(y, 0, dead(x, 0));
        deadFirst.push(x, 0, left(x, 0));
        for (long t = 0; t <= 60 * SECOND; t += 100 * MS) {
            List<Directive> out = deadFirst.instance.onTick(t);
            assertThat(of(out, Directive.SendReliable.class))
                    .as("at %d ms", t / MS)
                    .noneMatch(r -> r.to().equals(x.address()));
            for (Directive.Send s : of(out, Directive.Send.class)) {
                if (s.message() instanceof Ping p && s.to().equals(y.address())) {
                    deadFirst.instance.onMessage(y.address(), new Ack(p.sequence(), List.of()), t);
                }
            }
        }
    }

    private static Ping pingTo(List<Directive> out, MemberId target) {
        Ping ping = of(out, Directive.Send.class).stream()
                .filter(s -> s.to().equals(target.address()))
                .map(s -> (Ping) s.message())
                .findFirst()
                .orElseThrow();
        assertThat(ping.targetUid()).isEqualTo(target.uid());
        return ping;
    }

    private static List<String> view(EngineFixture f) {
        return f.instance.members().stream()
                .map(m -> m.name() + "/" + m.id().uid() + "/" + m.status() + "/" + m.incarnation() + "/" + m.metadata())
                .sorted()
                .toList();
    }
}
