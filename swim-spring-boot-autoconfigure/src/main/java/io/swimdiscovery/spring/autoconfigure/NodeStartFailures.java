package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.node.SwimNode;
import java.io.UncheckedIOException;

/**
 * Starts a node's sockets for {@link SwimLifecycle} and turns a bind failure into an
 * {@link InvalidSwimPropertyException} against the property that caused it: a socket that cannot
 * be bound is a configuration problem, and the failure analyzer then names the setting to change.
 */
final class NodeStartFailures {

    private NodeStartFailures() {}

    static void start(SwimNode node, SwimProperties properties) {
        try {
            node.start();
        } catch (UncheckedIOException ex) {
            String reason = String.valueOf(ex.getMessage());
            if (reason.contains("resolve bind host")) {
                throw new InvalidSwimPropertyException(
                        "swim.bind-address",
                        properties.getBindAddress(),
                        "an address of this host (" + reason + ")",
                        ex);
            }
            throw new InvalidSwimPropertyException(
                    "swim.port",
                    properties.getPort(),
                    "a port no other process uses for UDP and TCP on " + properties.getBindAddress()
                            + ", or 0 for a free one (" + reason + ")",
                    ex);
        }
    }
}
