package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.MemberStatus;

/**
 * What every node believes of every other node's current process, rebuilt from the published
 * events: one byte per (observer, subject) pair plus a count of ALIVE entries per observer, so
 * "does everyone see everyone alive" costs O(n) instead of copying n member lists. At 10,000
 * nodes this is 100 MB, which is why it can be switched off.
 */
final class ViewMatrix {

    /** Code for "does not know the subject's current process". */
    static final byte UNKNOWN = 0;

    private final byte[][] status;
    private final int[] aliveCount;

    ViewMatrix(int n) {
        status = new byte[n][];
        aliveCount = new int[n];
    }

    static byte code(MemberStatus s) {
        return (byte) (s.ordinal() + 1);
    }

    void record(int observer, int subject, MemberStatus newStatus) {
        byte[] row = row(observer);
        byte old = row[subject];
        byte now = code(newStatus);
        if (old == now) {
            return;
        }
        if (old == code(MemberStatus.ALIVE)) {
            aliveCount[observer]--;
        }
        if (now == code(MemberStatus.ALIVE)) {
            aliveCount[observer]++;
        }
        row[subject] = now;
    }

    /** Observer knows every subject whose bit is set as alive (a silent warm start). */
    void recordAllAlive(int observer, java.util.BitSet subjects) {
        for (int s = subjects.nextSetBit(0); s >= 0; s = subjects.nextSetBit(s + 1)) {
            if (s != observer) {
                record(observer, s, MemberStatus.ALIVE);
            }
        }
    }

    /** Status code observer holds for subject's current process; {@link #UNKNOWN} if none. */
    byte get(int observer, int subject) {
        byte[] row = status[observer];
        return row == null ? UNKNOWN : row[subject];
    }

    int aliveCount(int observer) {
        return aliveCount[observer];
    }

    /** A new process at {@code index}: it knows nothing, and nobody knows it yet. */
    void resetProcess(int index) {
        status[index] = null;
        aliveCount[index] = 0;
        forgetSubject(index);
    }

    /**
     * The process at {@code index} took a new uid (it rejoined after being declared dead): it keeps
     * its own view, but nobody knows the new uid yet.
     */
    void forgetSubject(int index) {
        byte alive = code(MemberStatus.ALIVE);
        for (int o = 0; o < status.length; o++) {
            byte[] row = status[o];
            if (row != null && row[index] != UNKNOWN) {
                if (row[index] == alive) {
                    aliveCount[o]--;
                }
                row[index] = UNKNOWN;
            }
        }
    }

    private byte[] row(int observer) {
        byte[] row = status[observer];
        if (row == null) {
            row = new byte[status.length];
            status[observer] = row;
        }
        return row;
    }
}
