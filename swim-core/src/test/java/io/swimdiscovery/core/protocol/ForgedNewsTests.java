package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.FORGER;
import static io.swimdiscovery.core.protocol.EngineFixture.MS;
import static io.swimdiscovery.core.protocol.EngineFixture.SECOND;
import static io.swimdiscovery.core.protocol.EngineFixture.alive;
import static io.swimdiscovery.core.protocol.EngineFixture.destinations;
import static io.swimdiscovery.core.protocol.EngineFixture.events;
import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static io.swimdiscovery.core.protocol.EngineFixture.left;
import static io.swimdiscovery.core.protocol.EngineFixture.of;
import static io.swimdiscovery.core.protocol.EngineFixture.suspect;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.GossipPush;
import io.swimdiscovery.core.protocol.Message.Ping;
import io.swimdiscovery.core.protocol.Message.Sync;
import io.swimdiscovery.core.protocol.Message.SyncDigest;
import io.swimdiscovery.core.wire.WirePacketSizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The forgeries of issue 8 (item 5), each sent as single packets from a host that is no member's
 * and with no key: none changes what a reader of the member list sees, nor makes this node send a
 * third address more than it received.
 */
class ForgedNewsTests {

    private static final WirePacketSizer WIRE = new WirePacketSizer("swim");
    private final EngineFixture f = new EngineFixture(SwimSettings.lan(), EngineFixture.id("me", 1), WIRE);
    private final SwimInstance instance = f.instance;
    private final MemberId x = id("x", 1);
    private final MemberId y = id("y", 1);
    private final MemberId forger = new MemberId("forger", FORGER, 5);

    /** The single ping this node sends to {@code to} in {@code out}, asserting there is exactly one. */
    private static Directive.Send onlySendTo(List<Directive> out, Address to) {
        List<Directive.Send> sends = of(out, Directive.Send.class).stream()
                .filter(s -> s.to().equals(to))
                .toList();
        assertThat(sends).hasSize(1);
        assertThat(of(out, Directive.SendReliable.class)).noneMatch(r -> r.to().equals(to));
        return sends.get(0);
    }

    @Test
    void aForgedLeftOfX_leavesXListed_andXsOwnAnswerToTheCheckRefutesIt() {
        f.learn(x, y);
        List<Directive> out = f.forged(forger, SECOND, left(x, 0));
        assertThat(events(out)).isEmpty();
        assertThat(f.statusOf("x")).isEqualTo(MemberStatus.ALIVE);
        Ping check = (Ping) onlySendTo(out, x.address()).message();
        assertThat(check.gossip().get(0)).as("the claim travels to X").isEqualTo(left(x, 0));

        // X itself, hearing that it left while it has not, refutes; its answer carries the refutation.
        EngineFixture xEngine = new EngineFixture(SwimSettings.lan(), x);
        xEngine.learn(f.me);
        List<Directive> answer = xEngine.instance.onMessage(f.me.address(), check, SECOND + MS);
        Directive.Send ack = of(answer, Directive.Send.class).get(0);
        assertThat(ack.to()).isEqualTo(f.me.address());
        assertThat(xEngine.instance.localMember().status()).isEqualTo(MemberStatus.ALIVE);
        assertThat(xEngine.instance.localMember().incarnation()).isEqualTo(1);

        instance.onMessage(x.address(), ack.message(), SECOND + 2 * MS);
        assertThat(f.member("x").orElseThrow()).satisfies(m -> {
            assertThat(m.status()).isEqualTo(MemberStatus.ALIVE);
            assertThat(m.incarnation())
                    .as("X's refutation, taken as its own word")
                    .isEqualTo(1);
        });
        assertThat(f.rejected(NewsRejection.REFUTED_CLAIM)).isEqualTo(1);
        assertThat(f.tickThrough(SECOND + 10 * MS, 3 * SECOND, 10 * MS))
                .noneMatch(e -> e instanceof MembershipEvent.MemberLeft);
    }

    @Test
    void aForgedLeftThatPassesTheCheckBecauseThePingWasLost_costsXARejoin_notItsPlaceInTheList() {
        f.learn(x, y);
        f.forged(forger, 0, left(x, 0));
        List<MembershipEvent> seen = f.tickThrough(10 * MS, 2 * SECOND, 10 * MS); // the check ping was lost
        assertThat(f.statusOf("x")).isEqualTo(MemberStatus.LEFT);
        assertThat(seen).anyMatch(e -> e instanceof MembershipEvent.MemberLeft);

        // Push-pull: X gets this node's full state, which holds it as left (final for its uid).
        EngineFixture xEngine = new EngineFixture(SwimSettings.lan(), x);
        xEngine.learn(f.me, y);
        Directive.SendReliable state = of(
                        instance.onMessage(x.address(), new SyncDigest(x, 1), 2 * SECOND), Directive.SendReliable.class)
                .get(0);
        List<Directive> atX = xEngine.instance.onMessage(f.me.address(), state.message(), 2 * SECOND + MS);
        assertThat(events(atX)).anySatisfy(e -> assertThat(e)
                .isInstanceOfSatisfying(MembershipEvent.LocalMemberDeclaredDead.class, d -> assertThat(d.rejoined())
                        .isTrue()));
        MemberId newX = xEngine.instance.localMember().id();
        Directive.SendReliable rejoin = of(atX, Directive.SendReliable.class).stream()
                .filter(r -> r.to().equals(f.me.address()))
                .findFirst()
                .orElseThrow();
        instance.onMessage(x.address(), rejoin.message(), 2 * SECOND + 2 * MS);
        assertThat(f.member("x").orElseThrow()).satisfies(m -> {
            assertThat(m.id()).isEqualTo(newX);
            assertThat(m.status()).isEqualTo(MemberStatus.ALIVE);
        });
    }

