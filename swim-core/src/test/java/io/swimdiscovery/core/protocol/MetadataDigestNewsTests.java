package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.MS;
import static io.swimdiscovery.core.protocol.EngineFixture.SECOND;
import static io.swimdiscovery.core.protocol.EngineFixture.destinations;
import static io.swimdiscovery.core.protocol.EngineFixture.events;
import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static io.swimdiscovery.core.protocol.EngineFixture.of;
import static io.swimdiscovery.core.protocol.EngineFixture.pingTo;
import static io.swimdiscovery.core.protocol.EngineFixture.suspect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.GossipPush;
import io.swimdiscovery.core.protocol.Message.Ping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * News relayed about another member names its metadata by digest: a receiver completes it from its
 * own table, or gets the metadata from the member's answer to the verification ping it sends anyway.
 */
class MetadataDigestNewsTests {

    private static final Map<String, String> META =
            Map.of("swim.service-id", "orders", "swim.port", "8080", "zone", "eu-1a");

    private final EngineFixture f = new EngineFixture();
    private final SwimInstance instance = f.instance;
    private final MemberId x = id("x", 1);
    private final MemberId y = id("y", 1);

    private static Gossip aliveWithMeta(MemberId m, long inc) {
        return new Gossip(m, MemberStatus.ALIVE, inc, META, null);
    }

    @Test
    void digest_isTheSameForEqualMapsInAnyOrder_andDiffersWhenAValueDoes() {
        Map<String, String> reordered = new java.util.LinkedHashMap<>();
        reordered.put("zone", "eu-1a");
        reordered.put("swim.port", "8080");
        reordered.put("swim.service-id", "orders");
        assertThat(Gossip.digestOf(reordered)).isEqualTo(Gossip.digestOf(META)).isNotZero();
        assertThat(Gossip.digestOf(Map.of("zone", "eu-1b", "swim.port", "8080", "swim.service-id", "orders")))
                .isNotEqualTo(Gossip.digestOf(META));
        assertThat(Gossip.digestOf(Map.of("ab", "c"))).isNotEqualTo(Gossip.digestOf(Map.of("a", "bc")));
        assertThatIllegalArgumentException().isThrownBy(() -> new Gossip(x, MemberStatus.ALIVE, 0, META, null, 42));
    }

    @Test
    void newsAboutAnotherMember_goesOutWithADigest_ownRecordInFull() {
        instance.start(0);
        f.push(y, 0, new Gossip(y, MemberStatus.ALIVE, 0, Map.of(), null));
        f.push(x, 0, aliveWithMeta(x, 0));
        instance.updateMetadata(Map.of("zone", "b"), 0);
        List<Gossip> sent = new ArrayList<>();
        for (long t = 0; t < 2 * SECOND; t += 100 * MS) {
            for (Directive.Send s : of(instance.onTick(t), Directive.Send.class)) {
                sent.addAll(s.message().gossip());
            }
        }
        List<Gossip> aboutX = sent.stream().filter(g -> g.member().equals(x)).toList();
        assertThat(aboutX).isNotEmpty().allSatisfy(g -> {
            assertThat(g.metadata()).isEmpty();
            assertThat(g.metadataDigest()).isEqualTo(Gossip.digestOf(META));
        });
        assertThat(sent.stream().filter(g -> g.member().name().equals("me")))
                .isNotEmpty()
                .allSatisfy(g -> assertThat(g.metadata()).containsEntry("zone", "b"));
    }

    @Test
    void aNewMemberHeardByDigest_isListedWithTheMetadataItsAnswerCarries() {
        f.learn(y);
        Gossip claim = aliveWithMeta(x, 0).withoutMetadata();
        List<Directive> out = f.push(y, 0, claim);
        assertThat(events(out)).isEmpty();
        Ping check = pingTo(out, x);
        assertThat(check.gossip()).containsExactly(claim);

        List<Directive> acked =
                instance.onMessage(x.address(), new Ack(check.sequence(), List.of(aliveWithMeta(x, 0))), MS);
        assertThat(events(acked))
                .singleElement()
                .isInstanceOfSatisfying(
                        MembershipEvent.MemberJoined.class,
                        e -> assertThat(e.member().metadata()).isEqualTo(META));
        assertThat(instance.counters().claimsVerified()).isEqualTo(1);
        assertThat(f.rejected(NewsRejection.REFUTED_CLAIM)).isZero();
    }

