package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.node.MembershipListener;
import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.spring.event.SwimEventPublisher;
import io.swimdiscovery.spring.serviceregistry.SwimRegistration;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the SWIM node: properties, this application's {@link SwimRegistration},
 * the node itself (lazy, built once the web server's port is known) and the
 * {@link SwimLifecycle} that starts, joins and leaves it. Discovery, the service registry, the load
 * balancer, the endpoint, health and metrics are separate auto-configurations built on these.
 *
 * <p>A {@link SwimNode} bean of your own makes this one back off; the lifecycle then runs yours.
 */
@AutoConfiguration
@ConditionalOnSwimEnabled
@ConditionalOnClass(SwimNode.class)
@EnableConfigurationProperties(SwimProperties.class)
public final class SwimAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SwimRegistration swimRegistration(SwimProperties properties, Environment environment) {
        SwimProperties.Service service = properties.getService();
        String serviceId = (service.getId() != null) ? service.getId()
                : environment.getProperty("spring.application.name", "application");
        String nodeName = (properties.getNodeName() != null) ? properties.getNodeName()
                : serviceId + "-" + UUID.randomUUID().toString().substring(0, 8);
        String host = (properties.getAdvertiseAddress() != null) ? properties.getAdvertiseAddress()
                : properties.getBindAddress();
        int port = (service.getPort() != null) ? service.getPort() : -1;
        SwimRegistration registration = new SwimRegistration(nodeName, serviceId, host, port,
                service.effectiveScheme(), service.getZone(), service.getMetadata());
        registration.setManagementPaths(SwimManagementPaths.from(environment, properties));
        registration.setManagementPort(SwimManagementPaths.fixedManagementPort(environment));
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    SwimSettings swimSettings(SwimProperties properties, ObjectProvider<SwimSettingsCustomizer> customizers) {
        SwimSettings.Builder builder = properties.toSettings().toBuilder();
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        return builder.build();
    }

    // Lazy: built by SwimLifecycle.start(), after the web server bound its port, so the first
    // metadata the node gossips already carries the right service port.
    @Bean(destroyMethod = "close")
    @Lazy
    @ConditionalOnMissingBean
    SwimNode swimNode(SwimProperties properties, SwimSettings settings, SwimRegistration registration,
            ObjectProvider<SwimNodeCustomizer> customizers, Environment environment) {
        // Host first: the service host is part of the first metadata the node gossips.
        SwimHostResolver.Choice host = SwimHostResolver.choose(properties, environment);
        registration.setServiceHost(host.serviceHost());
        Map<String, String> metadata = registration.memberMetadata();
        SwimMetadataBound.check(metadata, settings);
        SwimHostResolver.warnIfLoopbackWithRemoteSeeds(
                (host.swimHost() != null) ? host.swimHost() : properties.getBindAddress(), properties);
        SwimNode.Builder builder = SwimNode.builder()
            .name(registration.getInstanceId())
            .clusterName(properties.getClusterName())
            .bindHost(properties.getBindAddress())
            .bindPort(properties.getPort())
            .settings(settings)
            .metadata(metadata)
            .seeds(SwimSeedProviders.from(properties))
            .keys(SwimPropertiesValidator.decodeKeys(properties))
            .encryptionMode(properties.getEncryption().effectiveMode())
            .joinTimeout(properties.getJoinTimeout());
        if (host.swimHost() != null) {
            builder.advertiseHost(host.swimHost());
        }
        if (properties.getAdvertisePort() != null) {
            builder.advertisePort(properties.getAdvertisePort());
        }
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    SwimEventPublisher swimEventPublisher(ApplicationEventPublisher publisher) {
        return new SwimEventPublisher(publisher);
    }

    @Bean
    @ConditionalOnMissingBean
    SwimLifecycle swimLifecycle(ObjectProvider<SwimNode> node, SwimRegistration registration,
            ObjectProvider<MembershipListener> listeners, ApplicationEventPublisher publisher,
            SwimProperties properties) {
        return new SwimLifecycle(node::getObject, registration, listeners.orderedStream().toList(), publisher,
                properties);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.web.server.context.WebServerInitializedEvent")
    static class WebServerPortConfiguration {

        @Bean
        SwimServicePortListener swimServicePortListener(SwimRegistration registration, SwimProperties properties) {
            return new SwimServicePortListener(registration, properties);
        }
    }
}
