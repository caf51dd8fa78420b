package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.protocol.SwimSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Checks at startup that the metadata this instance will gossip fits the engine's bound
 * ({@code swim.protocol.max-metadata-bytes}), counted as the engine counts it (2 bytes plus the
 * UTF-8 key and value per entry), so an oversized {@code swim.service.metadata} stops the
 * application with a message naming the property rather than a raw engine exception.
 */
final class SwimMetadataBound {

    private SwimMetadataBound() {}

    static int bytes(Map<String, String> metadata) {
        int bytes = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            bytes += 2
                    + e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    static void check(Map<String, String> metadata, SwimSettings settings) {
        int bytes = bytes(metadata);
        if (bytes > settings.maxMetadataBytes()) {
            throw new InvalidSwimPropertyException(
                    "swim.service.metadata",
                    metadata.size() + " entries taking " + bytes + " bytes",
                    "metadata of at most " + settings.maxMetadataBytes() + " bytes in all, service keys included "
                            + "(2 bytes plus the UTF-8 key and value per entry; swim.protocol.max-metadata-bytes "
                            + "sets the bound)");
        }
    }
}
