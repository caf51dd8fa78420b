package io.swimdiscovery.benchmarks.sim;

import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.sim.ProcessLifetime;
import io.swimdiscovery.core.sim.Simulation;
import io.swimdiscovery.core.sim.TraceListener;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Counts false suspicions as they happen, the same episodes {@code TraceAnalysis.falseSuspicions}
 * finds in a trace (one per member process and incarnation, raised while that process was up),
 * without keeping the events. Under 10% loss every false suspicion and its refutation are
 * published by every node: at 10,000 nodes the kept trace grew by about 2 GB per virtual minute,
 * and it, not the engines, was what ran the 10,000-node proof out of memory.
 */
final class SuspicionEpisodes implements TraceListener {

    /** One suspicion episode: the process and the incarnation it was suspected at. */
    private record Episode(long uid, long incarnation) {}

    private final Set<Episode> seen = new HashSet<>();
    private @Nullable Simulation sim;
    private boolean counting;

    /** Starts counting episodes of {@code sim} (the simulation this listener was registered with). */
    void start(Simulation simulation) {
        this.sim = simulation;
        this.counting = true;
    }

    /** Stops counting; {@link #count()} keeps its value. */
    void stop() {
        counting = false;
    }

    /** Distinct false suspicions seen between {@link #start} and {@link #stop}. */
    long count() {
        return seen.size();
    }

    @Override
    public void onEvent(long atNanos, int observer, MembershipEvent event) {
        Simulation s = sim;
        if (!counting || s == null || !(event instanceof MembershipEvent.MemberSuspected)) {
            return;
        }
        MemberId subject = event.member().id();
        ProcessLifetime life = s.lifetime(subject.uid());
        if (life != null && life.isUpAt(atNanos)) {
            seen.add(new Episode(subject.uid(), event.member().incarnation()));
        }
    }
}
