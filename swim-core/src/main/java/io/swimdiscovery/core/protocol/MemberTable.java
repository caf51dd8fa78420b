package io.swimdiscovery.core.protocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Every member this node knows, by name, with two indexes the protocol samples from: the live
 * members (alive, suspect or unreachable; this node excluded) in an array for O(1) random choice, and
 * the dead ones (not left), candidates for gossip-to-the-dead and reconnect attempts.
 */
final class MemberTable {

    private final Map<String, MemberEntry> byName = new HashMap<>();
    private final List<String> live = new ArrayList<>();
    private final Map<String, Integer> liveIndex = new HashMap<>();
    private final Set<String> dead = new LinkedHashSet<>();
    private final String selfName;

    MemberTable(String selfName) {
        this.selfName = selfName;
    }

    @Nullable MemberEntry get(String name) {
        return byName.get(name);
    }

    /** Adds or replaces the entry of {@code entry.id.name()} and indexes it by status. */
    void put(MemberEntry entry) {
        byName.put(entry.id.name(), entry);
        reindex(entry);
    }

    /** Call after changing an entry's status. */
    void reindex(MemberEntry entry) {
        String name = entry.id.name();
        if (name.equals(selfName)) {
            return;
        }
        boolean isLive = !entry.status.isTerminal();
        Integer at = liveIndex.get(name);
        if (isLive && at == null) {
            liveIndex.put(name, live.size());
            live.add(name);
        } else if (!isLive && at != null) {
            removeLive(at);
        }
        if (entry.status == MemberStatus.DEAD) {
            dead.add(name);
        } else {
            dead.remove(name);
        }
    }

    void remove(String name) {
        byName.remove(name);
        Integer at = liveIndex.get(name);
        if (at != null) {
            removeLive(at);
        }
        dead.remove(name);
    }

    private void removeLive(int at) {
        String name = live.get(at);
        String last = live.remove(live.size() - 1);
        if (!last.equals(name)) {
            live.set(at, last);
            liveIndex.put(last, at);
        }
        liveIndex.remove(name);
    }

    /** Live members other than this node. */
    int liveCount() {
        return live.size();
    }

    /** A live member chosen uniformly, or null if there is none. */
    @Nullable MemberEntry randomLive(RandomGenerator random) {
        return live.isEmpty() ? null : byName.get(live.get(random.nextInt(live.size())));
    }

    /**
     * Up to {@code k} distinct live members chosen uniformly, none named {@code exclude}. Uses a
     * partial Fisher-Yates over indexes so the cost is O(k), whatever the cluster size.
     */
    List<MemberEntry> randomLive(int k, @Nullable String exclude, RandomGenerator random) {
        int n = live.size();
        int want = Math.min(k, n);
        List<MemberEntry> out = new ArrayList<>(want);
        if (want == 0) {
            return out;
        }
        Map<Integer, Integer> swapped = new HashMap<>(want * 2);
        for (int i = 0; i < n && out.size() < want; i++) {
            int j = i + random.nextInt(n - i);
            int pick = swapped.getOrDefault(j, j);
            swapped.put(j, swapped.getOrDefault(i, i));
            String name = live.get(pick);
            if (!name.equals(exclude)) {
                out.add(byName.get(name));
            }
        }
        return out;
    }

    /** Names of dead (not left) members still held as tombstones. */
    Collection<String> deadNames() {
        return dead;
    }

    Collection<MemberEntry> all() {
        return byName.values();
    }

    int size() {
        return byName.size();
    }
}
