package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.MS;
import static io.swimdiscovery.core.protocol.EngineFixture.alive;
import static io.swimdiscovery.core.protocol.EngineFixture.destinations;
import static io.swimdiscovery.core.protocol.EngineFixture.events;
import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static io.swimdiscovery.core.protocol.EngineFixture.of;
import static io.swimdiscovery.core.protocol.EngineFixture.pingTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.Ping;
import io.swimdiscovery.core.protocol.Message.Sync;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a join costs in checks (docs/protocol.md, "Verify before you route"): a late answer is
 * still the subject's word, and a joiner's checks of its seed's members introduce the joiner, so
 * those members need not each check it in turn.
 */
class ClaimCheckCostTests {

    private final EngineFixture f = new EngineFixture();
    private final SwimInstance instance = f.instance;
    private final MemberId x = id("x", 1);
    private final MemberId y = id("y", 1);
    private final long wait = 2 * f.settings.probeTimeout().toNanos();

    @Test
    void anAnswerThatComesAfterTheCheckExpired_stillListsTheMember() {
        f.learn(y);
        Ping ping = pingTo(f.push(y, 0, alive(x, 0)), x);
        instance.onTick(wait);
        assertThat(f.rejected(NewsRejection.UNVERIFIED)).isEqualTo(1);
        assertThat(f.member("x")).isEmpty();

        List<Directive> out = instance.onMessage(x.address(), new Ack(ping.sequence(), List.of()), wait + 2_000 * MS);

        assertThat(events(out)).singleElement().isInstanceOf(MembershipEvent.MemberJoined.class);
        assertThat(f.statusOf("x")).isEqualTo(MemberStatus.ALIVE);
        assertThat(instance.counters().claimsVerified()).isEqualTo(1);
    }

    @Test
    void aLateAnswerWithAnotherRecordOfTheSubject_listsThatRecord_notTheClaim() {
        f.learn(x, y);
        Gossip claim = new Gossip(x, MemberStatus.ALIVE, 20, Map.of("port", "666"), null);
        Ping ping = pingTo(f.push(y, 0, claim), x);
        instance.onTick(wait);
        Gossip own = new Gossip(x, MemberStatus.ALIVE, 1, Map.of("port", "8080"), null);

        instance.onMessage(x.address(), new Ack(ping.sequence(), List.of(own)), wait + 500 * MS);

        assertThat(f.member("x").orElseThrow()).satisfies(m -> {
            assertThat(m.incarnation()).isEqualTo(1);
            assertThat(m.metadata()).containsEntry("port", "8080");
        });
    }

    @Test
    void aLateAckWithAnotherSequence_listsNothing() {
        f.learn(y);
        Ping ping = pingTo(f.push(y, 0, alive(x, 0)), x);
        instance.onTick(wait);

        List<Directive> out = instance.onMessage(x.address(), new Ack(ping.sequence() + 1, List.of()), wait + MS);

        assertThat(events(out)).isEmpty();
        assertThat(f.member("x")).isEmpty();
    }

    @Test
    void theCheckOfAMemberFromAFullState_carriesThisNodesOwnRecord() {
        f.learn(y);
        Sync state = new Sync(y, true, false, List.of(alive(y, 0), alive(x, 0)), 0, List.of());

        Ping ping = pingTo(instance.onMessage(y.address(), state, MS), x);

        assertThat(ping.gossip()).hasSize(2);
        assertThat(ping.gossip().get(0)).as("the claim first, for x to correct").isEqualTo(alive(x, 0));
        assertThat(ping.gossip().get(1).member()).isEqualTo(f.me);
        assertThat(ping.gossip().get(1).metadata()).containsEntry("zone", "a");
    }

    @Test
    void theCheckOfAMemberHeardInADatagram_carriesTheClaimAlone() {
        f.learn(y);
        Ping ping = pingTo(f.push(y, 0, alive(x, 0)), x);
        assertThat(ping.gossip()).containsExactly(alive(x, 0));
    }

    @Test
    void aPingFromTheSendersOwnAddressWithItsRecord_listsTheSender_withoutACheck() {
        instance.start(0);
        Ping introduction = new Ping(x.address(), 77, f.me.uid(), List.of(alive(f.me, 0), alive(x, 0)), false);

        List<Directive> out = instance.onMessage(x.address(), introduction, MS);

        assertThat(events(out)).singleElement().isInstanceOf(MembershipEvent.MemberJoined.class);
        assertThat(f.statusOf("x")).isEqualTo(MemberStatus.ALIVE);
        assertThat(of(out, Directive.Send.class))
                .as("only the ack goes back to x, no check")
                .singleElement()
                .satisfies(s -> assertThat(s.message()).isInstanceOf(Ack.class));
        assertThat(destinations(out)).containsExactly(x.address());
    }
}
