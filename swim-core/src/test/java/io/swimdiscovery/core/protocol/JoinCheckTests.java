package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.MS;
import static io.swimdiscovery.core.protocol.EngineFixture.SECOND;
import static io.swimdiscovery.core.protocol.EngineFixture.alive;
import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static io.swimdiscovery.core.protocol.EngineFixture.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.Ping;
import io.swimdiscovery.core.protocol.Message.Sync;
import io.swimdiscovery.core.protocol.Message.SyncDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A joiner runs one digest exchange 5 to 10 periods after its join, beside the regular push-pull:
 * members that joined at about the same moment may each have missed the other's news.
 */
class JoinCheckTests {

    private final EngineFixture f = new EngineFixture();
    private final SwimInstance instance = f.instance;
    private final MemberId seed = id("seed", 1);
    private final MemberId other = id("other", 1);

    @Test
    void aJoiner_sendsOneDigestFiveToTenPeriodsAfterItsJoin_andTheRegularPushPullStillFollows() {
        instance.start(0);
        instance.join(List.of(seed.address()), 0);
        // The seed's answer: the joiner is in, and checks "other" (heard from the seed) with a ping,
        // which "other" answers: no claim goes unchecked, so no early push-pull (EarlySyncTests).
        List<Directive> answer = instance.onMessage(
                seed.address(), new Sync(seed, true, false, List.of(alive(seed, 0), alive(other, 0))), 0);
        for (Directive.Send s : of(answer, Directive.Send.class)) {
            if (s.message() instanceof Ping p) {
                instance.onMessage(s.to(), new Ack(p.sequence(), List.of()), MS);
            }
        }
        long period = f.settings.protocolPeriod().toNanos();
        List<Long> digestsAt = new ArrayList<>();
        for (long t = 0; t <= 40 * SECOND; t += 100 * MS) {
            List<Directive> out = instance.onTick(t);
            for (Directive.Send s : of(out, Directive.Send.class)) {
                if (s.message() instanceof Ping p) {
                    instance.onMessage(s.to(), new Ack(p.sequence(), List.of()), t);
                }
            }
            for (Directive.SendReliable r : of(out, Directive.SendReliable.class)) {
                if (r.message() instanceof SyncDigest) {
                    digestsAt.add(t);
                }
            }
        }
        long interval = f.settings.pushPullInterval().toNanos();
        assertThat(digestsAt).as("none before 5 periods").allMatch(t -> t >= 5 * period);
        assertThat(digestsAt).as("one between 5 and 10 periods").anyMatch(t -> t <= 10 * period + 100 * MS);
        // The regular push-pull keeps its own schedule (the second half of its interval): with the
        // join check, two digests in the first interval, not one pulled earlier.
        assertThat(digestsAt.stream().filter(t -> t <= interval + 100 * MS)).hasSize(2);
    }

    @Test
    void aWarmStartedNode_runsNoJoinCheck() {
        f.learn(seed);
        List<Directive.SendReliable> early = new ArrayList<>();
        for (long t = 0; t <= 12 * SECOND; t += 100 * MS) {
            List<Directive> out = instance.onTick(t);
            for (Directive.Send s : of(out, Directive.Send.class)) {
                if (s.message() instanceof Ping p) {
                    instance.onMessage(s.to(), new Ack(p.sequence(), List.of()), t);
                }
            }
            early.addAll(of(out, Directive.SendReliable.class));
        }
        assertThat(early).isEmpty();
    }
}
