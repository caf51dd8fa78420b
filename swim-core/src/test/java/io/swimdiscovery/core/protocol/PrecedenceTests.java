package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The merge order is what makes gossip converge: whoever hears the same news, in any order and
 * any number of times, must end with the same belief.
 */
class PrecedenceTests {

    private static final Address ADDRESS = new Address("10.0.0.1", 7946);

    @Provide
    Arbitrary<Gossip> news() {
        return Combinators.combine(
                Arbitraries.longs().between(1, 3),
                Arbitraries.of(MemberStatus.class),
                Arbitraries.longs().between(0, 4),
                Arbitraries.of("a", "b", "c"))
            .as((uid, status, inc, origin) -> new Gossip(new MemberId("m", ADDRESS, uid), status, inc, Map.of(),
                    status == MemberStatus.SUSPECT ? origin : null));
    }

    /** The belief after hearing {@code items} in order: keep whatever supersedes. */
    private static Gossip fold(List<Gossip> items) {
        Gossip belief = items.get(0);
        for (Gossip g : items) {
            if (g.supersedes(belief)) {
                belief = g;
            }
        }
        return belief;
    }

    private static String rank(Gossip g) {
        return g.member().uid() + "/" + g.status() + "/" + g.incarnation();
    }

    @Property
    void mergeIsCommutative_anyOrderOfTheSameNewsEndsInTheSameBelief(
            @ForAll("newsLists") List<Gossip> items, @ForAll long shuffleSeed) {
        List<Gossip> shuffled = new ArrayList<>(items);
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        assertThat(rank(fold(shuffled))).isEqualTo(rank(fold(items)));
    }

    @Property
    void mergeIsIdempotent_hearingNewsTwiceChangesNothing(@ForAll("newsLists") List<Gossip> items) {
        List<Gossip> doubled = new ArrayList<>(items);
        doubled.addAll(items);
        assertThat(rank(fold(doubled))).isEqualTo(rank(fold(items)));
    }

    @Property
    void mergeIsMonotone_theBeliefNeverMovesBackwards(@ForAll("newsLists") List<Gossip> items) {
        Gossip belief = items.get(0);
        for (Gossip g : items) {
            Gossip next = g.supersedes(belief) ? g : belief;
            assertThat(Precedence.compare(next, belief)).isGreaterThanOrEqualTo(0);
            belief = next;
        }
    }

    @Property
    void orderIsTotalAndAntisymmetric(@ForAll("news") Gossip a, @ForAll("news") Gossip b) {
        assertThat(Integer.signum(Precedence.compare(a, b))).isEqualTo(-Integer.signum(Precedence.compare(b, a)));
    }

    @Provide
    Arbitrary<List<Gossip>> newsLists() {
        return news().list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 50)
    void statusOrderWithinOneUid_followsTheProtocolRules(@ForAll("incarnations") long i) {
        MemberId m = new MemberId("m", ADDRESS, 1);
        Gossip alive = new Gossip(m, MemberStatus.ALIVE, i, Map.of(), null);
        Gossip suspect = new Gossip(m, MemberStatus.SUSPECT, i, Map.of(), "x");
        Gossip dead = new Gossip(m, MemberStatus.DEAD, i, Map.of(), null);
        Gossip aliveNext = new Gossip(m, MemberStatus.ALIVE, i + 1, Map.of(), null);
        Gossip left = new Gossip(m, MemberStatus.LEFT, 0, Map.of(), null);
        assertThat(suspect.supersedes(alive)).isTrue();
        assertThat(dead.supersedes(suspect)).isTrue();
        assertThat(aliveNext.supersedes(dead)).as("only the member refutes its death, with i+1").isTrue();
        assertThat(left.supersedes(aliveNext)).as("leaving is final for the uid").isTrue();
        Gossip restarted = new Gossip(new MemberId("m", ADDRESS, 2), MemberStatus.ALIVE, 0, Map.of(), null);
        assertThat(restarted.supersedes(left)).as("a new uid is a new start").isTrue();
    }

    @Provide
    Arbitrary<Long> incarnations() {
        return Arbitraries.longs().between(0, 1_000_000);
    }
}
