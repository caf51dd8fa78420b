package io.swimdiscovery.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks the roles' safety invariant after every event of a simulation (docs/roles.md): never two
 * processes holding a valid primary claim at the same virtual instant, each claim judged by its
 * holder's own clock (so drift is accounted for). A claim can only begin at an event of its
 * holder, so checking at each event, against every other node, finds any overlap.
 *
 * <p>It also records the grants it sees (who, when, which token), for failover figures.
 */
public final class PrimaryClaimChecker {

    /** One process holding a valid claim from a virtual instant on. */
    public record Grant(int node, long uid, long token, long atNanos) {}

    private final Simulation sim;
    private final List<Grant> grants = new ArrayList<>();
    private final long[] holdingToken;
    private @Nullable String violation;

    private PrimaryClaimChecker(Simulation sim) {
        this.sim = sim;
        this.holdingToken = new long[sim.size()];
    }

    /** Attaches a checker to {@code sim}; it checks from the next event on. */
    public static PrimaryClaimChecker attach(Simulation sim) {
        PrimaryClaimChecker c = new PrimaryClaimChecker(sim);
        sim.afterEachEvent(c::afterEvent);
        return c;
    }

    private void afterEvent(int node) {
        if (node < 0 || node >= holdingToken.length) {
            return;
        }
        boolean holds = sim.holdsValidPrimaryClaim(node);
        if (!holds) {
            holdingToken[node] = 0;
            return;
        }
        long token = sim.roleState(node).token();
        if (holdingToken[node] != token) {
            holdingToken[node] = token;
            var id = sim.memberId(node);
            grants.add(new Grant(node, id == null ? 0 : id.uid(), token, sim.nowNanos()));
        }
        if (violation != null) {
            return;
        }
        for (int other = 0; other < holdingToken.length; other++) {
            if (other != node && sim.holdsValidPrimaryClaim(other)) {
                violation = String.format(
                        Locale.ROOT,
                        "at %.6f s node %d (token %d) and node %d (token %d) both hold a valid primary claim (seed %d)",
                        sim.nowNanos() / 1e9,
                        node,
                        token,
                        other,
                        sim.roleState(other).token(),
                        sim.seed());
                return;
            }
        }
    }

    /** The first overlap found, or null if none. */
    public @Nullable String violation() {
        return violation;
    }

    /** Every claim seen to begin, in order. */
    public List<Grant> grants() {
        return List.copyOf(grants);
    }

    /** The nodes holding a valid claim now. */
    public List<Integer> holders() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < sim.size(); i++) {
            if (sim.holdsValidPrimaryClaim(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /** The first grant at or after {@code fromNanos} to a node other than {@code exceptNode}, or null. */
    public @Nullable Grant firstGrantAfter(long fromNanos, int exceptNode) {
        for (Grant g : grants) {
            if (g.atNanos() >= fromNanos && g.node() != exceptNode) {
                return g;
            }
        }
        return null;
    }
}
