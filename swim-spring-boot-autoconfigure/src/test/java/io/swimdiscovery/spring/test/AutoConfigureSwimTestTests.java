package io.swimdiscovery.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.autoconfigure.SwimProperties;
import java.time.Duration;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Configuration;

/**
 * Two cached {@code @SpringBootTest} contexts alive in one JVM, as a user's test suite has them:
 * with {@link AutoConfigureSwimTest} neither binds the default port 7946 (the second would fail
 * with BindException, and so would any other build on the machine), and the second joins the
 * first, so discovery in tests lists both.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class AutoConfigureSwimTestTests {

    private static final String CLUSTER = "embedded-test-support";

    @Nested
    @Order(1)
    @SpringBootTest(
            classes = UserApplication.class,
            webEnvironment = SpringBootTest.WebEnvironment.NONE,
            properties = {
                "spring.application.name=orders",
                "swim.node-name=orders-1",
                "swim.cluster-name=" + CLUSTER,
                "swim.profile=local",
                "swim.service.port=18081"
            })
    @AutoConfigureSwimTest
    class FirstContext {

        @Autowired
        SwimLifecycle lifecycle;

        @Autowired
        SwimProperties properties;

        @Test
        void runsOnAFreeLoopbackPortAndIsListedInTheEmbeddedCluster() {
            Address address = this.lifecycle.getNode().localMember().address();
            assertThat(this.properties.getPort()).isEqualTo(SwimProperties.DEFAULT_PORT);
            assertThat(address.port()).isNotEqualTo(SwimProperties.DEFAULT_PORT).isPositive();
            assertThat(address.host()).isEqualTo("127.0.0.1");
            assertThat(EmbeddedSwimCluster.members(CLUSTER)).contains(address);
        }
    }

    @Nested
    @Order(2)
    @SpringBootTest(
            classes = UserApplication.class,
            webEnvironment = SpringBootTest.WebEnvironment.NONE,
            properties = {
                "spring.application.name=orders",
                "swim.node-name=orders-2",
                "swim.cluster-name=" + CLUSTER,
                "swim.profile=local",
                "swim.service.port=18082"
            })
    @AutoConfigureSwimTest
    class SecondContext {

        @Autowired
        DiscoveryClient discovery;

        @Test
        void joinsTheFirstCachedContext() {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.discovery.getInstances("orders"))
                    .extracting(ServiceInstance::getInstanceId)
                    .containsExactlyInAnyOrder("orders-1", "orders-2"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class UserApplication {}
}
