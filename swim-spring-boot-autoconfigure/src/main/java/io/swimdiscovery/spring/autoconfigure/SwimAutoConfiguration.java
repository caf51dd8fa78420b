package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.node.MembershipListener;
import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.spring.event.SwimEventPublisher;
import io.swimdiscovery.spring.serviceregistry.SwimRegistration;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
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
 * {@code spring.cloud.discovery.enabled=false} switches the whole integration off, as
 * {@code swim.enabled=false} does: no node, no socket.
 */
@AutoConfiguration
@ConditionalOnSwimEnabled
@ConditionalOnDiscoveryEnabled
@ConditionalOnClass(SwimNode.class)
@EnableConfigurationProperties(SwimProperties.class)
public final class SwimAutoConfiguration {

    private static final String LIFECYCLE_BEAN_NAME = "swimLifecycle";

    @Bean
    @ConditionalOnMissingBean
    SwimRegistration swimRegistration(SwimProperties properties, Environment environment) {
        SwimProperties.Service service = properties.getService();
        String serviceId = (service.getId() != null)
                ? service.getId()
                : environment.getProperty("spring.application.name", "application");
        String nodeName = (properties.getNodeName() != null)
                ? properties.getNodeName()
                : serviceId + "-" + UUID.randomUUID().toString().substring(0, 8);
        String host = (properties.getAdvertiseAddress() != null)
                ? properties.getAdvertiseAddress()
                : properties.getBindAddress();
        int port = (service.getPort() != null) ? service.getPort() : -1;
        SwimRegistration registration = new SwimRegistration(
                nodeName, serviceId, host, port, service.effectiveScheme(), service.getZone(), service.getMetadata());
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
    SwimNode swimNode(
            SwimProperties properties,
            SwimSettings settings,
            SwimRegistration registration,
            ObjectProvider<SwimNodeCustomizer> customizers,
            Environment environment) {
        return new SwimNodeFactory(
                        properties,
                        settings,
                        registration,
                        customizers.orderedStream().toList(),
                        environment)
                .create();
    }

    @Bean
    @ConditionalOnMissingBean
    SwimEventPublisher swimEventPublisher(ApplicationEventPublisher publisher) {
        return new SwimEventPublisher(publisher);
    }

    // Listeners are looked up at the first start, not here: a MembershipListener bean that
    // depends on the DiscoveryClient (which depends on this lifecycle) is then no cycle.
    @Bean
    @ConditionalOnMissingBean
    SwimLifecycle swimLifecycle(
            ObjectProvider<SwimNode> node,
            SwimRegistration registration,
            ObjectProvider<MembershipListener> listeners,
            ApplicationEventPublisher publisher,
            SwimProperties properties,
            SwimSettings settings,
            ObjectProvider<SwimNodeCustomizer> customizers,
            ConfigurableListableBeanFactory beanFactory,
            Environment environment) {
        SwimNodeFactory factory = new SwimNodeFactory(
                properties, settings, registration, customizers.orderedStream().toList(), environment);
        SwimNode[] first = new SwimNode[1];
        Supplier<SwimNode> firstNode = () -> {
            first[0] = node.getObject();
            // The lifecycle is destroyed before the node, so it can still leave gracefully when a
            // failed refresh destroys beans without stopping lifecycles.
            for (String name : beanFactory.getBeanNamesForType(SwimNode.class, true, false)) {
                beanFactory.registerDependentBean(name, LIFECYCLE_BEAN_NAME);
            }
            return first[0];
        };
        Supplier<SwimNode> rebuild = () -> {
            SwimNode previous = first[0];
            if (previous != null && SwimNodeFactory.built(previous)) {
                return factory.create();
            }
            throw new IllegalStateException("The SWIM node was stopped and is a SwimNode bean of the application's "
                    + "own, which cannot be rebuilt; let the auto-configuration build the node (adjust it with a "
                    + "SwimNodeCustomizer) to stop and start it");
        };
        return new SwimLifecycle(
                firstNode,
                rebuild,
                registration,
                () -> listeners.orderedStream().toList(),
                publisher,
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
