package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.FOUR;
import static io.swimdiscovery.core.protocol.EngineFixture.MS;
import static io.swimdiscovery.core.protocol.EngineFixture.SECOND;
import static io.swimdiscovery.core.protocol.EngineFixture.about;
import static io.swimdiscovery.core.protocol.EngineFixture.events;
import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static io.swimdiscovery.core.protocol.EngineFixture.nameAt;
import static io.swimdiscovery.core.protocol.EngineFixture.of;
import static io.swimdiscovery.core.protocol.EngineFixture.suspect;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.EngineFixture.FirstProbe;
import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.Nack;
import io.swimdiscovery.core.protocol.Message.Ping;
import io.swimdiscovery.core.protocol.Message.PingReq;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The probe cycle and its two kinds of evidence: silence (pause-tolerant) and "the process is gone"
 * (a refused stream ping, another process answering at the address), which a relay's ack always beats.
 */
class FailureDetectorTests {

    private final EngineFixture f = new EngineFixture();
    private final SwimInstance instance = f.instance;
    private final long timeout = f.settings.probeTimeout().toNanos();
    private final long period = f.settings.protocolPeriod().toNanos();
    private final long pauseTolerance = f.settings.pauseTolerance().toNanos();
    private final long goneTimeout = f.settings.goneSuspicionTimeout().toNanos();

    /** The probe's timeout tick: the ping-reqs and the stream ping it sends. */
    private List<Directive> timeoutOf(FirstProbe first) {
        return EngineFixture.tickOnTime(instance, first.at(), first.at() + timeout);
    }

    private static List<Directive.Send> pingReqs(List<Directive> out) {
        return of(out, Directive.Send.class).stream()
                .filter(s -> s.message() instanceof PingReq)
                .toList();
    }

