package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Message.GossipPush;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The engine's own merge (not the {@link Precedence} model): the same news, heard in any order,
 * leaves every node with the same member list. Each item is delivered as its subject's own word (a
 * gossip push from the subject, from the subject's host), the one source whose news is taken at
 * once, so every item is believed as soon as the rules allow.
 *
 * <p>The view compared is what a reader routes by: for each member, the uid it is listed under and
 * that uid's status, incarnation and metadata while it is live, or "not listed" once it has ended
 * (dead and left are final, so their incarnation orders nothing; see {@link Precedence}).
 */
class EngineMergePropertyTests {

    private static final String[] NAMES = {"m0", "m1", "m2"};

    private static MemberId member(int name, long uid) {
        return new MemberId(NAMES[name], new Address("10.50.0." + (name + 1), 7946), uid);
    }

    /** Metadata is a function of (uid, incarnation): a process publishes one map per incarnation. */
    private static Gossip item(int name, long uid, MemberStatus status, long inc) {
        return new Gossip(
                member(name, uid),
                status,
                inc,
                Map.of("v", uid + "." + inc),
                status == MemberStatus.SUSPECT ? "m" + ((name + 1) % NAMES.length) : null);
    }

    @Provide
    Arbitrary<Gossip> oneUidNews() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, NAMES.length - 1),
                        Arbitraries.of(MemberStatus.class),
                        Arbitraries.longs().between(0, 3))
                .as((name, status, inc) -> item(name, 100 + name, status, inc));
    }

    @Provide
    Arbitrary<List<Gossip>> oneUidNewsLists() {
        return oneUidNews().list().ofMinSize(1).ofMaxSize(16);
    }

    @Property(tries = 300)
    void newsOfOneUidPerMember_inAnyOrder_leavesTheSameMemberList(
            @ForAll("oneUidNewsLists") List<Gossip> items, @ForAll long shuffleSeed) {
        List<Gossip> shuffled = new ArrayList<>(items);
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        assertThat(view(deliver(shuffled)))
                .as("order %s against %s", shuffled, items)
                .isEqualTo(view(deliver(items)));
    }

    /**
     * One process lifetime: a uid and the news about it (any statuses, incarnations 0..3), first its
     * announcement, alive at 0, then the rest in any order.
     */
    private Arbitrary<List<Gossip>> lifetime(int name, long uid) {
        Arbitrary<Gossip> later = Combinators.combine(
                        Arbitraries.of(MemberStatus.class), Arbitraries.longs().between(0, 3))
                .as((status, inc) -> item(name, uid, status, inc));
        return later.list().ofMaxSize(5).map(rest -> {
            List<Gossip> all = new ArrayList<>();
            all.add(item(name, uid, MemberStatus.ALIVE, 0));
            all.addAll(rest);
            return all;
        });
    }

    /** Several starts of one member, one after another, uids in no numeric order (restarts at one address). */
    private Arbitrary<List<List<Gossip>>> history(int name) {
        return Arbitraries.longs()
                .between(1, Long.MAX_VALUE)
                .list()
                .uniqueElements()
                .ofMinSize(1)
                .ofMaxSize(3)
                .flatMap(uids -> {
                    List<Arbitrary<List<Gossip>>> lives = new ArrayList<>();
                    for (long uid : uids) {
                        lives.add(lifetime(name, uid));
                    }
                    return Combinators.combine(lives).as(l -> l);
                });
    }

    @Provide
    Arbitrary<List<List<List<Gossip>>>> histories() {
        return Combinators.combine(history(0), history(1), history(2)).as(List::of);
    }

    @Property(tries = 200)
    void restartsUnderNewUids_withEachLifetimesNewsInAnyOrder_leaveTheSameMemberList(
            @ForAll("histories") List<List<List<Gossip>>> histories, @ForAll long seedA, @ForAll long seedB) {
        List<Gossip> a = interleave(histories, seedA);
        List<Gossip> b = interleave(histories, seedB);
        assertThat(view(deliver(a))).as("order %s against %s", a, b).isEqualTo(view(deliver(b)));
    }

    /**
     * One delivery order: every lifetime's news after its announcement shuffled, lifetimes of one
     * member in sequence, members interleaved at random.
     */
    private static List<Gossip> interleave(List<List<List<Gossip>>> histories, long seed) {
        Random random = new Random(seed);
        List<List<Gossip>> perMember = new ArrayList<>();
        for (List<List<Gossip>> lives : histories) {
            List<Gossip> sequence = new ArrayList<>();
            for (List<Gossip> life : lives) {
                List<Gossip> rest = new ArrayList<>(life.subList(1, life.size()));
                Collections.shuffle(rest, random);
                sequence.add(life.get(0));
                sequence.addAll(rest);
            }
            perMember.add(sequence);
        }
        List<Gossip> out = new ArrayList<>();
        int[] next = new int[perMember.size()];
        while (true) {
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < perMember.size(); i++) {
                if (next[i] < perMember.get(i).size()) {
                    open.add(i);
                }
            }
            if (open.isEmpty()) {
                return out;
            }
            int pick = open.get(random.nextInt(open.size()));
            out.add(perMember.get(pick).get(next[pick]++));
        }
    }

    /** A fresh engine that hears {@code items} in order, each from its subject, from the subject's host. */
    private static SwimInstance deliver(List<Gossip> items) {
        SwimInstance engine = new SwimInstance(
                SwimSettings.lan(),
                new MemberId("observer", new Address("10.50.1.1", 7946), 1),
                Map.of(),
                new SplittableRandom(1),
                PacketSizer.ESTIMATE,
                0);
        engine.start(0);
        long now = 0;
        for (Gossip g : items) {
            engine.onMessage(g.member().address(), new GossipPush(g.member(), List.of(g)), now);
            now += 1_000; // a microsecond apart: no timer is due
        }
        return engine;
    }

    private static Map<String, String> view(SwimInstance engine) {
        Map<String, String> view = new TreeMap<>();
        for (String name : NAMES) {
            view.put(name, "not listed");
        }
        for (Member m : engine.members()) {
            if (!m.name().equals("observer") && !m.status().isTerminal()) {
                view.put(m.name(), m.id().uid() + "/" + m.status() + "/" + m.incarnation() + "/" + m.metadata());
            }
        }
        return view;
    }
}
