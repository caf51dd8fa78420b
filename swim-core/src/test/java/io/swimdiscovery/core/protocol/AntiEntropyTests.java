package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.MS;
import static io.swimdiscovery.core.protocol.EngineFixture.SECOND;
import static io.swimdiscovery.core.protocol.EngineFixture.alive;
import static io.swimdiscovery.core.protocol.EngineFixture.dead;
import static io.swimdiscovery.core.protocol.EngineFixture.events;
import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static io.swimdiscovery.core.protocol.EngineFixture.of;
import static io.swimdiscovery.core.protocol.EngineFixture.sent;
import static io.swimdiscovery.core.protocol.EngineFixture.suspect;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.Ping;
import io.swimdiscovery.core.protocol.Message.Sync;
import io.swimdiscovery.core.protocol.Message.SyncDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Join, push-pull (digest first), reconnects to failed members, and what a full sync may not count as. */
class AntiEntropyTests {

    private final EngineFixture f = new EngineFixture();
    private final SwimInstance instance = f.instance;
    private final MemberId peer = id("peer", 1);
    private final MemberId other = id("other", 1);

    @Test
    void aSync_isMergedAndAnsweredWithOwnState_toTheSender_butThirdPartyNewsIsCheckedFirst() {
        instance.start(0);
        List<Directive> out = instance.onMessage(
                peer.address(), new Sync(peer, false, true, List.of(alive(peer, 0), alive(other, 0))), 0);
        assertThat(events(out)).extracting(e -> e.member().name()).containsExactly("peer");
        Directive.SendReliable reply = of(out, Directive.SendReliable.class).get(0);
        assertThat(reply.to()).isEqualTo(peer.address());
        assertThat(((Sync) reply.message()).reply()).isTrue();
        assertThat(((Sync) reply.message()).gossip())
                .extracting(g -> g.member().name())
                .containsExactlyInAnyOrder("me", "peer");
        assertThat(of(out, Directive.Send.class)).extracting(Directive.Send::to).contains(other.address());
        assertThat(instance.isJoined()).isTrue();
    }

    @Test
    void pushPull_sendsOnlyTheViewDigest_notTheFullState() {
        MemberId p2 = id("peer", 2);
        f.learn(p2);
        List<SyncDigest> digests = new ArrayList<>();
        for (long t = 0; t <= 61 * SECOND && digests.isEmpty(); t += SECOND / 10) {
            List<Directive> out = instance.onTick(t);
            for (Directive.Send s : of(out, Directive.Send.class)) {
                if (s.message() instanceof Ping p) {
                    instance.onMessage(s.to(), new Ack(p.sequence(), List.of()), t);
                }
            }
            for (Directive.SendReliable r : of(out, Directive.SendReliable.class)) {
                assertThat(r.message())
                        .as("no full state while the views may agree")
                        .isInstanceOf(SyncDigest.class);
                assertThat(r.to()).isEqualTo(p2.address());
                digests.add((SyncDigest) r.message());
            }
        }
        assertThat(digests).as("a push-pull within two intervals").isNotEmpty();
        assertThat(digests.get(0).sender()).isEqualTo(f.me);
        assertThat(digests.get(0).digest()).isEqualTo(instance.viewDigest());
    }

    @Test
    void aDigestThatMatchesThisView_isDropped_andOneThatDiffers_startsAFullSync() {
        f.learn(peer);
        assertThat(instance.onMessage(peer.address(), new SyncDigest(peer, instance.viewDigest()), 0))
                .noneMatch(d -> d instanceof Directive.SendReliable);
        List<Directive> out = instance.onMessage(peer.address(), new SyncDigest(peer, instance.viewDigest() ^ 1), 0);
        Directive.SendReliable sync = of(out, Directive.SendReliable.class).get(0);
        assertThat(sync.to()).isEqualTo(peer.address());
        assertThat(sync.message()).isInstanceOfSatisfying(Sync.class, s -> {
            assertThat(s.reply()).as("the peer must answer with its own state").isFalse();
            assertThat(s.gossip()).extracting(g -> g.member().name()).containsExactlyInAnyOrder("me", "peer");
        });
    }

    @Test
    void deadInARemoteStateButAliveHere_becomesSuspectInstead() {
        f.learn(peer, other);
        List<Directive> out =
                instance.onMessage(peer.address(), new Sync(peer, true, false, List.of(dead(other, 0))), 0);
        assertThat(events(out)).singleElement().isInstanceOf(MembershipEvent.MemberSuspected.class);
    }

