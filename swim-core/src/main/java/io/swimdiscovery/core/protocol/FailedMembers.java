package io.swimdiscovery.core.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Members this node saw fail, remembered far longer than their tombstones: the reconnect candidates
 * that let a partition heal however long it lasted, and the uids that must never come back.
 *
 * <p>Tombstones in the {@link MemberTable} go after the dead-member retention (minutes), which keeps
 * syncs small. A partition can last longer; if the failed members were forgotten with their
 * tombstones, nobody would ever try the other side again (serf keeps them for its reconnect
 * timeout, 24 hours by default, for the same reason). So each failure is kept here for
 * {@link SwimSettings#reconnectRetention()}, bounded by {@link SwimSettings#maxMembers()} (the
 * oldest goes first), with an array beside the map for an O(1) random pick.
 */
final class FailedMembers {

    /** One failed process: its identity, when this node learnt it had failed, when it last told it so. */
    static final class Failure {
        private final MemberId id;
        private final long failedAtNanos;
        private boolean noticed;
        private long noticedAtNanos;

        Failure(MemberId id, long failedAtNanos) {
            this.id = id;
            this.failedAtNanos = failedAtNanos;
        }

        MemberId id() {
            return id;
        }

        long failedAtNanos() {
            return failedAtNanos;
        }
    }

    private final int capacity;
    private final long retentionNanos;
    /** By name, oldest first. */
    private final LinkedHashMap<String, Failure> byName = new LinkedHashMap<>();
    /** Names whose address is worth trying: no live member of that name is known. */
    private final List<String> candidates = new ArrayList<>();

    private final Map<String, Integer> candidateSlot = new HashMap<>();
    /** Reconnect candidates by address, to tell one that pings this node that it was declared dead. */
    private final Map<Address, String> candidateAt = new HashMap<>();

    FailedMembers(int capacity, long retentionNanos) {
        this.capacity = capacity;
        this.retentionNanos = retentionNanos;
    }

    /** Remembers that {@code id} failed; it becomes a reconnect candidate. */
    void failed(MemberId id, long now) {
        byName.remove(id.name());
        byName.put(id.name(), new Failure(id, now));
        addCandidate(id.name());
        while (byName.size() > capacity) {
            Iterator<String> oldest = byName.keySet().iterator();
            String name = oldest.next();
            oldest.remove();
            removeCandidate(name);
        }
    }

    /** A live process of that name is known again: keep the dead uid, stop reconnecting to it. */
    void replaced(String name) {
        removeCandidate(name);
    }

    /** Whether {@code id}'s uid is one this node saw fail: news about it is stale, and it must rejoin. */
    boolean isDead(MemberId id) {
        Failure f = byName.get(id.name());
        return f != null && f.id().uid() == id.uid();
    }

    /** Whether this node remembers a failed process of that name (any uid). */
    boolean remembers(String name) {
        return byName.containsKey(name);
    }

    /**
     * Whether to tell {@code id} now that this node holds it dead: it is a uid this node saw fail,
     * and this node has not told it in the last {@code intervalNanos} (one small datagram per dead
     * uid per interval, whatever the news that prompts it). Records the notice when it is due.
     */
    boolean deathNoticeDue(MemberId id, long now, long intervalNanos) {
        Failure f = byName.get(id.name());
        if (f == null || f.id().uid() != id.uid()) {
            return false;
        }
        if (f.noticed && now - f.noticedAtNanos < intervalNanos) {
            return false;
        }
        f.noticed = true;
        f.noticedAtNanos = now;
        return true;
    }

    /** Reconnect candidates now. */
    int candidateCount() {
        return candidates.size();
    }

    /** The failed uid at {@code address}, if that address is still a reconnect candidate (nobody new lives there). */
    @Nullable
    MemberId candidateAt(Address address) {
        String name = candidateAt.get(address);
        Failure f = name == null ? null : byName.get(name);
        return f == null ? null : f.id();
    }

    /** A reconnect candidate chosen uniformly, or null. */
    @Nullable
    Failure randomCandidate(RandomGenerator random) {
        if (candidates.isEmpty()) {
            return null;
        }
        return byName.get(candidates.get(random.nextInt(candidates.size())));
    }

    /** Forgets failures older than the retention. */
    void expire(long now) {
        for (Iterator<Failure> it = byName.values().iterator(); it.hasNext(); ) {
            Failure f = it.next();
            if (now - f.failedAtNanos() < retentionNanos) {
                return; // oldest first: the rest are younger
            }
            it.remove();
            removeCandidate(f.id().name());
        }
    }

    int size() {
        return byName.size();
    }

    private void addCandidate(String name) {
        if (!candidateSlot.containsKey(name)) {
            candidateSlot.put(name, candidates.size());
            candidates.add(name);
        }
        Failure f = byName.get(name);
        if (f != null) {
            candidateAt.put(f.id().address(), name);
        }
    }

    private void removeCandidate(String name) {
        Integer slot = candidateSlot.remove(name);
        if (slot == null) {
            return;
        }
        candidateAt.values().remove(name);
        String last = candidates.remove(candidates.size() - 1);
        if (!last.equals(name)) {
            candidates.set(slot, last);
            candidateSlot.put(last, slot);
        }
    }
}
