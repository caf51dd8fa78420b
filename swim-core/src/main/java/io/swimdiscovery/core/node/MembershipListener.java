package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.MembershipEvent;

/**
 * Receives membership changes of a {@link SwimNode}, one at a time and in the order the engine
 * decided them, on the node's listener executor (never on the protocol thread), so a slow
 * listener delays other listeners but never a probe.
 */
@FunctionalInterface
public interface MembershipListener {

    void onEvent(MembershipEvent event);
}
