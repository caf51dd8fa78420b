package io.swimdiscovery.benchmarks.jmh;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metadata as the Spring starter publishes it for an instance (the keys of
 * {@code io.swimdiscovery.spring.discovery.SwimMetadata}) plus a few user keys: 13 entries, most
 * values the same on every instance of a service, a few (host, instance id, version) not.
 */
public final class SpringMetadata {

    /** Keys per member. */
    public static final int KEYS = 13;

    private SpringMetadata() {}

    /** Member {@code i}'s metadata: one of 10 services, 3 zones; host and instance id its own. */
    public static Map<String, String> of(int i) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("swim.service-id", "service-" + (i % 10));
        m.put("swim.port", "8080");
        m.put("swim.scheme", "http");
        m.put("swim.status", "UP");
        m.put("swim.host", "10.0." + (i / 250) + "." + (i % 250 + 1));
        m.put("management.port", "8081");
        m.put("management.context-path", "/actuator");
        m.put("health.path", "/actuator/health");
        m.put("zone", "eu-west-1" + (char) ('a' + i % 3));
        m.put("version", "1.4." + (i % 2));
        m.put("instance-id", "service-" + (i % 10) + "-" + Integer.toHexString(0x7f9c4d + i));
        m.put("team", "payments");
        m.put("build", "2026-11-30T12:00:00Z");
        return Map.copyOf(m);
    }
}
