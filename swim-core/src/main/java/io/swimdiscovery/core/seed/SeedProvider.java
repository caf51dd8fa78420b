package io.swimdiscovery.core.seed;

import io.swimdiscovery.core.protocol.Address;
import java.util.List;

/**
 * Where to find members to join through. Asked at join and again at every rejoin attempt, so a
 * DNS name that resolves differently later is followed. May block (DNS); the node calls it off the
 * protocol thread.
 */
@FunctionalInterface
public interface SeedProvider {

    /**
     * The seed addresses now. A name that does not resolve is logged and skipped, never thrown:
     * an empty list means "no seeds found this time".
     */
    List<Address> seeds();

    /** No seeds: a node that starts a new cluster. */
    static SeedProvider none() {
        return List::of;
    }

    /** A fixed list. */
    static SeedProvider of(List<Address> seeds) {
        List<Address> copy = List.copyOf(seeds);
        return () -> copy;
    }
}
