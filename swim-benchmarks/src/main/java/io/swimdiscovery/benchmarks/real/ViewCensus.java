package io.swimdiscovery.benchmarks.real;

import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What keeps a cluster from converging, read from every node's published view when the join
 * deadline passes: how many nodes do not list all n alive, and for each (observer, member) pair
 * that is not "alive under the member's current uid", what the observer lists instead (suspect,
 * dead, left, an older uid, nothing). O(n²) once, at the end of a failed run; never on a node's loop.
 */
final class ViewCensus {

    /** Wrong pairs spelt out in full, enough to follow one in a log without flooding the result line. */
    private static final int MAX_EXAMPLES = 8;

    private ViewCensus() {}

    static void describe(List<SwimNode> nodes, RealRunResult result) {
        Map<String, MemberId> current = new HashMap<>();
        for (SwimNode node : nodes) {
            if (node.isRunning()) {
                MemberId id = node.localMember().id();
                current.put(id.name(), id);
            }
        }
        Map<String, Integer> wrong = new TreeMap<>();
        Map<String, Integer> missingByMember = new HashMap<>();
        List<String> examples = new ArrayList<>();
        int unconverged = 0;
        for (SwimNode observer : nodes) {
            if (!observer.isRunning()) {
                wrong.merge("observer-stopped", 1, Integer::sum);
                continue;
            }
            Map<String, Member> listed = new HashMap<>();
            for (Member m : observer.members()) {
                listed.put(m.name(), m);
            }
            boolean complete = true;
            for (MemberId expected : current.values()) {
                Member m = listed.get(expected.name());
                String kind;
                if (m == null) {
                    kind = "absent";
                } else if (m.id().uid() != expected.uid()) {
                    kind = "other-uid-" + m.status().name().toLowerCase(java.util.Locale.ROOT);
                } else if (m.status() != MemberStatus.ALIVE) {
                    kind = m.status().name().toLowerCase(java.util.Locale.ROOT);
                } else {
                    continue;
                }
                complete = false;
                if (examples.size() < MAX_EXAMPLES) {
                    examples.add(observer.localMember().name() + " lists " + expected.name() + " as "
                            + (m == null ? "nothing" : m.status() + " uid " + m.id().uid() + " inc " + m.incarnation())
                            + ", current uid " + expected.uid());
                }
                wrong.merge(kind, 1, Integer::sum);
                missingByMember.merge(expected.name(), 1, Integer::sum);
            }
            if (!complete) {
                unconverged++;
            }
        }
        result.put("census_running_nodes", current.size())
                .put("census_unconverged_observers", unconverged)
                .put("census_wrong_pairs", wrong.toString())
                .put("census_members_not_seen_by_all", missingByMember.size())
                .put("census_examples", examples.toString())
                .put(
                        "census_most_missed_by",
                        missingByMember.values().stream()
                                .mapToInt(Integer::intValue)
                                .max()
                                .orElse(0));
    }
}
