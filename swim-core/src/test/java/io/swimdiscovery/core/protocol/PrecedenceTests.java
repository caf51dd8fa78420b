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
 * The order of news about one uid is what makes gossip converge: whoever hears the same news, in
 * any order and any number of times, must end with the same belief. News about different uids is
 * not ordered at all (uids are random); which uid is current is the engine's rule, tested on the
 * engine itself in {@code EngineMergePropertyTests}.
 */
class PrecedenceTests {

    private static final Address ADDRESS = new Address("10.0.0.1", 7946);

    @Provide
    Arbitrary<Gossip> news() {
        return newsOfUids(3);
    }

    @Provide
    Arbitrary<Gossip> newsOfOneUid() {
        return newsOfUids(1);
    }

    private static Arbitrary<Gossip> newsOfUids(long uids) {
        return Combinators.combine(
                        Arbitraries.longs().between(1, uids),
                        Arbitraries.of(MemberStatus.class),
                        Arbitraries.longs().between(0, 4),
                        Arbitraries.of("a", "b", "c"))
                .as((uid, status, inc, origin) -> new Gossip(
                        new MemberId("m", ADDRESS, uid),
                        status,
                        inc,
                        Map.of(),
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

    /** What the order ranks: a final status's incarnation is no part of it. */
    private static String rank(Gossip g) {
        return g.member().uid() + "/" + g.status() + (g.status().isTerminal() ? "" : "/" + g.incarnation());
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

    @Property
    void orderIsTransitive(
            @ForAll("newsOfOneUid") Gossip a, @ForAll("newsOfOneUid") Gossip b, @ForAll("newsOfOneUid") Gossip c) {
        if (Precedence.compare(a, b) > 0 && Precedence.compare(b, c) > 0) {
            assertThat(Precedence.compare(a, c)).isPositive();
        }
    }

    @Property
    void newsAboutDifferentUids_isNotComparable_neitherSupersedesTheOther(
            @ForAll("news") Gossip a, @ForAll("news") Gossip b) {
        if (a.member().uid() != b.member().uid()) {
            assertThat(Precedence.compare(a, b)).isZero();
            assertThat(a.supersedes(b)).isFalse();
            assertThat(b.supersedes(a)).isFalse();
        }
    }

    @Provide
    Arbitrary<List<Gossip>> newsLists() {
        return newsOfOneUid().list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 50)
    void statusOrderWithinOneUid_followsTheProtocolRules(@ForAll("incarnations") long i) {
        MemberId m = new MemberId("m", ADDRESS, 1);
        Gossip alive = new Gossip(m, MemberStatus.ALIVE, i, Map.of(), null);
        Gossip suspect = new Gossip(m, MemberStatus.SUSPECT, i, Map.of(), "x");
        Gossip unreachable = new Gossip(m, MemberStatus.UNREACHABLE, i, Map.of(), null);
        Gossip aliveNext = new Gossip(m, MemberStatus.ALIVE, i + 1, Map.of(), null);
        Gossip deadAtZero = new Gossip(m, MemberStatus.DEAD, 0, Map.of(), null);
        Gossip deadLater = new Gossip(m, MemberStatus.DEAD, i + 1, Map.of(), null);
        Gossip leftAtZero = new Gossip(m, MemberStatus.LEFT, 0, Map.of(), null);
        assertThat(suspect.supersedes(alive)).isTrue();
        assertThat(unreachable.supersedes(suspect)).isTrue();
        assertThat(aliveNext.supersedes(unreachable))
                .as("a refutation outranks its suspicion")
                .isTrue();
        assertThat(deadAtZero.supersedes(aliveNext))
                .as("dead outranks every incarnation: final for the uid")
                .isTrue();
        assertThat(aliveNext.supersedes(deadAtZero))
                .as("nobody refutes a death")
                .isFalse();
        assertThat(leftAtZero.supersedes(aliveNext))
                .as("leaving outranks every incarnation")
                .isTrue();
        assertThat(leftAtZero.supersedes(deadLater))
                .as("left > dead, whatever the incarnations")
                .isTrue();
        assertThat(deadLater.supersedes(leftAtZero)).isFalse();
        assertThat(Precedence.compare(deadAtZero, deadLater))
                .as("the incarnation of a final status is no order")
                .isZero();
        Gossip restarted = new Gossip(new MemberId("m", ADDRESS, 2), MemberStatus.ALIVE, 0, Map.of(), null);
        assertThat(restarted.supersedes(leftAtZero))
                .as("another uid is not ordered here")
                .isFalse();
        assertThat(leftAtZero.supersedes(restarted)).isFalse();
    }

    @Provide
    Arbitrary<Long> incarnations() {
        return Arbitraries.longs().between(0, 1_000_000);
    }
}
