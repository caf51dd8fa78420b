package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.spring.serviceregistry.SwimRegistration.ManagementPaths;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Where this application's actuator endpoints are, as metadata for discovery-driven tools
 * (Spring Boot Admin reads {@code management.port}, {@code management.context-path} and
 * {@code health.path}). Read from Boot's own properties: on the application's port the path
 * starts with the servlet context path or WebFlux base path; on a separate management server
 * ({@code management.server.port}) with {@code management.server.base-path}.
 */
final class SwimManagementPaths {

    private static final String ENDPOINT_CLASS = "org.springframework.boot.actuate.endpoint.annotation.Endpoint";

    private SwimManagementPaths() {}

    /** The paths, or null when management metadata is off, Actuator is absent or management HTTP is disabled. */
    static @Nullable ManagementPaths from(Environment environment, SwimProperties properties) {
        if (!properties.getInstance().isManagementMetadata()
                || !ClassUtils.isPresent(ENDPOINT_CLASS, SwimManagementPaths.class.getClassLoader())) {
            return null;
        }
        Integer managementPort = environment.getProperty("management.server.port", Integer.class);
        if (managementPort != null && managementPort < 0) {
            return null;
        }
        boolean separate = managementPort != null
                && !managementPort.equals(environment.getProperty("server.port", Integer.class, 8080));
        String prefix = separate
                ? environment.getProperty("management.server.base-path", "")
                : environment.getProperty(
                        "server.servlet.context-path", environment.getProperty("spring.webflux.base-path", ""));
        String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        String health = environment.getProperty("management.endpoints.web.path-mapping.health", "health");
        return new ManagementPaths(join(prefix, base), trimSlashes(health));
    }

    /** The management server's port when it is fixed and separate, else -1 (learnt from its start event). */
    static int fixedManagementPort(Environment environment) {
        Integer port = environment.getProperty("management.server.port", Integer.class);
        return (port != null && port > 0) ? port : -1;
    }

    private static String join(String prefix, String base) {
        String joined = "/" + trimSlashes(prefix) + "/" + trimSlashes(base);
        joined = joined.replaceAll("/+", "/");
        return (joined.length() > 1 && joined.endsWith("/")) ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static String trimSlashes(String path) {
        String p = path.trim();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
