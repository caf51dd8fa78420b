package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.MemberId;

/**
 * One identity of a simulated node's process: from its start (or the moment a running process
 * took a new uid) until it crashed, was killed, left, or took another uid. The ground truth that
 * false suspicions and false deaths are judged against.
 *
 * @param id the process's identity (a restart has the same name and address and a new uid)
 * @param index the node's index in the simulation
 * @param startedAtNanos virtual time it started
 * @param stoppedAtNanos virtual time it crashed, was killed, finished leaving or took a new uid,
 *        {@link Long#MAX_VALUE} while up under this identity
 * @param left whether it stopped by leaving rather than crashing or being killed
 */
public record ProcessLifetime(MemberId id, int index, long startedAtNanos, long stoppedAtNanos, boolean left) {

    /** Whether the process was up (started and not yet stopped; paused counts as up) at {@code atNanos}. */
    public boolean isUpAt(long atNanos) {
        return atNanos >= startedAtNanos && atNanos < stoppedAtNanos;
    }
}
