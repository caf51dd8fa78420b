package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MemberTableTests {

    private static MemberEntry entry(String name, MemberStatus status) {
        return new MemberEntry(new MemberId(name, new Address("10.0.0.1", 7946), 1), status, 0, Map.of(), 0);
    }

    @Property(tries = 200)
    void behavesLikeAMapUnderAnyPutsAndRemoves(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int ops) {
        SplittableRandom random = new SplittableRandom(seed);
        MemberTable table = new MemberTable("self");
        Map<String, MemberEntry> model = new HashMap<>();
        for (int op = 0; op < ops; op++) {
            String name = "m" + random.nextInt(60);
            if (random.nextInt(3) == 0) {
                table.remove(name);
                model.remove(name);
            } else {
                MemberEntry e = entry(name, random.nextBoolean() ? MemberStatus.ALIVE : MemberStatus.DEAD);
                table.put(e);
                model.put(name, e);
            }
            for (int probe = 0; probe < 60; probe++) {
                assertThat(table.get("m" + probe)).isSameAs(model.get("m" + probe));
            }
            assertThat(table.size()).isEqualTo(model.size());
            assertThat(table.all()).containsExactlyInAnyOrderElementsOf(model.values());
            long live =
                    model.values().stream().filter(e -> !e.status.isTerminal()).count();
            assertThat(table.liveCount()).isEqualTo(live);
        }
    }

    @Test
    void randomLive_picksDistinctLiveMembers_neverTheExcludedOne() {
        MemberTable table = new MemberTable("self");
        for (int i = 0; i < 10; i++) {
            table.put(entry("m" + i, i < 7 ? MemberStatus.ALIVE : MemberStatus.DEAD));
        }
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 50; round++) {
            List<MemberEntry> picked = table.randomLive(4, "m2", random);
            assertThat(picked)
                    .hasSize(4)
                    .doesNotHaveDuplicates()
                    .allSatisfy(e -> assertThat(e.status).isEqualTo(MemberStatus.ALIVE))
                    .noneMatch(e -> e.id.name().equals("m2"));
        }
        assertThat(table.deadNames()).containsExactlyInAnyOrder("m7", "m8", "m9");
    }
}