    /** a, b, c, d alive; a suspects d at 0. Returns the time d was declared dead here, ticking while everyone answers. */
    private long deadAtAfter(boolean confirmationsBySync) {
        MemberId[] four = EngineFixture.FOUR;
        f.learn(four);
        f.push(four[0], 0, suspect(four[3], 0, "a"));
        for (int i = 1; i <= 2; i++) {
            Gossip confirmation = suspect(four[3], 0, four[i].name());
            if (confirmationsBySync) {
                instance.onMessage(four[i].address(), new Sync(four[i], true, false, List.of(confirmation)), MS);
            } else {
                f.push(four[i], MS, confirmation);
            }
        }
        List<MembershipEvent> seen = f.tickAcking(10 * MS, 40 * SECOND, 10 * MS);
        return EngineFixture.about(seen, "d").stream()
                .filter(e -> e instanceof MembershipEvent.MemberFailed)
                .findFirst()
                .orElseThrow()
                .member()
                .statusChangedAtNanos();
    }

    @Test
    void suspicionsRelayedInAFullSync_areNotIndependentConfirmations_theDeadlineDoesNotShrink() {
        // Five members: K = 2 confirmations expected, so an unconfirmed suspicion lasts the maximum,
        // 6 x the minimum (the 5 s pause tolerance) = 30 s; two confirmations bring it to 5 s.
        long deadAt = deadAtAfter(true);
        assertThat(deadAt).isBetween(30 * SECOND, 30 * SECOND + 10 * MS);
    }

    @Test
    void suspicionsGossipedByTheirOrigins_areConfirmations_theDeadlineShrinksToThePauseTolerance() {
        long deadAt = deadAtAfter(false);
        assertThat(deadAt).isBetween(5 * SECOND, 5 * SECOND + 10 * MS);
    }

    @Test
    void preload_addsTheViewSilently_noEventsNoGossip_andCountsAsJoined() {
        instance.start(0);
        MemberId a = id("a", 1);
        MemberId b = id("b", 1);
        List<Directive> out = instance.preload(List.of(alive(f.me, 0), alive(a, 0), alive(b, 0)), 0);
        assertThat(events(out)).isEmpty();
        assertThat(sent(out)).isEmpty();
        assertThat(instance.gossipQueueDepth()).isZero();
        assertThat(instance.isJoined()).isTrue();
        assertThat(instance.members()).extracting(Member::name).containsExactlyInAnyOrder("me", "a", "b");
        assertThat(f.firstProbe(0).to()).isIn(a.address(), b.address());
    }

    @Test
    void join_syncsWithEverySeedButItself() {
        Address seed = new Address("10.0.0.99", 7946);
        List<Directive> out = instance.join(List.of(seed, f.me.address()), 0);
        assertThat(of(out, Directive.SendReliable.class)).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo(seed);
            assertThat(((Sync) s.message()).join()).isTrue();
        });
        assertThat(of(out, Directive.ScheduleTick.class)).hasSize(1);
    }

    @Test
    void aFailedMember_isTriedAgainWithADigest_longAfterItsTombstoneWent() {
        f.learn(peer, other);
        instance.onMessage(other.address(), new Sync(other, true, false, List.of(alive(other, 0))), 0); // joined
        f.push(other, 0, suspect(peer, 0, "other"));
        f.push(other, 0, dead(peer, 0));
        long afterTombstone = f.settings.deadMemberRetention().toNanos() + SECOND;
        List<Directive.SendReliable> attempts = new ArrayList<>();
        for (long t = 0; t <= afterTombstone + 30 * SECOND; t += 100 * MS) {
            List<Directive> out = instance.onTick(t);
            for (Directive.Send s : of(out, Directive.Send.class)) {
                if (s.message() instanceof Ping p && s.to().equals(other.address())) {
                    instance.onMessage(other.address(), new Ack(p.sequence(), List.of()), t);
                }
            }
            if (t > afterTombstone) {
                of(out, Directive.SendReliable.class).stream()
                        .filter(r -> r.to().equals(peer.address()))
                        .forEach(attempts::add);
            }
        }
        assertThat(f.member("peer")).as("tombstone gone").isEmpty();
        // One failed and one live member: each reconnect interval (10 s) tries it with probability 1.
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(2).allSatisfy(r -> assertThat(r.message())
                .isInstanceOf(SyncDigest.class));
    }

    @Test
    void theFullStateSentToAUidHeldDead_tellsItThatItIsDead_evenAfterTheTombstoneWent() {
        f.learn(peer, other);
        f.push(other, 0, suspect(peer, 0, "other"));
        f.push(other, 0, dead(peer, 0));
        long later = f.settings.deadMemberRetention().toNanos() + SECOND;
        instance.onTick(later);
        assertThat(f.member("peer")).isEmpty();
        List<Directive> out = instance.onMessage(peer.address(), new SyncDigest(peer, 1), later);
        Sync state = (Sync) of(out, Directive.SendReliable.class).get(0).message();
        assertThat(state.gossip()).contains(dead(peer, 0));
    }
}
