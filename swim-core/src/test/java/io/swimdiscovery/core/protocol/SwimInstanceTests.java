package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.GossipPush;
import io.swimdiscovery.core.protocol.Message.Nack;
import io.swimdiscovery.core.protocol.Message.Ping;
import io.swimdiscovery.core.protocol.Message.PingReq;
import io.swimdiscovery.core.protocol.Message.Sync;
import io.swimdiscovery.core.protocol.Message.SyncDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One input, then the directives: no network, no clock, no sleeping. */
class SwimInstanceTests {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private final SwimSettings settings = SwimSettings.lan();
    private final MemberId me = id("me", 1);
    private final SwimInstance instance = new SwimInstance(settings, me, Map.of("zone", "a"), new SplittableRandom(7),
            PacketSizer.ESTIMATE, 0);

    private static MemberId id(String name, long uid) {
        return new MemberId(name, new Address("10.0.0." + (name.hashCode() & 0x7f), 7946), uid);
    }

    private static Gossip alive(MemberId m, long inc) {
        return new Gossip(m, MemberStatus.ALIVE, inc, Map.of(), null);
    }

    private static <T> List<T> of(List<Directive> directives, Class<T> type) {
        return directives.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<Message> sent(List<Directive> directives) {
        return of(directives, Directive.Send.class).stream().map(Directive.Send::message).toList();
    }

    private static List<MembershipEvent> events(List<Directive> directives) {
        return of(directives, Directive.Publish.class).stream().map(Directive.Publish::event).toList();
    }

    private List<Directive> learn(MemberId... members) {
        instance.start(0);
        List<Gossip> gossip = java.util.Arrays.stream(members).map(m -> alive(m, 0)).toList();
        return instance.onMessage(new GossipPush(members[0], gossip), 0);
    }

    @Test
    void onPing_addressedToMe_answersWithAckOfTheSameSequence() {
        MemberId peer = id("peer", 1);
        learn(peer);
        Address replyTo = new Address("10.9.9.9", 7946);
        List<Directive> out = instance.onMessage(new Ping(replyTo, 42, me.uid(), List.of()), 0);
        Ack ack = (Ack) sent(out).get(0);
        assertThat(ack.sequence()).isEqualTo(42);
        assertThat(of(out, Directive.Send.class).get(0).to()).as("the ping's reply address").isEqualTo(replyTo);
    }

    @Test
    void onPing_addressedToAnEarlierUidOfMyName_isNotAnswered() {
        MemberId peer = id("peer", 1);
        learn(peer);
        List<Directive> out = instance.onMessage(new Ping(peer.address(), 42, me.uid() + 1, List.of()), 0);
        assertThat(sent(out)).isEmpty();
    }

    @Test
    void onGossip_aboutAnUnknownAliveMember_publishesJoined() {
        MemberId peer = id("peer", 1);
        List<Directive> out = learn(peer);
        assertThat(events(out)).singleElement().isInstanceOf(MembershipEvent.MemberJoined.class);
        assertThat(instance.members()).extracting(Member::name).containsExactlyInAnyOrder("me", "peer");
    }

    @Test
    void onGossip_suspectingMe_refutesWithTheNextIncarnation_andTheAckCarriesIt() {
        MemberId peer = id("peer", 1);
        learn(peer);
        Gossip suspicion = new Gossip(me, MemberStatus.SUSPECT, 0, Map.of(), "peer");
        List<Directive> out = instance.onMessage(new Ping(peer.address(), 5, me.uid(), List.of(suspicion)), SECOND);
        assertThat(instance.localMember().incarnation()).isEqualTo(1);
        Ack ack = (Ack) sent(out).get(0);
        assertThat(ack.gossip()).anySatisfy(g -> {
            assertThat(g.member()).isEqualTo(me);
            assertThat(g.status()).isEqualTo(MemberStatus.ALIVE);
            assertThat(g.incarnation()).isEqualTo(1);
        });
        assertThat(instance.counters().refutations()).isEqualTo(1);
        assertThat(instance.localHealth()).as("being suspected counts against our own health").isEqualTo(1);
    }

    @Test
    void onPing_carryingAStaleSuspicionOfMe_afterMyRefutationStoppedCirculating_answersWithMyCurrentIncarnation() {
        MemberId peer = id("peer", 1);
        learn(peer);
        instance.onMessage(new GossipPush(peer, List.of(new Gossip(me, MemberStatus.SUSPECT, 0, Map.of(), "x"))), 0);
        // Let the refutation go out until the queue drops it: nothing about me in the last 10 s.
        boolean recentlySentAboutMe = false;
        for (long t = 0; t < 30 * SECOND; t += SECOND / 10) {
            boolean aboutMe = sent(instance.onTick(t)).stream().flatMap(m -> m.gossip().stream())
                .anyMatch(g -> g.member().equals(me));
            recentlySentAboutMe = t > 20 * SECOND ? recentlySentAboutMe || aboutMe : false;
        }
        assertThat(recentlySentAboutMe).isFalse();
        Gossip stale = new Gossip(me, MemberStatus.SUSPECT, 0, Map.of(), "peer");
        List<Directive> out = instance.onMessage(new Ping(peer.address(), 77, me.uid(), List.of(stale)), 31 * SECOND);
        Ack ack = (Ack) sent(out).get(0);
        assertThat(ack.gossip()).anySatisfy(g -> {
            assertThat(g.member()).isEqualTo(me);
            assertThat(g.status()).isEqualTo(MemberStatus.ALIVE);
            assertThat(g.incarnation()).isEqualTo(1);
        });
        assertThat(instance.counters().refutations()).as("not a new refutation").isEqualTo(1);
    }

    @Test
    void onGossip_suspicionOfAMember_makesSomeHearersProbeItNext() {
        MemberId[] peers = new MemberId[5];
        for (int i = 0; i < peers.length; i++) {
            peers[i] = id("p" + i, 1);
        }
        learn(peers);
        // Five members: every hearer checks (the share 2K+2 exceeds the others).
        instance.onMessage(new GossipPush(peers[0],
                List.of(new Gossip(peers[3], MemberStatus.SUSPECT, 0, Map.of(), "p0"))), 0);
        assertThat(firstProbe().to()).isEqualTo(peers[3].address());
    }

    @Test
    void onGossip_declaringMeDead_refutesToo() {
        MemberId peer = id("peer", 1);
        learn(peer);
        instance.onMessage(new GossipPush(peer, List.of(new Gossip(me, MemberStatus.DEAD, 3, Map.of(), null))), 0);
        assertThat(instance.localMember().incarnation()).isEqualTo(4);
        assertThat(instance.localMember().status()).isEqualTo(MemberStatus.ALIVE);
    }

    @Test
    void onGossip_aboutANewUidOfAKnownMember_failsTheOldOneAndJoinsTheNew() {
        MemberId peer = id("peer", 1);
        learn(peer);
        MemberId restarted = new MemberId("peer", peer.address(), 2);
        List<Directive> out = instance.onMessage(new GossipPush(restarted, List.of(alive(restarted, 0))), 0);
        assertThat(events(out)).hasSize(2);
        assertThat(events(out).get(0)).isInstanceOf(MembershipEvent.MemberFailed.class);
        assertThat(events(out).get(0).member().id().uid()).isEqualTo(1);
        assertThat(events(out).get(1)).isInstanceOf(MembershipEvent.MemberJoined.class);
        assertThat(events(out).get(1).member().id().uid()).isEqualTo(2);
    }

    @Test
    void onGossip_staleAliveAboutATombstonedMember_doesNotResurrectIt() {
        MemberId peer = id("peer", 1);
        MemberId other = id("other", 1);
        learn(peer, other);
        instance.onMessage(new GossipPush(other, List.of(new Gossip(peer, MemberStatus.DEAD, 0, Map.of(), null))), 0);
        List<Directive> out = instance.onMessage(new GossipPush(other, List.of(alive(peer, 0))), 0);
        assertThat(events(out)).isEmpty();
        assertThat(instance.members()).filteredOn(m -> m.name().equals("peer")).singleElement()
            .extracting(Member::status).isEqualTo(MemberStatus.DEAD);
    }

    @Test
    void onTick_probesAMember_thenAsksKOthersAfterTheProbeTimeout_thenSuspectsAtPeriodEnd() {
        FirstProbe first = firstProbeAmongFour();
        Ping ping = first.ping();
        MemberId target = nameAt(first.to(), FOUR);
        long probeStart = first.at();
        List<Directive> afterTimeout = instance.onTick(probeStart + settings.probeTimeout().toNanos());
        List<PingReq> reqs = sent(afterTimeout).stream().filter(PingReq.class::isInstance).map(PingReq.class::cast)
            .toList();
        assertThat(reqs).hasSize(3).allSatisfy(r -> {
            assertThat(r.target()).isEqualTo(target);
            assertThat(r.sequence()).isEqualTo(ping.sequence());
        });
        List<Directive> atPeriodEnd = instance.onTick(probeStart + SECOND);
        assertThat(events(atPeriodEnd)).singleElement().isInstanceOfSatisfying(MembershipEvent.MemberSuspected.class,
                e -> assertThat(e.member().id()).isEqualTo(target));
        assertThat(instance.localHealth()).as("three nacks missing: our own network is suspect").isEqualTo(3);
    }

    @Test
    void onTick_afterNacksFromEveryRelay_suspectsTheTargetWithoutBlamingItself() {
        FirstProbe first = firstProbeAmongFour();
        Ping ping = first.ping();
        long probeStart = first.at();
        List<Directive> afterTimeout = instance.onTick(probeStart + settings.probeTimeout().toNanos());
        for (Message m : sent(afterTimeout)) {
            if (m instanceof PingReq) {
                MemberId relay = of(afterTimeout, Directive.Send.class).stream().filter(s -> s.message() == m)
                    .findFirst().map(s -> nameAt(s.to(), FOUR)).orElseThrow();
                instance.onMessage(new Nack(ping.sequence(), List.of()), probeStart + SECOND * 7 / 10);
            }
        }
        instance.onTick(probeStart + SECOND);
        assertThat(instance.localHealth()).isZero();
        assertThat(instance.counters().nacksReceived()).isEqualTo(3);
    }

    @Test
    void onTick_atTheProbeTimeout_alsoPingsTheTargetOverAStream_whoseAckCountsAsTheProbesAck() {
        FirstProbe first = firstProbeAmongFour();
        List<Directive> afterTimeout = instance.onTick(first.at() + settings.probeTimeout().toNanos());
        Directive.SendReliable streamPing = of(afterTimeout, Directive.SendReliable.class).get(0);
        assertThat(streamPing.to()).isEqualTo(first.to());
        assertThat(streamPing.message()).isInstanceOfSatisfying(Ping.class, p -> {
            assertThat(p.reliable()).isTrue();
            assertThat(p.sequence()).isEqualTo(first.ping().sequence());
            assertThat(p.targetUid()).isEqualTo(first.ping().targetUid());
        });
        instance.onMessage(new Ack(first.ping().sequence(), List.of()), first.at() + SECOND * 6 / 10);
        assertThat(events(instance.onTick(first.at() + SECOND))).as("answered: no suspicion").isEmpty();
        assertThat(instance.counters().probesFailed()).isZero();
    }

    @Test
    void onPing_overAStream_isAnsweredOverAStream() {
        Address replyTo = new Address("10.9.9.9", 7946);
        List<Directive> out = instance.onMessage(new Ping(replyTo, 42, me.uid(), List.of(), true), 0);
        assertThat(of(out, Directive.Send.class)).as("no datagram answer").isEmpty();
        Directive.SendReliable ack = of(out, Directive.SendReliable.class).get(0);
        assertThat(ack.to()).isEqualTo(replyTo);
        assertThat(((Ack) ack.message()).sequence()).isEqualTo(42);
    }

    @Test
    void onConnectionRefused_forTheStreamPing_suspectsTheTargetAtOnce_andOnlyOnce() {
        FirstProbe first = firstProbeAmongFour();
        long timeout = first.at() + settings.probeTimeout().toNanos();
        Directive.SendReliable streamPing = of(instance.onTick(timeout), Directive.SendReliable.class).get(0);

        List<Directive> refused = instance.onConnectionRefused(streamPing.to(), streamPing.message(), timeout + 1_000_000);
        assertThat(events(refused)).singleElement().isInstanceOfSatisfying(MembershipEvent.MemberSuspected.class,
                e -> assertThat(e.member().id().address()).isEqualTo(first.to()));
        assertThat(events(instance.onTick(first.at() + SECOND))).as("not suspected twice").isEmpty();
        assertThat(instance.counters().suspicionsRaised()).isEqualTo(1);

        // A refusal of anything else (a sync, a stale probe) changes nothing.
        assertThat(events(instance.onConnectionRefused(streamPing.to(), streamPing.message(), first.at() + 2 * SECOND)))
            .isEmpty();
    }

    private record FirstProbe(long at, Ping ping, Address to) {
    }

    /** Four members, enough for a target and k = 3 relays. */
    private static final MemberId[] FOUR = {id("a", 1), id("b", 1), id("c", 1), id("d", 1)};

    /** Learns {@link #FOUR} and ticks until the first probe of one of them. */
    private FirstProbe firstProbeAmongFour() {
        learn(FOUR);
        return firstProbe();
    }

    /** Ticks every 10 ms until the instance sends its first probe. */
    private FirstProbe firstProbe() {
        for (long t = 0; t < 3 * SECOND; t += SECOND / 100) {
            for (Directive.Send s : of(instance.onTick(t), Directive.Send.class)) {
                if (s.message() instanceof Ping p) {
                    return new FirstProbe(t, p, s.to());
                }
            }
        }
        throw new AssertionError("no probe within 3 s");
    }

    private static MemberId nameAt(Address address, MemberId... ids) {
        return java.util.Arrays.stream(ids).filter(i -> i.address().equals(address)).findFirst().orElseThrow();
    }

    @Test
    void onPing_toASuspect_carriesItsSuspicionFirst_buddySystem() {
        MemberId a = id("a", 1);
        learn(a);
        instance.onMessage(new GossipPush(a, List.of(new Gossip(a, MemberStatus.SUSPECT, 0, Map.of(), "x"))), 0);
        Ping ping = firstProbe().ping();
        assertThat(ping.gossip().get(0).member()).isEqualTo(a);
        assertThat(ping.gossip().get(0).status()).isEqualTo(MemberStatus.SUSPECT);
    }

    @Test
    void onPingReq_pingsTheTargetAndRelaysItsAck_orSendsANack() {
        MemberId requester = id("requester", 1);
        MemberId target = id("target", 1);
        learn(requester, target);
        List<Directive> out = instance.onMessage(new PingReq(requester, 9, target, List.of()), 0);
        Directive.Send relayedSend = of(out, Directive.Send.class).get(0);
        Ping relayed = (Ping) relayedSend.message();
        assertThat(relayedSend.to()).isEqualTo(target.address());
        assertThat(relayed.targetUid()).isEqualTo(target.uid());
        assertThat(relayed.replyTo()).as("the target answers the relay").isEqualTo(me.address());
        List<Directive> onAck = instance.onMessage(new Ack(relayed.sequence(), List.of()), SECOND / 10);
        Directive.Send forwarded = of(onAck, Directive.Send.class).get(0);
        assertThat(((Ack) forwarded.message()).sequence()).isEqualTo(9);
        assertThat(forwarded.to()).isEqualTo(requester.address());

        List<Directive> second = instance.onMessage(new PingReq(requester, 10, target, List.of()), SECOND);
        assertThat(sent(second)).hasSize(1);
        List<Directive> later = instance.onTick(SECOND + settings.probeTimeout().toNanos());
        assertThat(sent(later)).anySatisfy(m -> {
            assertThat(m).isInstanceOf(Nack.class);
            assertThat(((Nack) m).sequence()).isEqualTo(10);
        });
    }

    @Test
    void onSync_mergesTheStateAndAnswersWithOwnState() {
        MemberId peer = id("peer", 1);
        MemberId other = id("other", 1);
        instance.start(0);
        List<Directive> out = instance.onMessage(new Sync(peer, false, true, List.of(alive(peer, 0), alive(other, 0))),
                0);
        assertThat(events(out)).hasSize(2);
        Directive.SendReliable reply = of(out, Directive.SendReliable.class).get(0);
        assertThat(reply.to()).isEqualTo(peer.address());
        assertThat(((Sync) reply.message()).reply()).isTrue();
        assertThat(((Sync) reply.message()).gossip()).extracting(g -> g.member().name())
            .containsExactlyInAnyOrder("me", "peer", "other");
        assertThat(instance.isJoined()).isTrue();
    }

    @Test
    void onTick_antiEntropy_sendsOnlyTheViewDigest_notTheFullState() {
        MemberId peer = id("peer", 2);
        learn(peer);
        List<SyncDigest> digests = new java.util.ArrayList<>();
        for (long t = 0; t <= 61 * SECOND && digests.isEmpty(); t += SECOND / 10) {
            List<Directive> out = instance.onTick(t);
            for (Directive.Send s : of(out, Directive.Send.class)) {
                if (s.message() instanceof Ping p) {
                    instance.onMessage(new Ack(p.sequence(), List.of()), t); // the peer is alive
                }
            }
            for (Directive.SendReliable r : of(out, Directive.SendReliable.class)) {
                assertThat(r.message()).as("no full state while the views may agree").isInstanceOf(SyncDigest.class);
                assertThat(r.to()).isEqualTo(peer.address());
                digests.add((SyncDigest) r.message());
            }
        }
        assertThat(digests).as("a push-pull within two intervals").isNotEmpty();
        assertThat(digests.get(0).sender()).isEqualTo(me);
        assertThat(digests.get(0).digest()).isEqualTo(instance.viewDigest());
    }

    @Test
    void onSyncDigest_thatMatchesThisView_isDropped_andOneThatDiffers_startsAFullSync() {
        MemberId peer = id("peer", 2);
        learn(peer);
        assertThat(instance.onMessage(new SyncDigest(peer, instance.viewDigest()), 0))
            .as("views agree: nothing to exchange")
            .noneMatch(d -> d instanceof Directive.SendReliable);

        List<Directive> out = instance.onMessage(new SyncDigest(peer, instance.viewDigest() ^ 1), 0);
        Directive.SendReliable sync = of(out, Directive.SendReliable.class).get(0);
        assertThat(sync.to()).isEqualTo(peer.address());
        assertThat(sync.message()).isInstanceOfSatisfying(Sync.class, s -> {
            assertThat(s.reply()).as("the peer must answer with its own state").isFalse();
            assertThat(s.gossip()).extracting(g -> g.member().name()).containsExactlyInAnyOrder("me", "peer");
        });
    }

    @Test
    void onSync_deadInRemoteStateButAliveHere_becomesSuspectInstead() {
        MemberId peer = id("peer", 1);
        MemberId other = id("other", 1);
        learn(peer, other);
        List<Directive> out = instance.onMessage(new Sync(peer, true, false,
                List.of(new Gossip(other, MemberStatus.DEAD, 0, Map.of(), null))), 0);
        assertThat(events(out)).singleElement().isInstanceOf(MembershipEvent.MemberSuspected.class);
    }

    @Test
    void preload_addsTheViewSilently_noEventsNoGossip_andCountsAsJoined() {
        instance.start(0);
        MemberId a = id("a", 1);
        MemberId b = id("b", 1);
        List<Directive> out = instance.preload(List.of(alive(me, 0), alive(a, 0), alive(b, 0)), 0);
        assertThat(events(out)).isEmpty();
        assertThat(sent(out)).isEmpty();
        assertThat(instance.gossipQueueDepth()).isZero();
        assertThat(instance.isJoined()).isTrue();
        assertThat(instance.members()).extracting(Member::name).containsExactlyInAnyOrder("me", "a", "b");
        assertThat(firstProbe().to()).isIn(a.address(), b.address());
    }

    @Test
    void onTick_withUnreachableOn_anExpiredSuspicionLeadsToUnreachable_thenDeadAfterItsTimeout() {
        SwimSettings withUnreachable = settings.toBuilder().unreachableEnabled(true)
            .unreachableTimeout(Duration.ofSeconds(20)).build();
        SwimInstance engine = new SwimInstance(withUnreachable, me, Map.of(), new SplittableRandom(7),
                PacketSizer.ESTIMATE, 0);
        MemberId a = id("a", 1);
        engine.start(0);
        engine.onMessage(new GossipPush(a, List.of(alive(a, 0))), 0);
        engine.onMessage(new GossipPush(a, List.of(new Gossip(a, MemberStatus.SUSPECT, 0, Map.of(), "x"))), 0);
        // Two members: no confirmations can be expected, so the timeout is the minimum, 1.5 s.
        List<MembershipEvent> seen = new java.util.ArrayList<>();
        for (long t = 0; t <= 25 * SECOND; t += SECOND / 10) {
            seen.addAll(events(engine.onTick(t)));
        }
        List<MembershipEvent> aboutA = seen.stream().filter(e -> e.member().name().equals("a")).toList();
        assertThat(aboutA).extracting(e -> e.getClass().getSimpleName())
            .containsExactly("MemberUnreachable", "MemberFailed");
        long unreachableAt = aboutA.get(0).member().statusChangedAtNanos();
        long deadAt = aboutA.get(1).member().statusChangedAtNanos();
        assertThat(unreachableAt).isBetween((long) (1.5 * SECOND), 2 * SECOND);
        assertThat(deadAt - unreachableAt).isBetween(20 * SECOND, 20 * SECOND + SECOND / 10);
    }

    @Test
    void onTick_aTombstoneIsForgottenAfterTheDeadMemberRetention_notBefore() {
        MemberId a = id("a", 1);
        MemberId b = id("b", 1);
        learn(a, b);
        instance.onMessage(new GossipPush(b, List.of(new Gossip(a, MemberStatus.DEAD, 0, Map.of(), null))), SECOND);
        long retention = settings.deadMemberRetention().toNanos();
        instance.onTick(SECOND + retention - SECOND / 10);
        assertThat(instance.members()).extracting(Member::name).contains("a");
        instance.onTick(SECOND + retention);
        assertThat(instance.members()).extracting(Member::name).doesNotContain("a");
    }

    @Test
    void join_syncsWithEverySeedButItself() {
        Address seed = new Address("10.0.0.99", 7946);
        List<Directive> out = instance.join(List.of(seed, me.address()), 0);
        assertThat(of(out, Directive.SendReliable.class)).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo(seed);
            assertThat(((Sync) s.message()).join()).isTrue();
        });
        assertThat(of(out, Directive.ScheduleTick.class)).hasSize(1);
    }

    @Test
    void updateMetadata_raisesIncarnation_andQueuesTheNews() {
        instance.start(0);
        instance.updateMetadata(Map.of("zone", "b"), 0);
        assertThat(instance.localMember().incarnation()).isEqualTo(1);
        assertThat(instance.localMember().metadata()).containsEntry("zone", "b");
        assertThat(instance.gossipQueueDepth()).isEqualTo(1);
    }

    @Test
    void updateMetadata_tooLarge_isRefusedWithTheLimitNamed() {
        instance.start(0);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
            .isThrownBy(() -> instance.updateMetadata(Map.of("k", "x".repeat(600)), 0))
            .withMessageContaining("maxMetadataBytes");
    }

    @Test
    void leave_tellsEveryLiveMemberDirectly_andStopsProbing() {
        MemberId a = id("a", 1);
        MemberId b = id("b", 1);
        learn(a, b);
        List<Directive> out = instance.leave(0);
        assertThat(of(out, Directive.Send.class)).extracting(Directive.Send::to)
            .containsExactlyInAnyOrder(a.address(), b.address());
        assertThat(sent(out)).allSatisfy(m -> assertThat(m.gossip()).anySatisfy(g -> {
            assertThat(g.member()).isEqualTo(me);
            assertThat(g.status()).isEqualTo(MemberStatus.LEFT);
        }));
        assertThat(instance.hasLeaveDisseminated()).isFalse();
        for (long t = 0; t < 10 * SECOND; t += SECOND / 10) {
            assertThat(sent(instance.onTick(t))).noneMatch(m -> m instanceof Ping);
        }
        assertThat(instance.hasLeaveDisseminated()).isTrue();
    }

    @Test
    void everyInput_afterStart_endsWithATickScheduledWhenSomethingIsDue() {
        List<Directive> first = instance.start(0);
        assertThat(of(first, Directive.ScheduleTick.class)).singleElement()
            .satisfies(t -> assertThat(t.atNanos()).isBetween(0L, SECOND));
        List<Directive> tick = instance.onTick(of(first, Directive.ScheduleTick.class).get(0).atNanos());
        assertThat(of(tick, Directive.ScheduleTick.class)).hasSize(1);
    }
}
