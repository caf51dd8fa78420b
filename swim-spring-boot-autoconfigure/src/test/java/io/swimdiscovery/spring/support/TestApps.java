package io.swimdiscovery.spring.support;

import io.swimdiscovery.spring.test.AutoConfigureSwimTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Applications as users write them (full auto-configuration, webmvc, actuator), started with
 * {@link AutoConfigureSwimTest}: each on free HTTP and SWIM ports of 127.0.0.1, joined to the
 * others of the same cluster name in this JVM. Each test class gets a cluster name of its own.
 */
public final class TestApps implements AutoCloseable {

    private final String clusterName = "test-" + UUID.randomUUID().toString().substring(0, 8);

    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    /** Starts an application named {@code name} of service {@code service}, with extra properties. */
    public ConfigurableApplicationContext start(String service, String name, Class<?>... sources) {
        return start(service, name, List.of(), sources);
    }

    public ConfigurableApplicationContext start(String service, String name, List<String> extra, Class<?>... sources) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.application.name=" + service,
                "server.port=0",
                "server.address=127.0.0.1",
                "swim.profile=local",
                "swim.cluster-name=" + this.clusterName,
                "swim.node-name=" + name,
                "swim.protocol.suspicion-max-timeout-multiplier=2",
                "swim.leave-timeout=1s",
                "management.endpoints.web.exposure.include=health,swim",
                "management.endpoint.health.show-details=always",
                "spring.main.banner-mode=off",
                "logging.level.root=warn"));
        properties.addAll(extra);
        Class<?>[] all = new Class<?>[sources.length + 1];
        all[0] = App.class;
        System.arraycopy(sources, 0, all, 1, sources.length);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(all)
                .web(WebApplicationType.SERVLET)
                .properties(properties.toArray(String[]::new))
                .run();
        this.started.add(context);
        return context;
    }

    /** The instance ids {@code context}'s discovery client lists for {@code service}, sorted. */
    public static List<String> instanceIds(ConfigurableApplicationContext context, String service) {
        return context.getBean(DiscoveryClient.class).getInstances(service).stream()
                .map(ServiceInstance::getInstanceId)
                .sorted()
                .toList();
    }

    @Override
    public void close() {
        for (ConfigurableApplicationContext context : this.started) {
            context.close();
        }
        this.started.clear();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @AutoConfigureSwimTest
    static class App {}
}
