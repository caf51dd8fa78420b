package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.Address;
import java.time.Duration;
import java.util.List;

/**
 * No seed answered within the join timeout. The node keeps trying in the background; this only
 * tells the caller that it is still alone.
 */
public final class JoinFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Address> seedsTried;

    JoinFailedException(List<Address> seedsTried, Duration timeout, String seedSource, String hint) {
        super(message(seedsTried, timeout, seedSource) + hint);
        this.seedsTried = List.copyOf(seedsTried);
    }

    /** The addresses the node sent join requests to (empty if the seeds did not resolve). */
    public List<Address> seedsTried() {
        return seedsTried;
    }

    private static String message(List<Address> tried, Duration timeout, String source) {
        if (tried.isEmpty()) {
            return "could not join within " + timeout.toMillis() + " ms: seeds " + source
                    + " resolved to no address; still retrying in the background";
        }
        return "could not join within " + timeout.toMillis() + " ms: no answer from seeds " + tried + " (from " + source
                + "); still retrying in the background";
    }
}
