package io.swimdiscovery.benchmarks.sim;

import io.swimdiscovery.benchmarks.JsonLine;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.sim.Simulation;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What is missing from a cluster that has not converged: the (observer, subject) pairs of up
 * nodes where the observer does not list the subject's current process alive, by what the
 * observer holds instead, and how many of them the observer's engine lists alive after all (a
 * pair the simulator's event-built view missed, not the engine). O(n²): once a minute of virtual
 * time while a join has not converged, and at its end.
 */
final class ViewCensus {

    private ViewCensus() {}

    static void put(Simulation sim, JsonLine line) {
        List<Integer> up = sim.upNodes();
        Map<String, Long> byView = new TreeMap<>();
        Set<Integer> observers = new HashSet<>();
        Set<Integer> subjects = new HashSet<>();
        long missing = 0;
        long engineAlive = 0;
        for (int o : up) {
            Set<Long> listedAlive = null;
            for (int s : up) {
                if (s == o) {
                    continue;
                }
                MemberStatus v = sim.view(o, s);
                if (v == MemberStatus.ALIVE) {
                    continue;
                }
                missing++;
                observers.add(o);
                subjects.add(s);
                byView.merge(v == null ? "unknown" : v.name().toLowerCase(Locale.ROOT), 1L, Long::sum);
                if (listedAlive == null) {
                    listedAlive = new HashSet<>();
                    for (Member m : sim.members(o)) {
                        if (m.status() == MemberStatus.ALIVE) {
                            listedAlive.add(m.id().uid());
                        }
                    }
                }
                MemberId id = sim.memberId(s);
                if (id != null && listedAlive.contains(id.uid())) {
                    engineAlive++;
                }
            }
        }
        line.put("census_missing_pairs", missing)
                .put("census_observers", observers.size())
                .put("census_subjects", subjects.size())
                .put("census_engine_lists_alive", engineAlive);
        byView.forEach((k, v) -> line.put("census_view_" + k, v));
    }
}
