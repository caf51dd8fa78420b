package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProbeScheduleTests {

    private final Map<String, MemberEntry> entries = new java.util.HashMap<>();

    private MemberEntry m(String name) {
        return entries.computeIfAbsent(
                name,
                n -> new MemberEntry(
                        new MemberId(n, new Address("10.0.0.1", 1), 1), MemberStatus.ALIVE, 0, Map.of(), 0));
    }

    private static String name(MemberEntry e) {
        return e == null ? null : e.id.name();
    }

    @Test
    void next_visitsEveryMemberOncePerPass() {
        ProbeSchedule schedule = new ProbeSchedule(new SplittableRandom(1));
        for (int i = 0; i < 10; i++) {
            schedule.add(m("m" + i));
        }
        for (int pass = 0; pass < 3; pass++) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                seen.add(name(schedule.next(e -> true)));
            }
            assertThat(seen).as("pass %d", pass).hasSize(10);
        }
    }

    @Test
    void next_skipsMembersThePredicateRejects_andReturnsNullWhenNoneQualifies() {
        ProbeSchedule schedule = new ProbeSchedule(new SplittableRandom(1));
        schedule.add(m("dead"));
        schedule.add(m("alive"));
        for (int i = 0; i < 5; i++) {
            assertThat(name(schedule.next(e -> !e.id.name().equals("dead")))).isEqualTo("alive");
        }
        assertThat(schedule.next(e -> false)).isNull();
    }

    @Test
    void prioritize_makesTheMemberTheNextProbed() {
        ProbeSchedule schedule = new ProbeSchedule(new SplittableRandom(1));
        for (int i = 0; i < 10; i++) {
            schedule.add(m("m" + i));
        }
        name(schedule.next(e -> true));
        schedule.prioritize(m("m7"));
        assertThat(name(schedule.next(e -> true))).isEqualTo("m7");
        assertThat(schedule.size()).isEqualTo(10);
    }

    @Test
    void remove_dropsTheMember_withoutSkippingAnother() {
        ProbeSchedule schedule = new ProbeSchedule(new SplittableRandom(2));
        for (int i = 0; i < 6; i++) {
            schedule.add(m("m" + i));
        }
        List<String> firstTwo = new ArrayList<>();
        firstTwo.add(name(schedule.next(e -> true)));
        firstTwo.add(name(schedule.next(e -> true)));
        schedule.remove(m(firstTwo.get(0)));
        Set<String> rest = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            rest.add(name(schedule.next(e -> true)));
        }
        assertThat(rest).hasSize(4).doesNotContainAnyElementsOf(firstTwo);
    }
}
