package io.swimdiscovery.core.wire;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns the metadata entries {@link WireReader} decoded into the map a {@code Gossip} holds.
 * Apart from the reader because it is about maps, not bytes: it reads no buffer and holds no
 * state, and its one concern is to build an immutable map cheaply and to reject a packet whose
 * metadata names a key twice.
 */
final class MetadataMaps {

    private MetadataMaps() {}

    /**
     * Builds the immutable map {@code Gossip} keeps (so its {@code Map.copyOf} is free), rejecting
     * duplicate keys. Small maps, the usual case, skip the intermediate HashMap.
     *
     * @param kv the keys and values, alternating
     * @param n the number of entries: {@code kv} holds {@code 2 * n} strings
     */
    static Map<String, String> immutable(String[] kv, int n) {
        if (n <= 8) {
            for (int i = 1; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    if (kv[2 * i].equals(kv[2 * j])) {
                        throw new MalformedPacketException(RejectReason.INVALID_FIELD, "duplicate metadata key");
                    }
                }
            }
            switch (n) {
                case 1:
                    return Map.of(kv[0], kv[1]);
                case 2:
                    return Map.of(kv[0], kv[1], kv[2], kv[3]);
                case 3:
                    return Map.of(kv[0], kv[1], kv[2], kv[3], kv[4], kv[5]);
                case 4:
                    return Map.of(kv[0], kv[1], kv[2], kv[3], kv[4], kv[5], kv[6], kv[7]);
                case 5:
                    return Map.of(kv[0], kv[1], kv[2], kv[3], kv[4], kv[5], kv[6], kv[7], kv[8], kv[9]);
                case 6:
                    return Map.of(kv[0], kv[1], kv[2], kv[3], kv[4], kv[5], kv[6], kv[7], kv[8], kv[9], kv[10], kv[11]);
                case 7:
                    return Map.of(
                            kv[0], kv[1], kv[2], kv[3], kv[4], kv[5], kv[6], kv[7], kv[8], kv[9], kv[10], kv[11],
                            kv[12], kv[13]);
                default:
                    return Map.of(
                            kv[0], kv[1], kv[2], kv[3], kv[4], kv[5], kv[6], kv[7], kv[8], kv[9], kv[10], kv[11],
                            kv[12], kv[13], kv[14], kv[15]);
            }
        }
        Map<String, String> map = new HashMap<>((int) (n / 0.75f) + 1);
        for (int i = 0; i < n; i++) {
            if (map.put(kv[2 * i], kv[2 * i + 1]) != null) {
                throw new MalformedPacketException(RejectReason.INVALID_FIELD, "duplicate metadata key");
            }
        }
        return Map.copyOf(map);
    }
}
