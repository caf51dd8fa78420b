package io.swimdiscovery.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine is sans-IO by construction, not by habit: the pure packages cannot reach Netty,
 * Spring, the runtime packages, threads or the wall clock.
 */
class PackageBoundaryTests {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.swimdiscovery.core");

    @Test
    void pureProtocolPackages_dependOnNeitherNettyNorSpringNorTheRuntime() {
        noClasses()
                .that()
                .resideInAnyPackage("..core.protocol..", "..core.wire..", "..core.sim..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.netty..", "org.springframework..", "..core.node..", "..core.transport..", "..core.seed..")
                .check(CORE);
    }

    @Test
    void protocolEngine_neverReadsTheWallClockNorStartsThreads() {
        noClasses()
                .that()
                .resideInAnyPackage("..core.protocol..", "..core.sim..")
                .should()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.lang.Thread")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("java.util.concurrent..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.time.Instant")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.time.Clock")
                .check(CORE);
    }

    @Test
    void protocolEngine_knowsNothingOfTheCodec() {
        noClasses()
                .that()
                .resideInAPackage("..core.protocol..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..core.wire..", "..core.security..", "..core.sim..")
                .check(CORE);
    }
}