    @Test
    void aForgedHigherIncarnationOfXWithAnotherAddress_isRejected_andXsTrafficStillGoesToX() {
        f.learn(x, y);
        List<Directive> out = f.forged(
                forger,
                0,
                new Gossip(
                        new MemberId("x", FORGER, x.uid()), MemberStatus.ALIVE, 1, Map.of("swim.port", "9999"), null));
        assertThat(f.rejected(NewsRejection.ADDRESS_CHANGE)).isEqualTo(1);
        assertThat(f.member("x").orElseThrow()).satisfies(m -> {
            assertThat(m.address()).isEqualTo(x.address());
            assertThat(m.incarnation()).isZero();
            assertThat(m.metadata()).isEmpty();
        });
        assertThat(destinations(out)).doesNotContain(FORGER);
        assertThat(events(out)).isEmpty();
    }

    @Test
    void aForgedNewUidOfXAtTheForgersAddress_isNotListedUntilVerified_andIsANameConflictWhenXAnswers() {
        f.learn(x, y);
        MemberId hijack = new MemberId("x", FORGER, Long.MAX_VALUE);
        List<Directive> out = f.forged(forger, 0, alive(hijack, 0));
        assertThat(events(out)).isEmpty();
        assertThat(f.member("x").orElseThrow().id()).isEqualTo(x);
        // The forger answers the check at its own address...
        Ping first = (Ping) onlySendTo(out, FORGER).message();
        assertThat(first.targetUid()).isEqualTo(Long.MAX_VALUE);
        List<Directive> afterForgerAck = instance.onMessage(FORGER, new Ack(first.sequence(), List.of()), 10 * MS);
        assertThat(events(afterForgerAck)).isEmpty();
        assertThat(f.member("x").orElseThrow().id())
                .as("still not listed: the old uid must be silent")
                .isEqualTo(x);
        // ...then the old uid is asked, and X, alive at its own address, answers.
        Ping second = (Ping) onlySendTo(afterForgerAck, x.address()).message();
        assertThat(second.targetUid()).isEqualTo(x.uid());
        List<Directive> afterXAck = instance.onMessage(x.address(), new Ack(second.sequence(), List.of()), 20 * MS);
        assertThat(events(afterXAck)).isEmpty();
        assertThat(f.rejected(NewsRejection.NAME_CONFLICT)).isEqualTo(1);
        assertThat(f.member("x").orElseThrow()).satisfies(m -> {
            assertThat(m.id()).isEqualTo(x);
            assertThat(m.status()).isEqualTo(MemberStatus.ALIVE);
        });
    }

    @Test
    void aForgedSuspicionAtAHugeIncarnation_isRejectedOrRefuted_andXsIncarnationStaysSane() {
        f.learn(x, y);
        f.forged(forger, 0, suspect(x, Long.MAX_VALUE, "forger"));
        assertThat(f.rejected(NewsRejection.OUT_OF_RANGE)).isEqualTo(1);
        List<Directive> out = f.forged(forger, 0, suspect(x, SwimInstance.MAX_INCARNATION, "forger"));
        assertThat(f.statusOf("x"))
                .as("a higher incarnation is X's to issue: a claim")
                .isEqualTo(MemberStatus.ALIVE);
        Ping check = (Ping) onlySendTo(out, x.address()).message();

        EngineFixture xEngine = new EngineFixture(SwimSettings.lan(), x);
        xEngine.learn(f.me);
        Directive.Send ack = of(xEngine.instance.onMessage(f.me.address(), check, MS), Directive.Send.class)
                .get(0);
        assertThat(xEngine.instance.localMember().incarnation()).isZero();
        assertThat(xEngine.rejected(NewsRejection.FORGED_SELF_NEWS)).isEqualTo(1);
        instance.onMessage(x.address(), ack.message(), 2 * MS);
        assertThat(f.rejected(NewsRejection.REFUTED_CLAIM)).isEqualTo(1);
        assertThat(f.member("x").orElseThrow()).satisfies(m -> {
            assertThat(m.status()).isEqualTo(MemberStatus.ALIVE);
            assertThat(m.incarnation()).isZero();
        });
    }

