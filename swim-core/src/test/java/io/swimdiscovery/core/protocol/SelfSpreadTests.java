package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.SECOND;
import static io.swimdiscovery.core.protocol.EngineFixture.alive;
import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static io.swimdiscovery.core.protocol.EngineFixture.of;
import static io.swimdiscovery.core.protocol.EngineFixture.pingTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.Ping;
import io.swimdiscovery.core.protocol.Message.Sync;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How often this node passes on news of a new member depends on who told it: a member that heard
 * the joiner from the joiner itself (its check, its probe, its answer) passes it on a quarter of the
 * retransmit limit, since the joiner tells every member its seed listed; the seed, which hears it
 * in the joiner's full-state exchange and may be the only one, passes it on twice the limit, as
 * does every member hearing a new uid of a name it knew (a restart).
 */
class SelfSpreadTests {

    private static final int MEMBERS = 20;

    private final EngineFixture f = new EngineFixture();
    private final MemberId newcomer = id("newcomer", 42);

    /** The retransmit limit with the 20 members, the newcomer and this node listed. */
    private int limit() {
        int n = MEMBERS + 2;
        return f.settings.retransmitMultiplier() * (int) Math.ceil(Math.log10(n + 1));
    }

    private long learnTwenty() {
        List<MemberId> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            members.add(id("m" + i, 1));
        }
        f.learn(members.toArray(MemberId[]::new));
        return SECOND;
    }

    /** Datagrams over the next minute (every probe answered) whose gossip names {@code name}. */
    private int sendsOf(String name, long from) {
        int sends = 0;
        long step = 10 * EngineFixture.MS;
        for (long t = from; t <= from + 60 * SECOND; t += step) {
            List<Directive> out = f.instance.onTick(t);
            for (Directive.Send s : of(out, Directive.Send.class)) {
                if (s.message().gossip().stream()
                        .anyMatch(g -> g.member().name().equals(name))) {
                    sends++;
                }
                if (s.message() instanceof Ping p) {
                    f.instance.onMessage(s.to(), new Ack(p.sequence(), List.of()), t);
                }
            }
        }
        return sends;
    }

    /** {@code subject} answers the check this node sent it (in {@code out}) with its own record. */
    private void answerTheCheck(List<Directive> out, MemberId subject, long now) {
        Ping check = pingTo(out, subject);
        f.instance.onMessage(subject.address(), new Ack(check.sequence(), List.of(alive(subject, 0))), now);
    }

    @Test
    void newsHeardFromTheNewcomersOwnPing_isPassedOnAQuarterOfTheLimit() {
        long now = learnTwenty();
        // The joiner's check of this node, its own record after the claim it checks.
        Gossip claimAboutMe = alive(f.me, 0);
        f.instance.onMessage(
                newcomer.address(),
                new Ping(newcomer.address(), 7, f.me.uid(), List.of(claimAboutMe, alive(newcomer, 0))),
                now);
        assertThat(f.statusOf("newcomer")).isEqualTo(MemberStatus.ALIVE);

        int sends = sendsOf("newcomer", now);

        assertThat(sends).isBetween(1, limit() / 4);
    }

    @Test
    void newsHeardFromOthersAndCheckedWithTheNewcomer_isPassedOnAQuarterOfTheLimit() {
        long now = learnTwenty();
        List<Directive> out = f.push(id("m0", 1), now, alive(newcomer, 0));
        assertThat(f.statusOf("newcomer"))
                .as("a claim until the newcomer answers")
                .isNull();
        answerTheCheck(out, newcomer, now);
        assertThat(f.statusOf("newcomer")).isEqualTo(MemberStatus.ALIVE);

        int sends = sendsOf("newcomer", now);

        assertThat(sends).isBetween(1, limit() / 4);
    }

    @Test
    void newsHeardInTheNewcomersJoinExchange_isPassedOnTwiceTheLimit() {
        long now = learnTwenty();
        // A stream comes from an ephemeral port on the joiner's host.
        Address stream = new Address(newcomer.address().host(), 50_123);
        f.instance.onMessage(stream, new Sync(newcomer, false, true, List.of(alive(newcomer, 0))), now);
        assertThat(f.statusOf("newcomer")).isEqualTo(MemberStatus.ALIVE);

        int sends = sendsOf("newcomer", now);

        assertThat(sends).isEqualTo(2 * limit());
    }

    @Test
    void aRestartUnderAKnownName_heardFromOthers_isPassedOnTwiceTheLimit() {
        long now = learnTwenty();
        MemberId restarted = id("m5", 2); // m5 was listed with uid 1
        answerTheCheck(f.push(id("m0", 1), now, alive(restarted, 0)), restarted, now);
        assertThat(f.statusOf("m5")).isEqualTo(MemberStatus.ALIVE);

        int sends = sendsOf("m5", now);

        // The restarted process tells nobody but its seeds: every member listing uid 1 must hear
        // of uid 2 from others.
        assertThat(sends).isEqualTo(2 * limit());
    }
}
