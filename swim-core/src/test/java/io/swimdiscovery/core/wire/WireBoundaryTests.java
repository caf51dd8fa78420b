package io.swimdiscovery.core.wire;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The codec and the keyring are pure: the JDK, JSpecify and the engine's own types, nothing else.
 * A whitelist, so a new library cannot slip into the packet path unnoticed.
 */
class WireBoundaryTests {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.swimdiscovery.core.wire", "io.swimdiscovery.core.security");

    @Test
    void wireAndSecurity_dependOnlyOnTheJdkJspecifyAndTheEngineTypes() {
        classes()
                .that()
                .resideInAnyPackage("..core.wire..", "..core.security..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "javax.crypto..",
                        "org.jspecify..",
                        "io.swimdiscovery.core.protocol..",
                        "io.swimdiscovery.core.wire..",
                        "io.swimdiscovery.core.security..")
                .check(CORE);
    }

    @Test
    void security_knowsNothingOfTheWireFormat() {
        classes()
                .that()
                .resideInAPackage("..core.security..")
                .should()
                .onlyDependOnClassesThat()
                .resideOutsideOfPackage("..core.wire..")
                .check(CORE);
    }
}
