package io.swimdiscovery.benchmarks.sim;

import io.swimdiscovery.benchmarks.JsonLine;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.sim.ProcessLifetime;
import io.swimdiscovery.core.sim.Simulation;
import io.swimdiscovery.core.sim.TraceListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Why live processes were declared dead, read at the first declaration of each one: had the
 * subject already refuted the suspicion (so the observer missed a refutation that was out), or
 * not (the subject never heard it was suspected), and how long before the first suspicion of that
 * process and incarnation had been raised anywhere (near the suspicion timeout's minimum: the
 * observer had confirmations; near its maximum: it had none). Nothing is kept per event, only per
 * suspected process: a few thousand entries at 10,000 nodes under loss.
 */
final class FalseDeathCauses implements TraceListener {

    /** A process and the incarnation it was suspected at. */
    private record Episode(long uid, long incarnation) {}

    private final Map<Episode, Long> firstSuspectedAt = new HashMap<>();
    private final Set<Long> declared = new HashSet<>();
    private final List<Long> agesMillis = new ArrayList<>();
    private long refutedBefore;
    private long unrefuted;
    private long rejoinedBefore;
    private long noSuspicionSeen;
    private @Nullable Simulation sim;

    /** Starts watching {@code simulation} (the simulation this listener was registered with). */
    void start(Simulation simulation) {
        this.sim = simulation;
    }

    @Override
    public void onEvent(long atNanos, int observer, MembershipEvent event) {
        Simulation s = sim;
        if (s == null) {
            return;
        }
        if (event instanceof MembershipEvent.MemberSuspected) {
            Member m = event.member();
            if (isUp(s, m.id(), atNanos)) {
                firstSuspectedAt.putIfAbsent(new Episode(m.id().uid(), m.incarnation()), atNanos);
            }
        } else if (event instanceof MembershipEvent.MemberFailed) {
            Member m = event.member();
            if (isUp(s, m.id(), atNanos) && declared.add(m.id().uid())) {
                classify(s, m, atNanos);
            }
        }
    }

    private void classify(Simulation s, Member dead, long atNanos) {
        Member self = s.swimInstance(s.indexOf(dead.id().name())).localMember();
        if (self.id().uid() != dead.id().uid()) {
            rejoinedBefore++;
        } else if (self.incarnation() > dead.incarnation()) {
            refutedBefore++;
        } else {
            unrefuted++;
        }
        Long since = firstSuspectedAt.get(new Episode(dead.id().uid(), dead.incarnation()));
        if (since == null) {
            noSuspicionSeen++;
        } else {
            agesMillis.add((atNanos - since) / 1_000_000L);
        }
    }

    private static boolean isUp(Simulation s, MemberId id, long atNanos) {
        ProcessLifetime life = s.lifetime(id.uid());
        return life != null && life.isUpAt(atNanos);
    }

    /** {@code fd_*} fields: the first declarations of live processes so far, by cause, and their suspicion ages. */
    JsonLine put(JsonLine line) {
        line.put("fd_first_declarations", declared.size())
                .put("fd_subject_had_refuted", refutedBefore)
                .put("fd_subject_had_not_refuted", unrefuted)
                .put("fd_subject_had_rejoined", rejoinedBefore)
                .put("fd_no_suspicion_seen", noSuspicionSeen);
        if (!agesMillis.isEmpty()) {
            List<Long> sorted = new ArrayList<>(agesMillis);
            Collections.sort(sorted);
            line.put("fd_suspicion_age_ms_min", sorted.get(0))
                    .put("fd_suspicion_age_ms_median", sorted.get(sorted.size() / 2))
                    .put("fd_suspicion_age_ms_max", sorted.get(sorted.size() - 1));
        }
        return line;
    }
}
