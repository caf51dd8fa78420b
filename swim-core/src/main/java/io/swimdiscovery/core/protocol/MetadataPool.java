package io.swimdiscovery.core.protocol;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Shares the strings of members' metadata, so a table of n members does not hold n copies of the
 * same keys and values. Every decoded packet brings fresh strings: without sharing, 10,000 Spring
 * instances with 13 keys each hold 260,000 strings, most of them equal ({@code "swim.port"},
 * {@code "8080"}, {@code "UP"}, the service id...), about 1.2 KB per member; shared, a member's
 * metadata costs its map and the few values that are its own (host, instance id).
 *
 * <p>Bounded: at most {@value #MAX_STRINGS} distinct strings are kept, first come first kept; a
 * string seen after the pool is full is stored as it came (correct, only not shared), so a peer
 * sending ever-new values cannot grow it. One pool ({@link #SHARED}) serves every engine of the
 * JVM: the simulator's thousands of engines, or many nodes in one process, hold one pool (at most
 * about half a MB) instead of one each, and sharing equal strings changes no decision, so runs stay
 * deterministic. The work is O(keys) per metadata change, never per packet that repeats what the
 * table holds.
 *
 * <p>Whole maps are shared too, while some table still holds them: every engine in a JVM that
 * lists member X then holds X's one map, not a copy each. On one node that saves nothing (each
 * member's map is its own), but the simulator's n engines and many nodes in one process hold n
 * copies of each member's map otherwise, which at 10,000 simulated nodes is 10⁸ maps, about 15 GB.
 * The maps are held weakly: a map no table references any more (its member changed or left) drops
 * out, so the pool is bounded by what the tables hold and costs a weak entry per distinct live map.
 */
final class MetadataPool {

    static final int MAX_STRINGS = 8192;

    /** The pool every engine uses. */
    static final MetadataPool SHARED = new MetadataPool();

    /** Guarded by itself: engines on different threads share the pool; held for one lookup only. */
    private final Map<String, String> strings = new HashMap<>();

    /** Guarded by itself. Key and value are the same map: the key held weakly, the value through a weak reference. */
    private final Map<Map<String, String>, WeakReference<Map<String, String>>> maps = new WeakHashMap<>();

    /** A map equal to {@code metadata} whose keys and values are the pool's where it has them. */
    Map<String, String> share(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return metadata;
        }
        Map<String, String> known = sharedMap(metadata);
        if (known != null) {
            return known;
        }
        Map<String, String> shared = new HashMap<>(metadata.size() * 2);
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            shared.put(intern(e.getKey()), intern(e.getValue()));
        }
        Map<String, String> copy = Map.copyOf(shared);
        synchronized (maps) {
            maps.put(copy, new WeakReference<>(copy));
        }
        return copy;
    }

    private @Nullable Map<String, String> sharedMap(Map<String, String> metadata) {
        synchronized (maps) {
            WeakReference<Map<String, String>> ref = maps.get(metadata);
            return ref == null ? null : ref.get();
        }
    }

    private String intern(String s) {
        synchronized (strings) {
            String shared = strings.get(s);
            if (shared != null) {
                return shared;
            }
            if (strings.size() < MAX_STRINGS) {
                strings.put(s, s);
            }
            return s;
        }
    }

    /** Distinct maps held (for tests); maps no table references any more drop out at some GC. */
    int mapCount() {
        synchronized (maps) {
            return maps.size();
        }
    }

    /** Distinct strings held (for tests). */
    int size() {
        synchronized (strings) {
            return strings.size();
        }
    }
}
