package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.FORGER;
import static io.swimdiscovery.core.protocol.EngineFixture.FOUR;
import static io.swimdiscovery.core.protocol.EngineFixture.MS;
import static io.swimdiscovery.core.protocol.EngineFixture.SECOND;
import static io.swimdiscovery.core.protocol.EngineFixture.destinations;
import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static io.swimdiscovery.core.protocol.EngineFixture.of;
import static io.swimdiscovery.core.protocol.EngineFixture.sent;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.EngineFixture.FirstProbe;
import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.Nack;
import io.swimdiscovery.core.protocol.Message.Ping;
import io.swimdiscovery.core.protocol.Message.PingReq;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay side of an indirect probe: only for members about members, answers to the asker's source, nacks in time. */
class RelayTests {

    private final EngineFixture f = new EngineFixture();
    private final SwimInstance instance = f.instance;
    private final MemberId requester = id("requester", 1);
    private final MemberId target = id("target", 1);

    @Test
    void aPingReqFromAMemberAboutAMember_pingsTheTarget_andRelaysItsAckToTheRequestersSource() {
        f.learn(requester, target);
        Address source = new Address(requester.address().host(), 40000); // a NAT'd source port
        List<Directive> out = instance.onMessage(source, new PingReq(requester, 9, target, List.of()), 0);
        Directive.Send relayed = of(out, Directive.Send.class).get(0);
        Ping ping = (Ping) relayed.message();
        assertThat(relayed.to()).isEqualTo(target.address());
        assertThat(ping.targetUid()).isEqualTo(target.uid());
        assertThat(ping.replyTo()).isEqualTo(f.me.address());
        List<Directive> onAck = instance.onMessage(target.address(), new Ack(ping.sequence(), List.of()), SECOND / 10);
        Directive.Send forwarded = of(onAck, Directive.Send.class).get(0);
        assertThat(((Ack) forwarded.message()).sequence()).isEqualTo(9);
        assertThat(forwarded.to()).isEqualTo(source);
    }

    @Test
    void aPingReqThatGoesUnanswered_isNackedBeforeTheRequestersPeriodEnds() {
        f.learn(requester, target);
        instance.onMessage(requester.address(), new PingReq(requester, 10, target, List.of()), SECOND);
        long nackAt = nackTime(f, requester.address(), 10, SECOND);
        long timeout = f.settings.probeTimeout().toNanos();
        long period = f.settings.protocolPeriod().toNanos();
        // The requester asks at its probe timeout and stops waiting at its period end: the nack must
        // leave within period - timeout (less the way back), yet give the target a fair chance first.
        assertThat(nackAt - SECOND)
                .isLessThan(period - timeout)
                .isGreaterThanOrEqualTo(Math.min(timeout, period - timeout) / 2);
    }

    /** Ticks {@code relay} every ms from {@code from} until it nacks {@code sequence} to {@code to}. */
    private static long nackTime(EngineFixture relay, Address to, long sequence, long from) {
        for (long t = from; t < from + 10 * SECOND; t += MS) {
            for (Directive.Send s : of(relay.instance.onTick(t), Directive.Send.class)) {
                if (s.message() instanceof Nack n && n.sequence() == sequence && s.to().equals(to)) {
                    return t;
                }
            }
        }
        throw new AssertionError("no nack within 10 s");
    }

    @Test
    void withTheWanPreset_relaysNackSoonEnough_thatAProberDoesNotBlameItselfForACrash() {
        SwimSettings wan = SwimSettings.wan();
        EngineFixture prober = new EngineFixture(wan);
        FirstProbe first = prober.firstProbeAmongFour();
        long timeout = wan.probeTimeout().toNanos();
        List<Directive> atTimeout = EngineFixture.tickOnTime(prober.instance, first.at(), first.at() + timeout);
        List<Directive.Send> reqs = of(atTimeout, Directive.Send.class).stream()
                .filter(s -> s.message() instanceof PingReq)
                .toList();
        assertThat(reqs).hasSize(3);
        // Each relay is an engine with the same settings; the target has crashed, so its nack is all
        // that comes back, 10 ms of latency each way.
        long latency = 10 * MS;
        long lastNack = first.at() + timeout;
        for (Directive.Send req : reqs) {
            EngineFixture relay = new EngineFixture(wan, EngineFixture.nameAt(req.to(), FOUR));
            MemberId crashed = ((PingReq) req.message()).target();
            relay.learn(prober.me, crashed);
            long receivedAt = first.at() + timeout + latency;
            relay.instance.onMessage(prober.me.address(), req.message(), receivedAt);
            long nackAt = nackTime(relay, prober.me.address(), first.ping().sequence(), receivedAt);
            prober.instance.onMessage(req.to(), new Nack(first.ping().sequence(), List.of()), nackAt + latency);
            lastNack = Math.max(lastNack, nackAt + latency);
        }
        EngineFixture.tickOnTime(
                prober.instance, lastNack, first.at() + wan.protocolPeriod().toNanos());
        assertThat(prober.instance.counters().nacksReceived()).isEqualTo(3);
        assertThat(prober.instance.counters().probesFailed()).isEqualTo(1);
        assertThat(prober.instance.localHealth())
                .as("every relay answered in time")
                .isZero();
    }

    @Test
    void aPingReqFromANonMember_orAboutANonMember_orAnotherUid_isRefused_andNothingIsSent() {
        f.learn(requester, target);
        MemberId stranger = id("stranger", 1);
        List<Directive> fromStranger = instance.onMessage(FORGER, new PingReq(stranger, 1, target, List.of()), 0);
        List<Directive> aboutStranger =
                instance.onMessage(requester.address(), new PingReq(requester, 2, stranger, List.of()), 0);
        List<Directive> otherUid = instance.onMessage(
                requester.address(), new PingReq(requester, 3, new MemberId("target", FORGER, 77), List.of()), 0);
        assertThat(destinations(fromStranger)).isEmpty();
        assertThat(destinations(aboutStranger)).isEmpty();
        assertThat(destinations(otherUid)).isEmpty();
        assertThat(f.rejected(NewsRejection.UNKNOWN_RELAY_REQUEST)).isEqualTo(3);
        for (long t = 0; t <= 2 * SECOND; t += 10 * MS) {
            assertThat(destinations(instance.onTick(t))).doesNotContain(FORGER);
        }
    }

    @Test
    void aPingReqNamingAMemberAsItsSender_butSentFromAnotherHost_isRefused() {
        f.learn(requester, target);
        List<Directive> out = instance.onMessage(FORGER, new PingReq(requester, 5, target, List.of()), 0);
        assertThat(destinations(out))
                .as("neither a ping to the target nor an answer to the forger")
                .isEmpty();
        assertThat(f.rejected(NewsRejection.UNKNOWN_RELAY_REQUEST)).isEqualTo(1);
    }

    @Test
    void aPingReqNamingAMembersUidWithAnotherAddress_pingsTheAddressThisNodeHolds() {
        f.learn(requester, target);
        MemberId redirected = new MemberId(target.name(), FORGER, target.uid());
        List<Directive> out =
                instance.onMessage(requester.address(), new PingReq(requester, 4, redirected, List.of()), 0);
        assertThat(of(out, Directive.Send.class)).extracting(Directive.Send::to).containsExactly(target.address());
        assertThat(sent(out).get(0)).isInstanceOf(Ping.class);
    }
}
