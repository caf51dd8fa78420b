package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProbeScheduleTests {

    @Test
    void next_visitsEveryMemberOncePerPass() {
        ProbeSchedule schedule = new ProbeSchedule(new SplittableRandom(1));
        for (int i = 0; i < 10; i++) {
            schedule.add("m" + i);
        }
        for (int pass = 0; pass < 3; pass++) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                seen.add(schedule.next(name -> true));
            }
            assertThat(seen).as("pass %d", pass).hasSize(10);
        }
    }

    @Test
    void next_skipsMembersThePredicateRejects_andReturnsNullWhenNoneQualifies() {
        ProbeSchedule schedule = new ProbeSchedule(new SplittableRandom(1));
        schedule.add("dead");
        schedule.add("alive");
        for (int i = 0; i < 5; i++) {
            assertThat(schedule.next(name -> !name.equals("dead"))).isEqualTo("alive");
        }
        assertThat(schedule.next(name -> false)).isNull();
    }

    @Test
    void prioritize_makesTheMemberTheNextProbed() {
        ProbeSchedule schedule = new ProbeSchedule(new SplittableRandom(1));
        for (int i = 0; i < 10; i++) {
            schedule.add("m" + i);
        }
        schedule.next(name -> true);
        schedule.prioritize("m7");
        assertThat(schedule.next(name -> true)).isEqualTo("m7");
        assertThat(schedule.size()).isEqualTo(10);
    }

    @Test
    void remove_dropsTheMember_withoutSkippingAnother() {
        ProbeSchedule schedule = new ProbeSchedule(new SplittableRandom(2));
        for (int i = 0; i < 6; i++) {
            schedule.add("m" + i);
        }
        List<String> firstTwo = new ArrayList<>();
        firstTwo.add(schedule.next(name -> true));
        firstTwo.add(schedule.next(name -> true));
        schedule.remove(firstTwo.get(0));
        Set<String> rest = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            rest.add(schedule.next(name -> true));
        }
        assertThat(rest).hasSize(4).doesNotContainAnyElementsOf(firstTwo);
    }
}
