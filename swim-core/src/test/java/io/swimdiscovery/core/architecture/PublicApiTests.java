package io.swimdiscovery.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins what is public in swim-core, so the line between what users program against and the
 * engine's internals cannot move by accident. The API (and the extension SPI) is listed in the
 * main resource {@code io/swimdiscovery/core/public-api.txt}, shipped in the jar and read by the
 * Spring module's test too; the internals that must be public because another package of
 * swim-core uses them are listed here, each with the package that needs it.
 *
 * <p>Why a test and not a JPMS {@code module-info}: the internals below are used across packages
 * (the node and the simulator drive {@code protocol.SwimInstance}; the node encodes with
 * {@code wire}), so a module that exported only the API packages would have to export
 * {@code protocol}, {@code wire} and {@code transport} anyway, which are exactly the packages that
 * mix API and internals. Moving the API types into packages of their own would break every
 * caller's imports; the test draws the line per type instead.
 */
class PublicApiTests {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.swimdiscovery.core");

    /**
     * Engine internals that are public only because another package of swim-core uses them. Not
     * API: they change without notice. Each must really be used outside its package (checked,
     * but for {@link #INTERNAL_FOR_BENCHMARKS}).
     */
    static final Set<String> INTERNAL = Set.of(
            // The engine and its inputs and outputs: driven by node (real sockets) and sim.
            "io.swimdiscovery.core.protocol.SwimInstance",
            "io.swimdiscovery.core.protocol.Directive",
            "io.swimdiscovery.core.protocol.Directive$Send",
            "io.swimdiscovery.core.protocol.Directive$SendReliable",
            "io.swimdiscovery.core.protocol.Directive$Publish",
            "io.swimdiscovery.core.protocol.Directive$ScheduleTick",
            "io.swimdiscovery.core.protocol.Message",
            "io.swimdiscovery.core.protocol.Message$Ping",
            "io.swimdiscovery.core.protocol.Message$PingReq",
            "io.swimdiscovery.core.protocol.Message$Ack",
            "io.swimdiscovery.core.protocol.Message$Nack",
            "io.swimdiscovery.core.protocol.Message$GossipPush",
            "io.swimdiscovery.core.protocol.Message$Sync",
            "io.swimdiscovery.core.protocol.Message$SyncDigest",
            "io.swimdiscovery.core.protocol.Message$RoleHeartbeat",
            "io.swimdiscovery.core.protocol.Message$RoleEcho",
            "io.swimdiscovery.core.protocol.Gossip",
            "io.swimdiscovery.core.protocol.PacketSizer",
            "io.swimdiscovery.core.protocol.TcpRetransmission",
            // The wire codec: used by node (encode, decode) and sim (packet sizes).
            "io.swimdiscovery.core.wire.PacketCodec",
            "io.swimdiscovery.core.wire.DecodeResult",
            "io.swimdiscovery.core.wire.DecodeResult$Decoded",
            "io.swimdiscovery.core.wire.DecodeResult$Rejected",
            "io.swimdiscovery.core.wire.RejectReason",
            "io.swimdiscovery.core.wire.WireCodec",
            "io.swimdiscovery.core.wire.WirePacketSizer");

    /**
     * Internals public for swim-benchmarks (codec and sizer micro-benchmarks), which this module
     * cannot see: exempt from the used-outside-its-package check, still not API.
     */
    static final Set<String> INTERNAL_FOR_BENCHMARKS = Set.of(
            "io.swimdiscovery.core.wire.DecodeResult",
            "io.swimdiscovery.core.wire.WireCodec",
            "io.swimdiscovery.core.wire.WirePacketSizer");

    @Test
    void everyPublicTypeIsListedAsApiOrAsAnInternal() {
        Map<String, String> api = listedApi();
        Set<String> publicNow = CORE.stream()
                .filter(PublicApiTests::effectivelyPublic)
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> unlisted = new TreeSet<>(publicNow);
        unlisted.removeAll(api.keySet());
        unlisted.removeAll(INTERNAL);
        assertThat(unlisted)
                .as("public types that are neither API (src/main/resources/io/swimdiscovery/core/public-api.txt) nor "
                        + "a listed internal (PublicApiTests.INTERNAL): make them package-private, or list them "
                        + "(API: also in docs/java-api.md)")
                .isEmpty();

        Set<String> stale = new TreeSet<>(api.keySet());
        stale.addAll(INTERNAL);
        stale.removeAll(publicNow);
        assertThat(stale)
                .as("listed types that are no longer public (remove them from the list)")
                .isEmpty();
    }

    @Test
    void everyListedInternalIsUsedOutsideItsPackage() {
        Set<String> unusedOutside = new TreeSet<>();
        for (String name : INTERNAL) {
            if (INTERNAL_FOR_BENCHMARKS.contains(name)) {
                continue;
            }
            JavaClass type = CORE.get(name);
            boolean usedOutside = type.getDirectDependenciesToSelf().stream()
                    .map(Dependency::getOriginClass)
                    .map(PublicApiTests::outermost)
                    .anyMatch(origin -> !origin.getPackageName().equals(type.getPackageName()));
            if (!usedOutside) {
                unusedOutside.add(name);
            }
        }
        assertThat(unusedOutside)
                .as("internals no other package of swim-core uses: make them package-private")
                .isEmpty();
    }

    @Test
    void apiAndInternalListsDoNotOverlap() {
        Set<String> both = new TreeSet<>(listedApi().keySet());
        both.retainAll(INTERNAL);
        assertThat(both).isEmpty();
    }

    /** Public, and so is every enclosing type: what another package can name. */
    static boolean effectivelyPublic(JavaClass c) {
        if (c.isAnonymousClass() || c.isLocalClass()) {
            return false;
        }
        Optional<JavaClass> enclosing = c.getEnclosingClass();
        return c.getModifiers().contains(JavaModifier.PUBLIC)
                && enclosing.map(PublicApiTests::effectivelyPublic).orElse(true);
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass current = c;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }

    /** The API list from the resource: binary class name to role ("api" or "spi"). */
    static Map<String, String> listedApi() {
        Map<String, String> out = new TreeMap<>();
        try (InputStream in = Objects.requireNonNull(
                        PublicApiTests.class.getResourceAsStream("/io/swimdiscovery/core/public-api.txt"),
                        "public-api.txt on the classpath");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split("\\s+");
                assertThat(parts).as("line '%s' is '<api|spi> <class>'", t).hasSize(2);
                assertThat(parts[0]).as("role in '%s'", t).isIn("api", "spi");
                out.put(parts[1], parts[0]);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
