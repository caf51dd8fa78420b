package io.swimdiscovery.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.spring.actuate.SwimEndpoint;
import io.swimdiscovery.spring.actuate.SwimEndpointAutoConfiguration;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClient;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClientAutoConfiguration;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.discovery.reactive.SwimReactiveDiscoveryClient;
import io.swimdiscovery.spring.discovery.reactive.SwimReactiveDiscoveryClientAutoConfiguration;
import io.swimdiscovery.spring.event.SwimEventPublisher;
import io.swimdiscovery.spring.health.SwimHealthContributorAutoConfiguration;
import io.swimdiscovery.spring.health.SwimHealthIndicator;
import io.swimdiscovery.spring.loadbalancer.SwimLoadBalancerAutoConfiguration;
import io.swimdiscovery.spring.loadbalancer.SwimLoadBalancerCacheEvictor;
import io.swimdiscovery.spring.metrics.SwimMeterBinder;
import io.swimdiscovery.spring.metrics.SwimMetricsAutoConfiguration;
import io.swimdiscovery.spring.serviceregistry.SwimAutoServiceRegistration;
import io.swimdiscovery.spring.serviceregistry.SwimRegistration;
import io.swimdiscovery.spring.serviceregistry.SwimServiceRegistry;
import io.swimdiscovery.spring.serviceregistry.SwimServiceRegistryAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClient;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClientSpecification;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which beans exist under which conditions. No test here starts a node ({@code swim.auto-startup=false}):
 * conditions are about bean definitions, and the cluster tests cover the running node.
 */
class SwimAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withPropertyValues(
                    "swim.auto-startup=false",
                    "spring.application.name=orders",
                    "swim.port=0",
                    "management.endpoints.web.exposure.include=swim")
            .withConfiguration(AutoConfigurations.of(
                    SwimAutoConfiguration.class,
                    SwimDiscoveryClientAutoConfiguration.class,
                    SwimReactiveDiscoveryClientAutoConfiguration.class,
                    SwimServiceRegistryAutoConfiguration.class,
                    SwimLoadBalancerAutoConfiguration.class,
                    SwimEndpointAutoConfiguration.class,
                    SwimHealthContributorAutoConfiguration.class,
                    SwimMetricsAutoConfiguration.class,
                    SimpleDiscoveryClientAutoConfiguration.class,
                    CompositeDiscoveryClientAutoConfiguration.class,
                    UtilAutoConfiguration.class));

    @Test
    void configuresEveryPartWhenEverythingIsPresent() {
        this.contextRunner
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run((context) -> {
                    assertThat(context)
                            .hasNotFailed()
                            .hasSingleBean(SwimProperties.class)
                            .hasSingleBean(SwimNode.class)
                            .hasSingleBean(SwimLifecycle.class)
                            .hasSingleBean(SwimEventPublisher.class)
                            .hasSingleBean(SwimRegistration.class)
                            .hasSingleBean(SwimDiscoveryClient.class)
                            .hasSingleBean(SwimReactiveDiscoveryClient.class)
                            .hasSingleBean(SwimServiceRegistry.class)
                            .hasSingleBean(SwimAutoServiceRegistration.class)
                            .hasSingleBean(SwimEndpoint.class)
                            .hasSingleBean(SwimHealthIndicator.class)
                            .hasSingleBean(SwimMeterBinder.class);
                    assertThatLoadBalancerDefaultsToSwim(context);
                });
    }

    @Test
    void nodeIsNotBuiltBeforeTheLifecycleStartsIt() {
        this.contextRunner.run((context) -> {
            assertThat(context.getBean(SwimLifecycle.class).getNode()).isNull();
            assertThat(context.getBeanFactory().containsSingleton("swimNode")).isFalse();
        });
    }

    @Test
    void backsOffEntirelyWhenSwimIsDisabled() {
        this.contextRunner.withPropertyValues("swim.enabled=false").run((context) -> {
            assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(SwimProperties.class)
                    .doesNotHaveBean(SwimNode.class)
                    .doesNotHaveBean(SwimLifecycle.class)
                    .doesNotHaveBean(SwimDiscoveryClient.class)
                    .doesNotHaveBean(SwimReactiveDiscoveryClient.class)
                    .doesNotHaveBean(SwimServiceRegistry.class)
                    .doesNotHaveBean(SwimEndpoint.class)
                    .doesNotHaveBean(SwimHealthIndicator.class)
                    .doesNotHaveBean(SwimMeterBinder.class);
            assertThat(context).doesNotHaveBean(SwimLoadBalancerCacheEvictor.class);
        });
    }

    @Test
    void everythingBacksOffWhenSpringCloudDiscoveryIsDisabled() {
        // No node either: it would bind its port and announce the service with discovery off.
        this.contextRunner
                .withPropertyValues("spring.cloud.discovery.enabled=false")
                .run((context) -> {
                    assertThat(context)
                            .hasNotFailed()
                            .doesNotHaveBean(SwimLifecycle.class)
                            .doesNotHaveBean(SwimNode.class)
                            .doesNotHaveBean(SwimDiscoveryClient.class)
                            .doesNotHaveBean(SwimReactiveDiscoveryClient.class);
                    assertThat(context.getBeansOfType(LoadBalancerClientSpecification.class))
                            .isEmpty();
                });
    }

    @Test
    void blockingDiscoveryBacksOffAloneWhenBlockingDiscoveryIsDisabled() {
        this.contextRunner
                .withPropertyValues("spring.cloud.discovery.blocking.enabled=false")
                .run((context) -> assertThat(context)
                        .doesNotHaveBean(SwimDiscoveryClient.class)
                        .hasSingleBean(SwimReactiveDiscoveryClient.class));
    }

    @Test
    void reactiveDiscoveryAndLoadBalancerBackOffWithoutReactor() {
        this.contextRunner
                .withClassLoader(new FilteredClassLoader("reactor.core"))
                .run((context) -> {
                    assertThat(context)
                            .hasNotFailed()
                            .hasSingleBean(SwimDiscoveryClient.class)
                            .doesNotHaveBean(SwimReactiveDiscoveryClient.class);
                    assertThat(context).doesNotHaveBean(SwimLoadBalancerCacheEvictor.class);
                });
    }

    @Test
    void loadBalancerSupplierIsNotConfiguredWithoutLoadBalancer() {
        this.contextRunner
                .withClassLoader(new FilteredClassLoader(ServiceInstanceListSupplier.class))
                .run((context) -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SwimDiscoveryClient.class);
                    assertThat(context).doesNotHaveBean(SwimLoadBalancerCacheEvictor.class);
                });
    }

    @Test
    void loadBalancerSupplierIsNotConfiguredWhenLoadBalancerIsDisabled() {
        this.contextRunner
                .withPropertyValues("spring.cloud.loadbalancer.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean(SwimLoadBalancerCacheEvictor.class));
    }

    @Test
    void endpointIsAbsentWithoutActuator() {
        this.contextRunner
                .withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run((context) -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(SwimDiscoveryClient.class)
                        .doesNotHaveBean(SwimEndpoint.class));
    }

    @Test
    void endpointIsAbsentWhenNotExposed() {
        this.contextRunner
                .withPropertyValues("management.endpoints.web.exposure.include=health")
                .run((context) -> assertThat(context).doesNotHaveBean(SwimEndpoint.class));
    }

    @Test
    void healthIndicatorIsAbsentWithoutBootHealth() {
        this.contextRunner
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SwimHealthIndicator.class));
    }

    @Test
    void healthIndicatorIsAbsentWhenDisabled() {
        this.contextRunner
                .withPropertyValues("management.health.swim.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean(SwimHealthIndicator.class));
    }

    @Test
    void metricsAreAbsentWithoutMicrometer() {
        this.contextRunner
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run((context) -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(SwimDiscoveryClient.class)
                        .doesNotHaveBean(SwimMeterBinder.class));
    }

    @Test
    void backsOffWhenUserDefinesSwimNode() {
        this.contextRunner.withUserConfiguration(UserNodeConfiguration.class).run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(SwimNode.class).hasSingleBean(SwimLifecycle.class);
            assertThat(context).getBean("userSwimNode").isSameAs(context.getBean(SwimNode.class));
            assertThat(context).doesNotHaveBean("swimNode");
        });
    }

    @Test
    void serviceRegistryBacksOffWhenServiceRegistryIsDisabled() {
        this.contextRunner
                .withPropertyValues("spring.cloud.service-registry.enabled=false")
                .run((context) -> {
                    assertThat(context)
                            .hasNotFailed()
                            .doesNotHaveBean(SwimServiceRegistry.class)
                            .doesNotHaveBean(SwimAutoServiceRegistration.class)
                            .hasSingleBean(SwimDiscoveryClient.class);
                    assertThat(context.getBean(SwimRegistration.class).memberMetadata())
                            .doesNotContainKey(SwimMetadata.SERVICE_ID);
                });
    }

    @Test
    void nodeAnnouncesNoServiceWhenAutoRegistrationIsDisabled() {
        this.contextRunner
                .withPropertyValues("spring.cloud.service-registry.auto-registration.enabled=false")
                .run((context) -> {
                    assertThat(context)
                            .hasSingleBean(SwimServiceRegistry.class)
                            .doesNotHaveBean(SwimAutoServiceRegistration.class);
                    assertThat(context.getBean(SwimRegistration.class).memberMetadata())
                            .doesNotContainKey(SwimMetadata.SERVICE_ID);
                });
    }

    @Test
    void registrationAnnouncesTheApplicationNameAsServiceId() {
        this.contextRunner
                .withPropertyValues(
                        "swim.service.zone=eu-1", "swim.service.metadata.team=payments", "swim.service.port=8080")
                .run((context) -> {
                    SwimRegistration registration = context.getBean(SwimRegistration.class);
                    assertThat(registration.getServiceId()).isEqualTo("orders");
                    assertThat(registration.getInstanceId()).startsWith("orders-");
                    assertThat(registration.memberMetadata())
                            .containsEntry(SwimMetadata.SERVICE_ID, "orders")
                            .containsEntry(SwimMetadata.STATUS, "UP")
                            .containsEntry(SwimMetadata.ZONE, "eu-1")
                            .containsEntry("team", "payments");
                });
    }

    @Test
    void swimDiscoveryClientComesBeforeTheSimpleOneInTheComposite() {
        this.contextRunner.run((context) -> {
            CompositeDiscoveryClient composite = context.getBean(CompositeDiscoveryClient.class);
            assertThat(composite.getDiscoveryClients()).hasSize(2);
            DiscoveryClient first = composite.getDiscoveryClients().get(0);
            assertThat(first).isInstanceOf(SwimDiscoveryClient.class);
            assertThat(composite.getDiscoveryClients().get(1)).isInstanceOf(SimpleDiscoveryClient.class);
        });
    }

    @Test
    void settingsCustomizersApplyAfterProperties() {
        this.contextRunner
                .withPropertyValues("swim.protocol.gossip-fanout=5")
                .withBean(SwimSettingsCustomizer.class, () -> (builder) -> builder.indirectProbes(7))
                .run((context) -> {
                    io.swimdiscovery.core.protocol.SwimSettings settings =
                            context.getBean(io.swimdiscovery.core.protocol.SwimSettings.class);
                    assertThat(settings.gossipFanout()).isEqualTo(5);
                    assertThat(settings.indirectProbes()).isEqualTo(7);
                });
    }

    // SWIM composes with LoadBalancer's own configurations: it evicts their cache, it never
    // registers a client configuration of its own (that made a user's supplier ambiguous).
    private static void assertThatLoadBalancerDefaultsToSwim(AssertableApplicationContext context) {
        assertThat(context).hasSingleBean(SwimLoadBalancerCacheEvictor.class);
        assertThat(context.getBeansOfType(LoadBalancerClientSpecification.class))
                .isEmpty();
    }

    @Configuration(proxyBeanMethods = false)
    static class UserNodeConfiguration {

        @Bean(destroyMethod = "close")
        SwimNode userSwimNode() {
            return SwimNode.builder()
                    .name("mine")
                    .bindHost("127.0.0.1")
                    .bindPort(0)
                    .build();
        }
    }
}
