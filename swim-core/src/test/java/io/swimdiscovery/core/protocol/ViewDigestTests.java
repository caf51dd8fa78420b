package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ViewDigestTests {

    private static MemberEntry entry(String name, long uid, long incarnation, MemberStatus status) {
        return new MemberEntry(
                new MemberId(name, new Address("10.0.0.1", 7946), uid), status, incarnation, Map.of(), 0);
    }

    private static List<MemberEntry> view(int n) {
        List<MemberEntry> view = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            view.add(entry("node-" + i, 1000 + i, i % 3, MemberStatus.ALIVE));
        }
        return view;
    }

    @Test
    void sameMembersInAnyOrder_giveTheSameDigest() {
        List<MemberEntry> a = view(200);
        List<MemberEntry> b = view(200);
        Collections.shuffle(b, new Random(3));
        assertThat(ViewDigest.of(b)).isEqualTo(ViewDigest.of(a));
    }

    @Test
    void anyChangeAFullSyncWouldCarry_changesTheDigest() {
        long base = ViewDigest.of(view(50));
        List<MemberEntry> v = view(50);
        v.get(7).incarnation++;
        assertThat(ViewDigest.of(v)).as("a newer incarnation").isNotEqualTo(base);
        v = view(50);
        v.get(7).status = MemberStatus.SUSPECT;
        assertThat(ViewDigest.of(v)).as("a suspicion").isNotEqualTo(base);
        v = view(50);
        v.set(7, entry("node-7", 4242, 1, MemberStatus.ALIVE));
        assertThat(ViewDigest.of(v)).as("a restart under the same name").isNotEqualTo(base);
        v = view(50);
        v.remove(7);
        assertThat(ViewDigest.of(v)).as("a member one side does not know").isNotEqualTo(base);
        v = view(50);
        v.get(7).status = MemberStatus.DEAD;
        assertThat(ViewDigest.of(v)).as("dead at one side, alive at the other").isNotEqualTo(base);
    }

    @Test
    void tombstones_whichEachNodeForgetsOnItsOwnClock_doNotCount() {
        List<MemberEntry> v = view(20);
        long base = ViewDigest.of(v);
        v.add(entry("gone", 99, 4, MemberStatus.DEAD));
        v.add(entry("left", 98, 0, MemberStatus.LEFT));
        assertThat(ViewDigest.of(v)).isEqualTo(base);
    }
}
