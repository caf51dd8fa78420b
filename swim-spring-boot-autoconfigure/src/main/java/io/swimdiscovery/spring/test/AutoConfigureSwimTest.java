package io.swimdiscovery.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Runs the test's SWIM node on a free port of 127.0.0.1 and joins it to the other test contexts
 * of this JVM that use the same cluster name: an embedded cluster. A second cached context then
 * never fails with {@code BindException} on port 7946, and two contexts of one test see each
 * other in discovery as two real services would.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureSwimTest
 * class OrdersTests { ... }
 * }</pre>
 *
 * Configured seeds and {@code swim.seed-dns} are replaced by the embedded cluster's members; the
 * bind address and port by 127.0.0.1 and a free port. Everything else (profile, metadata,
 * readiness) is as configured. {@link EmbeddedSwimCluster} lists the running nodes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(SwimTestAutoConfiguration.class)
public @interface AutoConfigureSwimTest {}
