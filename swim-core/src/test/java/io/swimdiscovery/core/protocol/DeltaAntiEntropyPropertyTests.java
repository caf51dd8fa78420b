package io.swimdiscovery.core.protocol;

import static io.swimdiscovery.core.protocol.DeltaPair.id;
import static io.swimdiscovery.core.protocol.DeltaPair.metadata;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Over random pairs of views that differ in up to a tenth of their members, in every way a third
 * party's word may repair (suspect, unreachable, refuted at a higher incarnation, dead where the
 * other side suspects), one delta push-pull leaves both views agreeing on every live member, and
 * moves fewer bytes than one full state did.
 */
class DeltaAntiEntropyPropertyTests {

    enum Change {
        SUSPECT,
        UNREACHABLE,
        REFUTED,
        DEAD_WHERE_SUSPECTED
    }

    record Difference(int member, Change change, boolean atA, int jump) {}

    @Property(tries = 60)
    void oneDeltaExchange_leavesBothViewsAgreeing_forLessThanAFullState(
            @ForAll @IntRange(min = 64, max = 400) int n, @ForAll("differences") List<Difference> differences) {
        Map<Integer, Gossip> atA = new HashMap<>();
        Map<Integer, Gossip> atB = new HashMap<>();
        List<Gossip> deaths = new ArrayList<>();
        List<Boolean> deathAtA = new ArrayList<>();
        int limit = Math.max(1, n / 10);
        List<Integer> used = new ArrayList<>();
        for (Difference d : differences) {
            int i = 2 + Math.floorMod(d.member(), n - 2);
            if (used.contains(i) || used.size() >= limit) {
                continue;
            }
            used.add(i);
            Map<Integer, Gossip> side = d.atA() ? atA : atB;
            switch (d.change()) {
                case SUSPECT -> side.put(i, news(i, MemberStatus.SUSPECT, 0));
                case UNREACHABLE -> side.put(i, news(i, MemberStatus.UNREACHABLE, 0));
                case REFUTED -> side.put(i, news(i, MemberStatus.ALIVE, d.jump()));
                case DEAD_WHERE_SUSPECTED -> {
                    (d.atA() ? atB : atA).put(i, news(i, MemberStatus.SUSPECT, 0));
                    deaths.add(news(i, MemberStatus.DEAD, 0));
                    deathAtA.add(d.atA());
                }
            }
        }
        DeltaPair pair = new DeltaPair(n, atA, atB);
        for (int k = 0; k < deaths.size(); k++) {
            DeltaPair.ownWord(deathAtA.get(k) ? pair.a : pair.b, deaths.get(k));
        }
        long fullState = DeltaPair.fullStateBytes(pair.a, pair.bId);

        pair.pushPull();

        assertThat(DeltaPair.liveView(pair.a))
                .as("n=%d, differences %s", n, used)
                .isEqualTo(DeltaPair.liveView(pair.b));
        assertThat(pair.a.viewDigest()).isEqualTo(pair.b.viewDigest());
        assertThat(pair.bytes).as("delta exchange vs one full state").isLessThanOrEqualTo(fullState);
    }

    @Provide
    Arbitrary<List<Difference>> differences() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 1_000_000),
                        Arbitraries.of(Change.class),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(1, 3))
                .as(Difference::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(40);
    }

    private static Gossip news(int i, MemberStatus status, long incarnation) {
        return new Gossip(id(i), status, incarnation, metadata(i), null);
    }
}
