package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.FORGER;
import static io.swimdiscovery.core.protocol.EngineFixture.SECOND;
import static io.swimdiscovery.core.protocol.EngineFixture.alive;
import static io.swimdiscovery.core.protocol.EngineFixture.dead;
import static io.swimdiscovery.core.protocol.EngineFixture.events;
import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static io.swimdiscovery.core.protocol.EngineFixture.left;
import static io.swimdiscovery.core.protocol.EngineFixture.of;
import static io.swimdiscovery.core.protocol.EngineFixture.sent;
import static io.swimdiscovery.core.protocol.EngineFixture.suspect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.Nack;
import io.swimdiscovery.core.protocol.Message.Ping;
import io.swimdiscovery.core.protocol.Message.Sync;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** This member's own record: answering probes, refuting, dead is final (rejoin or stop), leaving. */
class LocalMemberTests {

    private final EngineFixture f = new EngineFixture();
    private final MemberId me = f.me;
    private final SwimInstance instance = f.instance;
    private final MemberId peer = id("peer", 1);

    private static Gossip aboutMe(List<Gossip> gossip, MemberId me) {
        return gossip.stream()
                .filter(g -> g.member().name().equals(me.name()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aPing_isAnsweredWithAnAckOfItsSequence_sentToTheDatagramSource_notToTheAddressInsideIt() {
        f.learn(peer);
        Address elsewhere = new Address("10.9.9.9", 7946);
        List<Directive> out = instance.onMessage(peer.address(), new Ping(elsewhere, 42, me.uid(), List.of()), 0);
        Directive.Send answer = of(out, Directive.Send.class).get(0);
        assertThat(answer.to()).isEqualTo(peer.address());
        assertThat(((Ack) answer.message()).sequence()).isEqualTo(42);
        assertThat(EngineFixture.destinations(out)).doesNotContain(elsewhere);
    }

    @Test
    void aPingForAnotherUidOfMyName_isAnsweredNotMe_withANackThatIsNoLargerThanThePing() {
        f.learn(peer);
        List<Directive> bare =
                instance.onMessage(peer.address(), new Ping(peer.address(), 42, me.uid() + 1, List.of()), 0);
        Directive.Send nack = of(bare, Directive.Send.class).get(0);
        assertThat(nack.to()).isEqualTo(peer.address());
        assertThat(nack.message()).isInstanceOfSatisfying(Nack.class, n -> {
            assertThat(n.sequence()).isEqualTo(42);
            assertThat(n.gossip())
                    .as("a ping without gossip gets no record back")
                    .isEmpty();
        });
        List<Directive> withGossip = instance.onMessage(
                peer.address(), new Ping(peer.address(), 43, me.uid() + 1, List.of(alive(peer, 0))), 0);
        assertThat(sent(withGossip).get(0).gossip()).singleElement().satisfies(g -> assertThat(g.member())
                .isEqualTo(me));
    }

    @Test
    void aStreamPing_isAnsweredOverAStream_onlyToAReplyAddressOnTheConnectionsHost() {
        Address sameHost = new Address(peer.address().host(), 7000);
        List<Directive> out = instance.onMessage(peer.address(), new Ping(sameHost, 42, me.uid(), List.of(), true), 0);
        assertThat(of(out, Directive.Send.class)).as("no datagram answer").isEmpty();
        Directive.SendReliable ack = of(out, Directive.SendReliable.class).get(0);
        assertThat(ack.to()).isEqualTo(sameHost);
        assertThat(((Ack) ack.message()).sequence()).isEqualTo(42);

        Address thirdHost = new Address("10.9.9.9", 7946);
        List<Directive> forged = instance.onMessage(FORGER, new Ping(thirdHost, 43, me.uid(), List.of(), true), 0);
        assertThat(EngineFixture.destinations(forged)).isEmpty();
        assertThat(f.rejected(NewsRejection.REPLY_HOST_MISMATCH)).isEqualTo(1);
    }

    @Test
    void aSuspicionOfMe_isRefutedWithTheNextIncarnation_andTheAckCarriesTheRefutation() {
        f.learn(peer);
        List<Directive> out = instance.onMessage(
                peer.address(), new Ping(peer.address(), 5, me.uid(), List.of(suspect(me, 0, "peer"))), SECOND);
        assertThat(instance.localMember().incarnation()).isEqualTo(1);
        Ack ack = (Ack) sent(out).get(0);
        assertThat(ack.gossip().get(0))
                .as("the correction goes first")
                .isEqualTo(new Gossip(me, MemberStatus.ALIVE, 1, Map.of("zone", "a"), null));
        assertThat(instance.counters().refutations()).isEqualTo(1);
        assertThat(instance.localHealth())
                .as("being suspected counts against our own health")
                .isEqualTo(1);
    }

    @Test
    void aStaleSuspicionOfMe_afterMyRefutationStoppedCirculating_isAnsweredWithMyCurrentIncarnation() {
        f.learn(peer);
        f.push(peer, 0, suspect(me, 0, "x"));
        boolean recentlySentAboutMe = false;
        for (long t = 0; t < 30 * SECOND; t += SECOND / 10) {
            boolean aboutMe = sent(instance.onTick(t)).stream()
                    .flatMap(m -> m.gossip().stream())
                    .anyMatch(g -> g.member().equals(me));
            recentlySentAboutMe = t > 20 * SECOND && (recentlySentAboutMe || aboutMe);
        }
        assertThat(recentlySentAboutMe).as("the refutation stopped circulating").isFalse();
        List<Directive> out = instance.onMessage(
                peer.address(), new Ping(peer.address(), 77, me.uid(), List.of(suspect(me, 0, "peer"))), 31 * SECOND);
        Gossip answer = aboutMe(((Ack) sent(out).get(0)).gossip(), me);
        assertThat(answer.status()).isEqualTo(MemberStatus.ALIVE);
        assertThat(answer.incarnation()).isEqualTo(1);
        assertThat(instance.counters().refutations()).as("not a new refutation").isEqualTo(1);
    }

    @Test
    void aLeftAboutMe_fromANonMember_isRefuted_andIStayAMember() {
        f.learn(peer);
        f.forged(id("forger", 9), 0, left(me, 0));
        assertThat(instance.localMember().status()).isEqualTo(MemberStatus.ALIVE);
        assertThat(instance.localMember().incarnation()).isEqualTo(1);
        assertThat(instance.counters().refutations()).isEqualTo(1);
    }

    @Test
    void deadAboutMe_fromAKnownMember_rejoinsUnderANewUid_atIncarnationZero_andSyncsToJoin() {
        f.learn(peer);
        f.push(peer, 0, suspect(me, 0, "peer")); // refuted: incarnation 1
        List<Directive> out = f.push(peer, SECOND, dead(me, 1));
        MembershipEvent.LocalMemberDeclaredDead event =
                (MembershipEvent.LocalMemberDeclaredDead) events(out).get(0);
        assertThat(event.rejoined()).isTrue();
        assertThat(event.previous().id()).isEqualTo(me);
        assertThat(event.member().id().uid()).isNotEqualTo(me.uid());
        Member now = instance.localMember();
        assertThat(now.id()).isEqualTo(event.member().id());
        assertThat(now.id().name()).isEqualTo(me.name());
        assertThat(now.incarnation()).isZero();
        assertThat(now.status()).isEqualTo(MemberStatus.ALIVE);
        assertThat(of(out, Directive.SendReliable.class)).anySatisfy(s -> {
            assertThat(s.to()).isEqualTo(peer.address());
            assertThat(s.message()).isInstanceOfSatisfying(Sync.class, sync -> {
                assertThat(sync.join()).isTrue();
                assertThat(sync.sender()).isEqualTo(now.id());
            });
        });
        assertThat(instance.counters().rejoins()).isEqualTo(1);
    }

    @Test
    void deadAboutMe_fromAStranger_orFromAKnownName_onAnotherHost_isOnlyASuspicion_refutedWithoutRejoining() {
        f.learn(peer);
        List<Directive> stranger = f.push(id("stranger", 5), 0, dead(me, 0));
        List<Directive> spoofed = f.forged(peer, SECOND, dead(me, 1));
        assertThat(events(stranger)).isEmpty();
        assertThat(events(spoofed)).isEmpty();
        assertThat(of(spoofed, Directive.SendReliable.class)).isEmpty();
        assertThat(instance.localMember().id()).isEqualTo(me);
        assertThat(instance.localMember().incarnation()).isEqualTo(2);
        assertThat(instance.counters().rejoins()).isZero();
    }

    @Test
    void deadAboutMe_withRejoinPolicyStop_stopsTheEngine_whichThenIgnoresEveryInput() {
        EngineFixture stopping = new EngineFixture(SwimSettings.lan().toBuilder()
                .rejoinPolicy(SwimSettings.RejoinPolicy.STOP)
                .build());
        stopping.learn(peer);
        List<Directive> out = stopping.push(peer, 0, dead(stopping.me, 0));
        assertThat(events(out))
                .singleElement()
                .isInstanceOfSatisfying(MembershipEvent.LocalMemberDeclaredDead.class, e -> {
                    assertThat(e.rejoined()).isFalse();
                    assertThat(e.member().id()).isEqualTo(stopping.me);
                });
        assertThat(stopping.instance.isStopped()).isTrue();
        assertThat(stopping.instance.onMessage(
                        peer.address(), new Ping(peer.address(), 1, stopping.me.uid(), List.of()), SECOND))
                .isEmpty();
        assertThat(stopping.instance.onTick(2 * SECOND)).isEmpty();
        assertThat(stopping.push(peer, 3 * SECOND, alive(id("newcomer", 3), 0))).isEmpty();
    }

    @Test
    void newsAboutMeThatOnlyICouldIssue_isCountedAsForged_neverAdopted_andTheAckCorrectsIt() {
        f.learn(peer);
        List<Directive> higher = instance.onMessage(FORGER, new Ping(FORGER, 1, me.uid(), List.of(alive(me, 5))), 0);
        assertThat(aboutMe(((Ack) sent(higher).get(0)).gossip(), me).incarnation())
                .as("our record first")
                .isZero();
        f.forged(peer, 0, new Gossip(me, MemberStatus.ALIVE, 0, Map.of("zone", "evil"), null));
        f.forged(peer, 0, alive(new MemberId(me.name(), FORGER, 99), 0));
        assertThat(f.rejected(NewsRejection.FORGED_SELF_NEWS)).isEqualTo(3);
        assertThat(instance.localMember()).satisfies(m -> {
            assertThat(m.id()).isEqualTo(me);
            assertThat(m.incarnation()).isZero();
            assertThat(m.metadata()).containsEntry("zone", "a");
        });
    }

    @Test
    void hugeIncarnationsAboutMe_areRejected_myIncarnationStaysSane_andIKeepAcking() {
        f.learn(peer);
        f.forged(peer, 0, suspect(me, Long.MAX_VALUE, "x"));
        f.forged(peer, 0, suspect(me, SwimInstance.MAX_INCARNATION, "x"));
        assertThat(f.rejected(NewsRejection.OUT_OF_RANGE)).isEqualTo(1);
        assertThat(f.rejected(NewsRejection.FORGED_SELF_NEWS)).isEqualTo(1);
        assertThat(instance.localMember().incarnation()).isZero();
        for (int i = 0; i < 3; i++) {
            List<Directive> out = instance.onMessage(
                    peer.address(),
                    new Ping(peer.address(), 10 + i, me.uid(), List.of(suspect(me, Long.MAX_VALUE - i, "x"))),
                    SECOND);
            assertThat(((Ack) sent(out).get(0)).sequence()).isEqualTo(10 + i);
        }
        assertThat(instance.localMember().incarnation()).isZero();
    }

    @Test
    void updateMetadata_raisesTheIncarnation_andQueuesTheNews_butRefusesTooLargeAMap() {
        instance.start(0);
        instance.updateMetadata(Map.of("zone", "b"), 0);
        assertThat(instance.localMember().incarnation()).isEqualTo(1);
        assertThat(instance.localMember().metadata()).containsEntry("zone", "b");
        assertThat(instance.gossipQueueDepth()).isEqualTo(1);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> instance.updateMetadata(Map.of("k", "x".repeat(600)), 0))
                .withMessageContaining("maxMetadataBytes");
    }

    @Test
    void leave_tellsEveryLiveMemberDirectly_andStopsProbing() {
        MemberId a = id("a", 1);
        MemberId b = id("b", 1);
        f.learn(a, b);
        List<Directive> out = instance.leave(0);
        assertThat(of(out, Directive.Send.class))
                .extracting(Directive.Send::to)
                .containsExactlyInAnyOrder(a.address(), b.address());
        assertThat(sent(out)).allSatisfy(m -> assertThat(m.gossip())
                .contains(new Gossip(me, MemberStatus.LEFT, 0, Map.of("zone", "a"), null)));
        assertThat(instance.hasLeaveDisseminated()).isFalse();
        for (long t = 0; t < 10 * SECOND; t += SECOND / 10) {
            assertThat(sent(instance.onTick(t))).noneMatch(m -> m instanceof Ping);
        }
        assertThat(instance.hasLeaveDisseminated()).isTrue();
    }

    @Test
    void everyInput_afterStart_endsWithATickScheduledWhenSomethingIsDue() {
        List<Directive> first = instance.start(0);
        assertThat(of(first, Directive.ScheduleTick.class)).singleElement().satisfies(t -> assertThat(t.atNanos())
                .isBetween(0L, SECOND));
        List<Directive> tick =
                instance.onTick(of(first, Directive.ScheduleTick.class).get(0).atNanos());
        assertThat(of(tick, Directive.ScheduleTick.class)).hasSize(1);
    }
}
