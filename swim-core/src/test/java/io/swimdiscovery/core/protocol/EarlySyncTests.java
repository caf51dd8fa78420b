package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.EngineFixture.MS;
import static io.swimdiscovery.core.protocol.EngineFixture.SECOND;
import static io.swimdiscovery.core.protocol.EngineFixture.alive;
import static io.swimdiscovery.core.protocol.EngineFixture.id;
import static io.swimdiscovery.core.protocol.EngineFixture.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Message.Ack;
import io.swimdiscovery.core.protocol.Message.Ping;
import io.swimdiscovery.core.protocol.Message.SyncDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A claim whose subject does not answer is dropped, and the gossip that brought it may be over:
 * the node push-pulls {@link AntiEntropy#EARLY_SYNC_PERIODS} periods later instead of at its
 * regular interval, but never sooner than the base interval after its previous push-pull.
 */
class EarlySyncTests {

    private final EngineFixture f = new EngineFixture();
    private final SwimInstance instance = f.instance;
    private final long period = f.settings.protocolPeriod().toNanos();
    private final long base = f.settings.pushPullInterval().toNanos();

    /** Ticks every 100 ms over [from, to], acking probes of {@code answering} only; returns when digests went out. */
    private List<Long> run(long from, long to, MemberId answering) {
        List<Long> digestsAt = new ArrayList<>();
        for (long t = from; t <= to; t += 100 * MS) {
            List<Directive> out = instance.onTick(t);
            for (Directive.Send s : of(out, Directive.Send.class)) {
                if (s.message() instanceof Ping p && s.to().equals(answering.address())) {
                    instance.onMessage(s.to(), new Ack(p.sequence(), List.of()), t);
                }
            }
            for (Directive.SendReliable r : of(out, Directive.SendReliable.class)) {
                if (r.message() instanceof SyncDigest) {
                    digestsAt.add(t);
                }
            }
        }
        return digestsAt;
    }

    @Test
    void anUncheckedClaim_bringsAPushPullTwoPeriodsLater_thenNoneSoonerThanTheBaseInterval() {
        MemberId y = id("y", 1);
        instance.start(0);
        // A member of a formed cluster (a joiner counts once its first sync completes).
        instance.preload(List.of(alive(y, 0)), 0);
        run(0, 5 * SECOND, y); // settled: the regular push-pull is in the second half of its interval
        MemberId ghost = id("ghost", 7);
        f.push(y, 5 * SECOND, alive(ghost, 0)); // news of a member only it may give: checked with a ping nobody answers
        List<Long> first = run(5 * SECOND + 100 * MS, 12 * SECOND, y);
        long wait = Math.max(2 * f.settings.probeTimeout().toNanos(), period);
        assertThat(first)
                .as("one push-pull %d periods after the check gave up", AntiEntropy.EARLY_SYNC_PERIODS)
                .singleElement()
                .satisfies(t -> assertThat(t)
                        .isBetween(
                                5 * SECOND + wait + AntiEntropy.EARLY_SYNC_PERIODS * period,
                                5 * SECOND + wait + (AntiEntropy.EARLY_SYNC_PERIODS + 1) * period));
        long firstAt = first.get(0);
        MemberId ghost2 = id("ghost2", 8);
        f.push(y, 13 * SECOND, alive(ghost2, 0));
        List<Long> next = run(13 * SECOND, firstAt + base + SECOND, y);
        assertThat(next)
                .as("the next one no sooner than the base interval after the first")
                .singleElement()
                .satisfies(t -> assertThat(t).isBetween(firstAt + base, firstAt + base + 200 * MS));
        assertThat(f.rejected(NewsRejection.UNVERIFIED)).isEqualTo(2);
    }
}
