package io.swimdiscovery.spring.discovery;

import io.swimdiscovery.core.protocol.Member;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The mapping from a SWIM member to the service instance discovery clients hand out. Which members
 * are listed is {@link SwimServiceCatalog}'s rule.
 */
public final class SwimServiceInstances {

    private SwimServiceInstances() {}

    /** The instance {@code member} announces, if it announces one; status is not looked at. */
    public static Optional<SwimServiceInstance> toServiceInstance(Member member) {
        return toServiceInstance(member.name(), member.address().host(), member.metadata());
    }

    /**
     * The instance a member named {@code name} on {@code host} announces with {@code metadata}, if
     * any; the host is {@link SwimMetadata#HOST} when the member published one.
     */
    public static Optional<SwimServiceInstance> toServiceInstance(
            String name, String host, Map<String, String> metadata) {
        String serviceId = metadata.get(SwimMetadata.SERVICE_ID);
        if (serviceId == null || serviceId.isEmpty()) {
            return Optional.empty();
        }
        String scheme = metadata.getOrDefault(SwimMetadata.SCHEME, "http");
        String serviceHost = metadata.get(SwimMetadata.HOST);
        if (serviceHost != null && !serviceHost.isBlank()) {
            host = serviceHost;
        }
        return Optional.of(new SwimServiceInstance(
                name,
                serviceId,
                host,
                port(metadata.get(SwimMetadata.PORT)),
                "https".equalsIgnoreCase(scheme),
                metadata));
    }

    private static int port(@Nullable String text) {
        if (text == null) {
            return -1;
        }
        try {
            int port = Integer.parseInt(text);
            return (port > 0 && port <= 65_535) ? port : -1;
        } catch (NumberFormatException ex) {
            // Metadata comes from other processes: a garbled port makes the instance portless, not an error here.
            return -1;
        }
    }
}
