package io.swimdiscovery.spring.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Spring integration is a user of swim-core like any other: it may use only the types
 * swim-core lists as its API ({@code io/swimdiscovery/core/public-api.txt} in the swim-core jar),
 * never an engine internal that happens to be public. If this fails, either the integration
 * reaches too deep, or the type it needs belongs in the API (then list it there and document it).
 */
class CoreApiUsageTests {

    private static final JavaClasses SPRING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.swimdiscovery.spring");

    @Test
    void theSpringIntegrationUsesOnlySwimCoresApi() {
        Set<String> api = coreApi();
        Set<String> violations = new TreeSet<>();
        for (JavaClass origin : SPRING) {
            for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass().getBaseComponentType();
                if (target.getPackageName().startsWith("io.swimdiscovery.core") && !api.contains(target.getName())) {
                    violations.add(origin.getName() + " -> " + target.getName());
                }
            }
        }
        assertThat(SPRING.size()).as("classes imported").isGreaterThan(10);
        assertThat(violations).as("uses of swim-core outside its API").isEmpty();
    }

    /** The types with role "api" (not the test and benchmark SPI). */
    private static Set<String> coreApi() {
        Set<String> out = new TreeSet<>();
        try (InputStream in = Objects.requireNonNull(
                        CoreApiUsageTests.class.getResourceAsStream("/io/swimdiscovery/core/public-api.txt"),
                        "swim-core's public-api.txt on the classpath");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 2 && parts[0].equals("api")) {
                    out.add(parts[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(out).as("API types listed").contains("io.swimdiscovery.core.node.SwimNode");
        return out;
    }
}
