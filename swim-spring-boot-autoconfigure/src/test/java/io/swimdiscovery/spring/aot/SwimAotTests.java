package io.swimdiscovery.spring.aot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.node.NodeStatistics;
import io.swimdiscovery.core.protocol.ProtocolCounters;
import io.swimdiscovery.spring.actuate.SwimClusterDescriptor;
import io.swimdiscovery.spring.autoconfigure.SwimAutoConfiguration;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.autoconfigure.SwimProperties;
import io.swimdiscovery.spring.availability.SwimAvailabilityAutoConfiguration;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClient;
import io.swimdiscovery.spring.discovery.SwimDiscoveryClientAutoConfiguration;
import io.swimdiscovery.spring.event.SwimHeartbeatAutoConfiguration;
import io.swimdiscovery.spring.health.SwimHealthContributorAutoConfiguration;
import io.swimdiscovery.spring.health.SwimHealthIndicator;
import io.swimdiscovery.spring.serviceregistry.SwimServiceRegistryAutoConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.aot.AotDetector;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

/**
 * Ahead-of-time processing, as a native-image build does it: the starter's context is processed,
 * the generated code compiled, and the application started from that code alone, with a running
 * node. The runtime hints the starter registers are part of what processing produces.
 */
@CompileWithForkedClassLoader
class SwimAotTests {

    // No web server here: swim.service.port gives the instance a port to announce (else it is a client only, unlisted).
    private static final String[] PROPERTIES = {
        "spring.application.name=orders",
        "swim.port=0",
        "swim.bind-address=127.0.0.1",
        "swim.node-name=orders-aot",
        "swim.profile=local",
        "swim.service.port=8080"
    };

    @Test
    void hintsCoverTheEndpointBodyTheFailureAnalyzerAndTheProperties() {
        RuntimeHints hints = new RuntimeHints();
        new SwimRuntimeHints().registerHints(hints, getClass().getClassLoader());
        assertThat(RuntimeHintsPredicates.reflection().onType(SwimClusterDescriptor.class))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(NodeStatistics.class))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(ProtocolCounters.class))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection()
                        .onType(TypeReference.of(SwimRuntimeHints.FAILURE_ANALYZER))
                        .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(SwimProperties.class))
                .accepts(hints);
    }

    @Test
    void hintsAreRegisteredThroughAotFactories() {
        assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
                .anyMatch(SwimRuntimeHints.class::isInstance);
    }

    @Test
    void theContextIsProcessedAheadOfTimeAndStartsFromTheGeneratedCode() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        TestPropertyValues.of(PROPERTIES).applyTo(context);
        context.register(AotApplication.class);
        TestGenerationContext generationContext = new TestGenerationContext();
        ClassName initializerName = new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
        generationContext.writeGeneratedContent();
        assertThat(generationContext.getGeneratedFiles().getGeneratedFiles(Kind.SOURCE))
                .isNotEmpty();
        assertThat(RuntimeHintsPredicates.reflection().onType(SwimClusterDescriptor.class))
                .accepts(generationContext.getRuntimeHints());

        TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
            GenericApplicationContext fresh = new GenericApplicationContext();
            TestPropertyValues.of(PROPERTIES).applyTo(fresh);
            @SuppressWarnings("unchecked")
            ApplicationContextInitializer<GenericApplicationContext> initializer =
                    compiled.getInstance(ApplicationContextInitializer.class, initializerName.reflectionName());
            initializer.initialize(fresh);
            fresh.refresh();
            try {
                assertThat(AotDetector.useGeneratedArtifacts()).isFalse();
                assertThat(fresh.getBean(SwimLifecycle.class).getNode().isRunning())
                        .isTrue();
                assertThat(fresh.getBeansOfType(SwimHealthIndicator.class)).hasSize(1);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                                fresh.getBean(SwimDiscoveryClient.class).getInstances("orders"))
                        .extracting((instance) -> instance.getInstanceId())
                        .containsExactly("orders-aot"));
            } finally {
                fresh.close();
            }
        });
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({
        SwimAutoConfiguration.class,
        SwimDiscoveryClientAutoConfiguration.class,
        SwimServiceRegistryAutoConfiguration.class,
        SwimAvailabilityAutoConfiguration.class,
        SwimHeartbeatAutoConfiguration.class,
        SwimHealthContributorAutoConfiguration.class
    })
    public static class AotApplication {}
}