    private static long when(List<MembershipEvent> events, Class<? extends MembershipEvent> type) {
        return events.stream()
                .filter(type::isInstance)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + events))
                .member()
                .statusChangedAtNanos();
    }

    @Test
    void aProbe_asksKOthersAfterTheProbeTimeout_thenSuspectsAtPeriodEnd_blamingItselfForMissingNacks() {
        FirstProbe first = f.firstProbeAmongFour();
        MemberId target = nameAt(first.to(), FOUR);
        List<Directive.Send> reqs = pingReqs(timeoutOf(first));
        assertThat(reqs).hasSize(3).allSatisfy(s -> {
            PingReq r = (PingReq) s.message();
            assertThat(r.target()).isEqualTo(target);
            assertThat(r.sequence()).isEqualTo(first.ping().sequence());
            assertThat(s.to()).isNotEqualTo(target.address());
        });
        List<Directive> atPeriodEnd = EngineFixture.tickOnTime(instance, first.at() + timeout, first.at() + period);
        assertThat(events(atPeriodEnd))
                .singleElement()
                .isInstanceOfSatisfying(MembershipEvent.MemberSuspected.class, e -> {
                    assertThat(e.member().id()).isEqualTo(target);
                    assertThat(e.raisedLocally()).isTrue();
                });
        assertThat(instance.localHealth())
                .as("three nacks missing: our own network is suspect")
                .isEqualTo(3);
    }

    @Test
    void nacksFromEveryRelay_suspectTheTargetWithoutBlamingThisNode() {
        FirstProbe first = f.firstProbeAmongFour();
        for (Directive.Send req : pingReqs(timeoutOf(first))) {
            instance.onMessage(req.to(), new Nack(first.ping().sequence(), List.of()), first.at() + 700 * MS);
        }
        assertThat(events(EngineFixture.tickOnTime(instance, first.at() + 700 * MS, first.at() + period)))
                .anySatisfy(e -> assertThat(e).isInstanceOf(MembershipEvent.MemberSuspected.class));
        assertThat(instance.localHealth()).isZero();
        assertThat(instance.counters().nacksReceived()).isEqualTo(3);
    }

    @Test
    void atTheProbeTimeout_aStreamPingGoesToTheTarget_andItsAckCountsAsTheProbesAck() {
        FirstProbe first = f.firstProbeAmongFour();
        Directive.SendReliable streamPing =
                of(timeoutOf(first), Directive.SendReliable.class).get(0);
        assertThat(streamPing.to()).isEqualTo(first.to());
        assertThat(streamPing.message()).isInstanceOfSatisfying(Ping.class, p -> {
            assertThat(p.reliable()).isTrue();
            assertThat(p.sequence()).isEqualTo(first.ping().sequence());
            assertThat(p.targetUid()).isEqualTo(first.ping().targetUid());
        });
        instance.onMessage(first.to(), new Ack(first.ping().sequence(), List.of()), first.at() + 600 * MS);
        assertThat(events(instance.onTick(first.at() + period)))
                .as("answered: no suspicion")
                .isEmpty();
        assertThat(instance.counters().probesFailed()).isZero();
    }

    @Test
    void theProbesOfASuspect_datagramAndStream_carryItsSuspicionFirst_buddySystem() {
        MemberId a = id("a", 1);
        MemberId b = id("b", 1);
        f.learn(a, b);
        f.push(b, 0, suspect(a, 0, "b"));
        FirstProbe first = f.firstProbe(0);
        assertThat(first.to()).as("the suspect is probed next").isEqualTo(a.address());
        assertThat(first.ping().gossip().get(0))
                .as("by metadata digest: the suspect knows its own metadata")
                .isEqualTo(suspect(a, 0, "me").withoutMetadata());
        Ping stream =
                (Ping) of(timeoutOf(first), Directive.SendReliable.class).get(0).message();
        assertThat(stream.gossip())
                .as("the stream ping carries the suspicion too")
                .isNotEmpty();
        assertThat(stream.gossip().get(0)).isEqualTo(suspect(a, 0, "me").withoutMetadata());
    }

    @Test
    void theAckOfAStreamPing_carriesGossip() {
        MemberId peer = id("peer", 1);
        f.learn(peer, id("other", 1));
        Address replyTo = new Address(peer.address().host(), 7000);
        List<Directive> out = instance.onMessage(peer.address(), new Ping(replyTo, 42, f.me.uid(), List.of(), true), 0);
        Ack ack = (Ack) of(out, Directive.SendReliable.class).get(0).message();
        assertThat(ack.gossip()).extracting(g -> g.member().name()).contains("other");
    }

    @Test
    void aRefusedStreamPing_thenARelayedAckOfTheSameProbeWithinTheGrace_raisesNoSuspicion() {
        FirstProbe first = f.firstProbeAmongFour();
        List<Directive> atTimeout = timeoutOf(first);
        Directive.SendReliable streamPing =
                of(atTimeout, Directive.SendReliable.class).get(0);
        long refusedAt = first.at() + timeout + MS;
        assertThat(events(instance.onConnectionRefused(streamPing.to(), streamPing.message(), refusedAt)))
                .isEmpty();
        Address relay = pingReqs(atTimeout).get(0).to();
        instance.onMessage(relay, new Ack(first.ping().sequence(), List.of()), refusedAt + 100 * MS);
        List<MembershipEvent> later = f.tickThrough(refusedAt, first.at() + 5 * SECOND, 10 * MS);
        assertThat(about(later, nameAt(first.to(), FOUR).name())).isEmpty();
        assertThat(instance.counters().probesAckedIndirectly()).isEqualTo(1);
    }

    @Test
    void aRefusedStreamPing_withEveryRelayNacking_suspectsAtOnce_andDeclaresDeadAfterTheGoneTimeout() {
        FirstProbe first = f.firstProbeAmongFour();
        MemberId target = nameAt(first.to(), FOUR);
        List<Directive> atTimeout = timeoutOf(first);
        Directive.SendReliable streamPing =
                of(atTimeout, Directive.SendReliable.class).get(0);
        instance.onConnectionRefused(streamPing.to(), streamPing.message(), first.at() + timeout + MS);
        List<Directive.Send> reqs = pingReqs(atTimeout);
        long lastNack = first.at() + timeout + 20 * MS;
        List<MembershipEvent> seen = new java.util.ArrayList<>();
        for (Directive.Send req : reqs) {
            seen.addAll(
                    events(instance.onMessage(req.to(), new Nack(first.ping().sequence(), List.of()), lastNack)));
        }
        assertThat(seen).singleElement().isInstanceOf(MembershipEvent.MemberSuspected.class);
        seen.addAll(f.tickThrough(lastNack + 10 * MS, lastNack + 2 * SECOND, 10 * MS));
        List<MembershipEvent> aboutTarget = about(seen, target.name());
        assertThat(aboutTarget)
                .extracting(e -> e.getClass().getSimpleName())
                .as("suspected once, not again at period end")
                .containsExactly("MemberSuspected", "MemberFailed");
        long deadAt = when(aboutTarget, MembershipEvent.MemberFailed.class);
        assertThat(deadAt - lastNack).isBetween(goneTimeout, goneTimeout + 10 * MS);
    }

    @Test
    void aRefusedStreamPing_withNoRelayAnswering_suspectsWhenTheGraceEnds_beforeThePeriodDoes() {
        FirstProbe first = f.firstProbeAmongFour();
        MemberId target = nameAt(first.to(), FOUR);
        Directive.SendReliable streamPing =
                of(timeoutOf(first), Directive.SendReliable.class).get(0);
        long refusedAt = first.at() + timeout + 10 * MS;
        instance.onConnectionRefused(streamPing.to(), streamPing.message(), refusedAt);
        List<MembershipEvent> seen = f.tickThrough(refusedAt, first.at() + period - 10 * MS, 10 * MS);
        long grace = (period - timeout) / 2;
        assertThat(when(about(seen, target.name()), MembershipEvent.MemberSuspected.class) - refusedAt)
                .isBetween(grace, grace + 10 * MS);
        assertThat(events(instance.onConnectionRefused(streamPing.to(), streamPing.message(), refusedAt + grace)))
                .as("a second refusal changes nothing")
                .isEmpty();
    }

    @Test
    void aLocalSendFailure_neverCountsAgainstTheTarget_itsSilenceIsTreatedAsSilence() {
        FirstProbe first = f.firstProbeAmongFour();
        MemberId target = nameAt(first.to(), FOUR);
        Directive.SendReliable streamPing =
                of(timeoutOf(first), Directive.SendReliable.class).get(0);
        List<Directive> failed =
                instance.onReliableSendFailed(streamPing.to(), streamPing.message(), first.at() + timeout + MS);
        assertThat(events(failed)).isEmpty();
        List<MembershipEvent> seen =
                f.tickThrough(first.at() + timeout + 10 * MS, first.at() + period + 4 * SECOND, 10 * MS);
        List<MembershipEvent> aboutTarget = about(seen, target.name());
        assertThat(aboutTarget).extracting(e -> e.getClass().getSimpleName()).containsExactly("MemberSuspected");
        assertThat(when(aboutTarget, MembershipEvent.MemberSuspected.class)).isEqualTo(first.at() + period);
    }

    @Test
    void aNotMeNackFromTheTargetsOwnAddress_suspectsAtOnce_withTheShortGoneDeadline() {
        FirstProbe first = f.firstProbeAmongFour();
        MemberId target = nameAt(first.to(), FOUR);
        long at = first.at() + 100 * MS;
        List<MembershipEvent> seen = new java.util.ArrayList<>(events(
                instance.onMessage(target.address(), new Nack(first.ping().sequence(), List.of()), at)));
        assertThat(seen).singleElement().isInstanceOf(MembershipEvent.MemberSuspected.class);
        seen.addAll(f.tickThrough(at + 10 * MS, at + 3 * SECOND, 10 * MS));
        long deadAt = when(about(seen, target.name()), MembershipEvent.MemberFailed.class);
        assertThat(deadAt - at).isBetween(goneTimeout, goneTimeout + 10 * MS);
    }

    @Test
    void silence_suspectsAtPeriodEnd_andDeclaresDeadNoSoonerThanThePauseToleranceLater() {
        MemberId peer = id("peer", 1);
        f.learn(peer);
        FirstProbe first = f.firstProbe(0);
        List<MembershipEvent> seen = f.tickThrough(first.at() + 10 * MS, first.at() + 10 * SECOND, 10 * MS);
        long suspectedAt = when(seen, MembershipEvent.MemberSuspected.class);
        long deadAt = when(seen, MembershipEvent.MemberFailed.class);
        assertThat(suspectedAt).isEqualTo(first.at() + period);
        // Two members: no confirmations expected, so the timeout is its minimum, the pause tolerance
        // (5 s > 1.5 * log10(2) periods).
        assertThat(deadAt - suspectedAt).isBetween(pauseTolerance, pauseTolerance + 10 * MS);
    }

    @Test
    void aSuspicionHeardOfAMember_makesThisNodeProbeItNext() {
        MemberId[] peers = new MemberId[5];
        for (int i = 0; i < peers.length; i++) {
            peers[i] = id("p" + i, 1);
        }
        f.learn(peers);
        // Six members: the share of hearers that check, 2K + 2 = 6, exceeds the four others.
        f.push(peers[0], 0, suspect(peers[3], 0, "p0"));
        assertThat(f.firstProbe(0).to()).isEqualTo(peers[3].address());
    }

    @Test
    void localHealth_neverExceedsItsMaximumMinusOne() {
        int max = 4;
        EngineFixture small = new EngineFixture(
                SwimSettings.lan().toBuilder().localHealthMax(max).build());
        small.learn(FOUR);
        int highest = 0;
        for (long t = 0; t < 60 * SECOND; t += 10 * MS) {
            small.instance.onTick(t); // nobody ever answers: every probe fails, every nack is missing
            highest = Math.max(highest, small.instance.localHealth());
        }
        assertThat(highest).isEqualTo(max - 1);
    }

    @Test
    void theProbeTimeoutAndPeriod_scaleWithLocalHealth() {
        FirstProbe first = f.firstProbeAmongFour();
        timeoutOf(first);
        EngineFixture.tickOnTime(
                instance, first.at() + timeout, first.at() + period); // three missing nacks: health 3, timeouts x4
        assertThat(instance.localHealth()).isEqualTo(3);
        FirstProbe next = new FirstProbe(first.at() + period, null, null);
        List<Directive> early = EngineFixture.tickOnTime(instance, next.at(), next.at() + timeout);
        assertThat(pingReqs(early)).as("the timeout is now 4 x 500 ms").isEmpty();
        assertThat(pingReqs(EngineFixture.tickOnTime(instance, next.at() + timeout, next.at() + 4 * timeout)))
                .isNotEmpty();
    }
}
