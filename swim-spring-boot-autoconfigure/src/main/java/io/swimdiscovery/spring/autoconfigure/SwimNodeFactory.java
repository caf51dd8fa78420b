package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.RoleSettings;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.serviceregistry.SwimRegistration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.springframework.core.env.Environment;

/**
 * Builds the auto-configured {@link SwimNode} from the properties: once for the bean, and again
 * for every start after a stop (a node that left is closed for good, so a restart needs a new
 * one). Each build chooses the advertised host ({@link SwimHostResolver}: {@code server.address},
 * Spring Cloud's {@code InetUtils} rules) and reads the registration's metadata as it is then.
 */
final class SwimNodeFactory {

    // Nodes built here (weakly held): only those may be rebuilt, never a node of the user's own.
    private static final Set<SwimNode> BUILT =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private final SwimProperties properties;

    private final SwimSettings settings;

    private final SwimRegistration registration;

    private final List<SwimNodeCustomizer> customizers;

    private final Environment environment;

    SwimNodeFactory(
            SwimProperties properties,
            SwimSettings settings,
            SwimRegistration registration,
            List<SwimNodeCustomizer> customizers,
            Environment environment) {
        this.properties = properties;
        this.settings = settings;
        this.registration = registration;
        this.customizers = List.copyOf(customizers);
        this.environment = environment;
    }

    SwimNode create() {
        // Host first: the service host is part of the first metadata the node gossips.
        SwimHostResolver.Choice host = SwimHostResolver.choose(this.properties, this.environment);
        this.registration.setServiceHost(host.serviceHost());
        RoleSettings roles = this.properties.getRoles().toSettings(this.registration.getServiceId());
        // A new node is never primary when it starts: its first metadata says secondary.
        this.registration.setRole(roles.enabled() ? SwimMetadata.ROLE_SECONDARY : null, 0);
        Map<String, String> metadata = this.registration.memberMetadata();
        SwimMetadataBound.check(metadata, this.settings);
        SwimHostResolver.warnIfLoopbackWithRemoteSeeds(
                (host.swimHost() != null) ? host.swimHost() : this.properties.getBindAddress(), this.properties);
        SwimNode.Builder builder = SwimNode.builder()
                .name(this.registration.getInstanceId())
                .clusterName(this.properties.getClusterName())
                .bindHost(this.properties.getBindAddress())
                .bindPort(this.properties.getPort())
                .settings(this.settings)
                .roles(roles)
                .metadata(metadata)
                .seeds(SwimSeedProviders.from(this.properties))
                .keys(SwimPropertiesValidator.decodeKeys(this.properties))
                .encryptionMode(this.properties.getEncryption().effectiveMode())
                .joinTimeout(this.properties.getJoinTimeout());
        String swimHost = host.swimHost();
        if (swimHost != null) {
            builder.advertiseHost(swimHost);
        }
        if (this.properties.getAdvertisePort() != null) {
            builder.advertisePort(this.properties.getAdvertisePort());
        }
        this.properties.getLimits().applyTo(builder);
        this.customizers.forEach((customizer) -> customizer.customize(builder));
        SwimNode node = builder.build();
        BUILT.add(node);
        return node;
    }

    /** Whether {@code node} was built by a factory of this auto-configuration. */
    static boolean built(SwimNode node) {
        return BUILT.contains(node);
    }
}
