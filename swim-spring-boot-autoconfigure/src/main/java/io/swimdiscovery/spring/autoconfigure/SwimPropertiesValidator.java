package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.seed.DnsSeedProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@link SwimProperties} as a whole when they are bound, and parses the values that need it
 * (seeds, keys). Every problem becomes an {@link InvalidSwimPropertyException} naming the property,
 * so a typo stops the application with one clear line instead of a node that never joins.
 */
final class SwimPropertiesValidator {

    private static final String PORT_RANGE = "a port number between 0 and 65535";

    private static final String SEED_FORMAT = "host:port, [ipv6]:port or host (which uses the SWIM port)";

    private SwimPropertiesValidator() {}

    static void validate(SwimProperties properties) {
        checkPort("swim.port", properties.getPort(), 0);
        if (properties.getAdvertisePort() != null) {
            checkPort("swim.advertise-port", properties.getAdvertisePort(), 1);
        }
        if (properties.getService().getPort() != null) {
            checkPort("swim.service.port", properties.getService().getPort(), 0);
        }
        if (properties.getClusterName().isBlank()) {
            throw new InvalidSwimPropertyException(
                    "swim.cluster-name",
                    properties.getClusterName(),
                    "a non-empty name shared by every member of the cluster");
        }
        String nodeName = properties.getNodeName();
        if (nodeName != null
                && (nodeName.isBlank() || nodeName.getBytes(StandardCharsets.UTF_8).length > MemberId.MAX_NAME_BYTES)) {
            throw new InvalidSwimPropertyException(
                    "swim.node-name",
                    nodeName,
                    "a non-empty name of at most " + MemberId.MAX_NAME_BYTES + " UTF-8 bytes");
        }
        seedAddresses(properties);
        checkPositive(
                "swim.readiness.health-check-interval",
                properties.getReadiness().getHealthCheckInterval());
        Duration heartbeat = properties.getHeartbeat().getInterval();
        if (heartbeat == null || heartbeat.isNegative()) {
            throw new InvalidSwimPropertyException(
                    "swim.heartbeat.interval", heartbeat, "a duration of 0 (no coalescing) or more, such as 1s");
        }
        String seedDns = properties.getSeedDns();
        if (seedDns != null) {
            try {
                new DnsSeedProvider(seedDns, seedPort(properties));
            } catch (IllegalArgumentException ex) {
                throw new InvalidSwimPropertyException(
                        "swim.seed-dns",
                        seedDns,
                        "a DNS name, name:port, or an SRV name such as _swim._udp.orders.default.svc.cluster.local ("
                                + ex.getMessage() + ")",
                        ex);
            }
        }
        List<byte[]> keys = decodeKeys(properties);
        EncryptionMode mode = properties.getEncryption().effectiveMode();
        if (mode != EncryptionMode.NONE && keys.isEmpty()) {
            throw new InvalidSwimPropertyException(
                    "swim.encryption.mode",
                    mode.name().toLowerCase(Locale.ROOT),
                    "'none' unless swim.encryption.keys holds at least one key");
        }
        SwimLimitsProperties limits = properties.getLimits();
        checkRange("swim.limits.max-concurrent-syncs", limits.getMaxConcurrentSyncs(), 1, 65_536);
        checkRange("swim.limits.max-pending-listener-events", limits.getMaxPendingListenerEvents(), 1, 1 << 24);
        checkRange("swim.limits.max-queued-datagrams", limits.getMaxQueuedDatagrams(), 1, 1 << 22);
        checkRange("swim.limits.max-queued-datagram-bytes", limits.getMaxQueuedDatagramBytes(), 65_507, 1L << 38);
        checkPositive("swim.join-timeout", properties.getJoinTimeout());
        checkPositive("swim.leave-timeout", properties.getLeaveTimeout());
        String scheme = properties.getService().getScheme();
        if (scheme.isBlank() || !scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw new InvalidSwimPropertyException("swim.service.scheme", scheme, "a URI scheme such as http or https");
        }
        properties.toSettings();
        // The default group (the service id) is not known here; any valid name checks the rest.
        properties.getRoles().toSettings("group");
    }

    /** The configured seeds as addresses; a seed without a port gets the SWIM port. */
    static List<Address> seedAddresses(SwimProperties properties) {
        List<Address> seeds = new ArrayList<>();
        List<String> configured = properties.getSeeds();
        for (int i = 0; i < configured.size(); i++) {
            seeds.add(parseAddress("swim.seeds[" + i + "]", configured.get(i), seedPort(properties), SEED_FORMAT));
        }
        return seeds;
    }

    /** The keyring, decoded; a key of the wrong length is reported by its length, never its value. */
    static List<byte[]> decodeKeys(SwimProperties properties) {
        List<byte[]> keys = new ArrayList<>();
        List<String> configured = properties.getEncryption().getKeys();
        for (int i = 0; i < configured.size(); i++) {
            String property = "swim.encryption.keys[" + i + "]";
            byte[] key;
            try {
                key = Base64.getDecoder().decode(configured.get(i).trim());
            } catch (IllegalArgumentException ex) {
                throw new InvalidSwimPropertyException(
                        property, "(not base64, value hidden)", "a base64-encoded AES key of 16, 24 or 32 bytes");
            }
            if (key.length != 16 && key.length != 24 && key.length != 32) {
                throw new InvalidSwimPropertyException(
                        property,
                        "(" + key.length + " bytes, value hidden)",
                        "a base64-encoded AES key of 16, 24 or 32 bytes");
            }
            keys.add(key);
        }
        return keys;
    }

    /** Builds the engine's settings, turning its complaint into one about the property. */
    static SwimSettings build(SwimSettings.Builder builder, SwimProtocolProperties protocol) {
        try {
            return builder.build();
        } catch (IllegalArgumentException ex) {
            String message = String.valueOf(ex.getMessage());
            String setting = message.split("[ (]", 2)[0];
            String property = "swim.protocol." + kebab(setting);
            throw new InvalidSwimPropertyException(
                    property, configuredValue(protocol, setting), "a value the engine accepts (" + message + ")", ex);
        }
    }

    // The value as the user wrote it, when the complaint is about a property that is set.
    private static @Nullable Object configuredValue(SwimProtocolProperties protocol, String setting) {
        if (setting.isEmpty()) {
            return null;
        }
        try {
            String getter = "get" + Character.toUpperCase(setting.charAt(0)) + setting.substring(1);
            Object value = SwimProtocolProperties.class.getMethod(getter).invoke(protocol);
            return (value instanceof Duration duration) ? duration.toMillis() + "ms" : value;
        } catch (ReflectiveOperationException ex) {
            return null;
        }
    }

    static int seedPort(SwimProperties properties) {
        return (properties.getPort() != 0) ? properties.getPort() : SwimProperties.DEFAULT_PORT;
    }

    private static Address parseAddress(String property, String text, int defaultPort, String expected) {
        try {
            return Address.parse(text, defaultPort);
        } catch (IllegalArgumentException ex) {
            throw new InvalidSwimPropertyException(property, text, expected + " (" + ex.getMessage() + ")", ex);
        }
    }

    private static void checkPort(String property, int port, int min) {
        if (port < min || port > 65_535) {
            throw new InvalidSwimPropertyException(
                    property, port, (min == 0) ? PORT_RANGE : "a port number between " + min + " and 65535");
        }
    }

    private static void checkRange(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidSwimPropertyException(property, value, "a number from " + min + " to " + max);
        }
    }

    private static void checkPositive(String property, @Nullable Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new InvalidSwimPropertyException(property, duration, "a positive duration such as 5s");
        }
    }

    private static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