    @Test
    void aNewMemberHeardByDigest_whoseAnswerLacksTheMetadata_isNotListed() {
        f.learn(y);
        Ping check = pingTo(f.push(y, 0, aliveWithMeta(x, 0).withoutMetadata()), x);
        List<Directive> acked = instance.onMessage(x.address(), new Ack(check.sequence(), List.of()), MS);
        assertThat(events(acked)).isEmpty();
        assertThat(f.member("x")).isEmpty();
        assertThat(f.rejected(NewsRejection.METADATA_MISSING)).isEqualTo(1);
        assertThat(destinations(acked)).doesNotContain(x.address());
    }

    @Test
    void theSubject_answersACheckByDigestWithItsFullRecord() {
        f.learn(y);
        Gossip aboutMe = new Gossip(f.me, MemberStatus.ALIVE, 0, Map.of("zone", "a"), null).withoutMetadata();
        List<Directive> out =
                instance.onMessage(y.address(), new Ping(y.address(), 77, f.me.uid(), List.of(aboutMe)), 0);
        Ack ack = (Ack) of(out, Directive.Send.class).get(0).message();
        assertThat(ack.gossip().get(0)).isEqualTo(new Gossip(f.me, MemberStatus.ALIVE, 0, Map.of("zone", "a"), null));
        assertThat(f.rejected(NewsRejection.FORGED_SELF_NEWS)).isZero();
    }

    @Test
    void newsAboutMeByAWrongDigest_isForged() {
        f.learn(y);
        Gossip wrong = aliveWithMeta(f.me, 0).withoutMetadata();
        instance.onMessage(y.address(), new Ping(y.address(), 77, f.me.uid(), List.of(wrong)), 0);
        assertThat(f.rejected(NewsRejection.FORGED_SELF_NEWS)).isEqualTo(1);
        assertThat(instance.localMember().metadata()).containsEntry("zone", "a");
    }

    @Test
    void aRefutationByMatchingDigest_isTakenAtOnce_andKeepsTheMetadata() {
        f.learn(y);
        f.push(x, 0, aliveWithMeta(x, 0));
        f.push(y, 0, new Gossip(x, MemberStatus.SUSPECT, 0, META, "y"));
        assertThat(f.statusOf("x")).isEqualTo(MemberStatus.SUSPECT);
        List<Directive> out = f.push(y, MS, aliveWithMeta(x, 1).withoutMetadata());
        assertThat(f.member("x").orElseThrow()).satisfies(m -> {
            assertThat(m.status()).isEqualTo(MemberStatus.ALIVE);
            assertThat(m.incarnation()).isEqualTo(1);
            assertThat(m.metadata()).isEqualTo(META);
        });
        assertThat(destinations(out)).as("no check needed").doesNotContain(x.address());
    }

    @Test
    void aHigherIncarnationWithAnotherDigest_isCheckedWithTheMember_andTakesItsAnswer() {
        f.learn(y);
        f.push(x, 0, aliveWithMeta(x, 0));
        Map<String, String> changed = Map.of("swim.service-id", "orders", "swim.port", "9090", "zone", "eu-1a");
        Gossip update = new Gossip(x, MemberStatus.ALIVE, 1, changed, null);
        List<Directive> out = f.push(y, MS, update.withoutMetadata());
        assertThat(f.member("x").orElseThrow().metadata()).isEqualTo(META);
        Ping check = pingTo(out, x);
        List<Directive> acked = instance.onMessage(x.address(), new Ack(check.sequence(), List.of(update)), 2 * MS);
        assertThat(events(acked)).anySatisfy(e -> assertThat(e).isInstanceOf(MembershipEvent.MemberUpdated.class));
        assertThat(f.member("x").orElseThrow().metadata()).isEqualTo(changed);
    }

    @Test
    void newsByDigestAtTheIncarnationHeld_isCompletedFromTheTable() {
        f.learn(y);
        f.push(x, 0, aliveWithMeta(x, 0));
        instance.onMessage(
                y.address(), new GossipPush(y, List.of(suspect(x, 0, "y").withoutMetadata())), MS);
        assertThat(f.member("x").orElseThrow()).satisfies(m -> {
            assertThat(m.status()).isEqualTo(MemberStatus.SUSPECT);
            assertThat(m.metadata()).isEqualTo(META);
        });
    }
}
