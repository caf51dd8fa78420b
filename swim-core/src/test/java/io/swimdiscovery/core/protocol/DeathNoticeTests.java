package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.MS;
import static io.swimdiscovery.core.protocol.EngineFixture.SECOND;
import static io.swimdiscovery.core.protocol.EngineFixture.alive;
import static io.swimdiscovery.core.protocol.EngineFixture.dead;
import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static io.swimdiscovery.core.protocol.EngineFixture.of;
import static io.swimdiscovery.core.protocol.EngineFixture.suspect;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Message.GossipPush;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A member this node holds dead, heard of as alive, is told of its death directly (so it rejoins
 * under a new uid instead of staying missing here while everyone else lists it), once per
 * {@link Membership#DEATH_NOTICE_PERIODS} periods at most.
 */
class DeathNoticeTests {

    private final EngineFixture f = new EngineFixture();
    private final MemberId x = id("x", 1000);
    private final MemberId y = id("y", 1);
    private final long period = f.settings.protocolPeriod().toNanos();
    private final long noticeInterval = Membership.DEATH_NOTICE_PERIODS * period;

    private void killX(long now) {
        f.push(y, now, suspect(x, 0, "y"));
        f.push(y, now, dead(x, 0));
        assertThat(f.statusOf("x")).isEqualTo(MemberStatus.DEAD);
    }

    /** The death notices in {@code out}: gossip pushes to x's address carrying x's death alone. */
    private List<GossipPush> noticesToX(List<Directive> out) {
        return of(out, Directive.Send.class).stream()
                .filter(s -> s.to().equals(x.address()) && s.message() instanceof GossipPush)
                .map(s -> (GossipPush) s.message())
                .filter(p -> p.gossip().size() == 1
                        && p.gossip().get(0).member().equals(x)
                        && p.gossip().get(0).status() == MemberStatus.DEAD)
                .toList();
    }

    @Test
    void aliveNewsOfAUidDeadHere_tellsThatUidItIsDead_atMostOncePerInterval() {
        f.learn(x, y);
        killX(0);
        List<GossipPush> first = noticesToX(f.push(y, SECOND, alive(x, 1)));
        assertThat(first).singleElement().satisfies(p -> assertThat(p.sender())
                .isEqualTo(f.instance.localMember().id()));
        assertThat(noticesToX(f.push(y, SECOND + noticeInterval - MS, alive(x, 1))))
                .as("again within the interval")
                .isEmpty();
        assertThat(noticesToX(f.push(x, SECOND + noticeInterval, alive(x, 2))))
                .as("after the interval, in x's own word")
                .hasSize(1);
        assertThat(f.statusOf("x")).as("dead stays final for the uid").isEqualTo(MemberStatus.DEAD);
    }

    @Test
    void theNoticeOutlivesTheTombstone() {
        f.learn(x, y);
        killX(0);
        long afterTombstone = f.settings.deadMemberRetention().toNanos() + SECOND;
        f.tickAcking(0, afterTombstone, 100 * MS); // y answers its probes: this node stays healthy
        assertThat(f.member("x")).isEmpty();
        assertThat(noticesToX(f.push(y, afterTombstone + MS, alive(x, 3)))).hasSize(1);
        assertThat(f.member("x")).isEmpty();
    }

    @Test
    void noNotice_whenANewerProcessOfTheNameIsListed_norForNewsOfItsEnd() {
        f.learn(x, y);
        killX(0);
        assertThat(noticesToX(f.push(y, SECOND, dead(x, 0))))
                .as("news of the end itself")
                .isEmpty();
        MemberId restarted = new MemberId("x", x.address(), 5);
        f.push(restarted, 2 * SECOND, alive(restarted, 0));
        assertThat(f.member("x").orElseThrow().id()).isEqualTo(restarted);
        assertThat(noticesToX(f.push(y, 3 * SECOND, alive(x, 1))))
                .as("the old uid's late news: the name lives on in a newer process")
                .isEmpty();
    }

    @Test
    void oneNoticePerPeriodAtThisNode_whateverTheUid() {
        MemberId z = id("z", 2000);
        f.learn(x, y, z);
        killX(0);
        f.push(y, 0, suspect(z, 0, "y"));
        f.push(y, 0, dead(z, 0));
        List<Directive> out = f.push(y, SECOND, alive(x, 1), alive(z, 1));
        assertThat(noticesToX(out)).hasSize(1);
        assertThat(of(out, Directive.Send.class)).noneMatch(s -> s.to().equals(z.address()));
        assertThat(of(f.push(y, SECOND + period, alive(z, 1)), Directive.Send.class))
                .as("z, a period later")
                .anyMatch(s -> s.to().equals(z.address()) && s.message() instanceof GossipPush);
    }

    @Test
    void aNodeOfDegradedLocalHealth_sendsNoNotice_untilItRecovers() {
        f.learn(x, y);
        killX(0);
        MemberId self = f.instance.localMember().id();
        f.push(y, SECOND, suspect(self, 0, "y")); // suspected: this node refutes, and its health drops
        assertThat(f.instance.localHealth()).isPositive();
        assertThat(noticesToX(f.push(y, SECOND + MS, alive(x, 1)))).isEmpty();
        f.tickAcking(SECOND + 2 * MS, 20 * SECOND, 100 * MS); // its probes succeed again
        assertThat(f.instance.localHealth()).isZero();
        assertThat(noticesToX(f.push(y, 21 * SECOND, alive(x, 1)))).hasSize(1);
    }

    @Test
    void noNotice_forAMemberAliveHere() {
        f.learn(x, y);
        assertThat(noticesToX(f.push(y, SECOND, alive(x, 1)))).isEmpty();
    }
}