    @Test
    void aPhantomMemberInOneDatagram_isNotListedUntilItAnswers_andGetsOneSmallerPingAtMost() {
        f.learn(x, y); // the gossip queue now holds news a ping could piggyback
        MemberId phantom = new MemberId("phantom", new Address("10.77.0.1", 7946), 42);
        Gossip news = new Gossip(phantom, MemberStatus.ALIVE, 0, Map.of("service", "orders", "port", "8080"), null);
        GossipPush datagram = new GossipPush(forger, List.of(news));
        List<Directive> all = new ArrayList<>(instance.onMessage(FORGER, datagram, 0));
        assertThat(f.member("phantom")).isEmpty();
        for (long t = 0; t <= 10 * SECOND; t += 10 * MS) {
            all.addAll(instance.onTick(t));
        }
        assertThat(events(all)).noneMatch(e -> e.member().name().equals("phantom"));
        assertThat(f.member("phantom")).isEmpty();
        Directive.Send ping = onlySendTo(all, phantom.address());
        assertThat(WIRE.exactSizeOf(ping.message(), false))
                .as("bytes sent to the phantom's address")
                .isLessThan(WIRE.exactSizeOf(datagram, false));
        assertThat(f.rejected(NewsRejection.UNVERIFIED)).isEqualTo(1);
        assertThat(all)
                .as("never passed on")
                .noneMatch(d -> d instanceof Directive.Send s
                        && !s.to().equals(phantom.address())
                        && s.message().gossip().stream()
                                .anyMatch(g -> g.member().equals(phantom)));
    }

    @Test
    void aPhantomThatAnswersTheCheck_isListedThen() {
        instance.start(0);
        MemberId phantom = new MemberId("phantom", new Address("10.77.0.1", 7946), 42);
        List<Directive> out = f.forged(forger, 0, alive(phantom, 0));
        Ping check = (Ping) onlySendTo(out, phantom.address()).message();
        List<Directive> joined = instance.onMessage(phantom.address(), new Ack(check.sequence(), List.of()), MS);
        assertThat(events(joined)).singleElement().isInstanceOf(MembershipEvent.MemberJoined.class);
        assertThat(f.statusOf("phantom")).isEqualTo(MemberStatus.ALIVE);
    }

    @Test
    void aFloodOfPhantoms_isBounded_atMost32ChecksInFlight_andTheRestQueuedUpToItsCapOrDropped() {
        instance.start(0);
        int total = ClaimVerifier.MAX_IN_FLIGHT + ClaimVerifier.maxWaiting(f.settings) + 72;
        int pings = 0;
        for (int batch = 0; batch * 100 < total; batch++) {
            List<Gossip> news = new ArrayList<>();
            for (int i = batch * 100; i < Math.min(total, (batch + 1) * 100); i++) {
                news.add(alive(
                        new MemberId("phantom" + i, new Address("10.77." + (i >> 8) + "." + (i & 0xff), 7946), i + 1),
                        0));
            }
            pings += of(instance.onMessage(FORGER, new GossipPush(forger, news), 0), Directive.Send.class)
                    .size();
        }
        assertThat(pings).isEqualTo(ClaimVerifier.MAX_IN_FLIGHT);
        assertThat(f.rejected(NewsRejection.CLAIM_QUEUE_FULL)).isEqualTo(72);
        assertThat(instance.members()).hasSize(1);
    }

    @Test
    void membersAnnouncingThemselves_stopAtTheTableCap() {
        EngineFixture capped =
                new EngineFixture(SwimSettings.lan().toBuilder().maxMembers(3).build());
        capped.learn(x, y);
        MemberId third = id("third", 1);
        List<Directive> out = capped.push(third, 0, alive(third, 0));
        assertThat(events(out)).isEmpty();
        assertThat(capped.member("third")).isEmpty();
        assertThat(capped.rejected(NewsRejection.MEMBER_TABLE_FULL)).isEqualTo(1);
    }

    @Test
    void aForgedSyncOrDigestNamingAThirdAddress_getsNoStateSentThere() {
        f.learn(x, y);
        MemberId victim = new MemberId("victim", new Address("10.9.9.9", 7946), 3);
        List<Directive> sync = instance.onMessage(FORGER, new Sync(victim, false, true, List.of()), 0);
        List<Directive> digest = instance.onMessage(FORGER, new SyncDigest(victim, 12345), 0);
        assertThat(of(sync, Directive.SendReliable.class)).isEmpty();
        assertThat(of(digest, Directive.SendReliable.class)).isEmpty();
        assertThat(destinations(sync)).doesNotContain(victim.address());
        assertThat(f.rejected(NewsRejection.REPLY_HOST_MISMATCH)).isEqualTo(2);
    }
}
