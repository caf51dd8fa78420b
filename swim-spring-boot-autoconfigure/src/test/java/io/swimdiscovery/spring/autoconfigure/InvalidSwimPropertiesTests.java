package io.swimdiscovery.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * A bad property stops the application with one message naming the property and what it expects.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidSwimPropertiesTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withPropertyValues("swim.auto-startup=false")
            .withConfiguration(AutoConfigurations.of(SwimAutoConfiguration.class));

    @Test
    void portOutOfRangeFails() {
        assertFailure("swim.port=70000", "swim.port", "'70000'", "a port number between 0 and 65535");
    }

    @Test
    void advertisePortZeroFails() {
        assertFailure("swim.advertise-port=0", "swim.advertise-port", "'0'", "a port number between 1 and 65535");
    }

    @Test
    void unparsableSeedFails() {
        assertFailure(
                "swim.seeds=10.0.0.1:7946,host:notaport",
                "swim.seeds[1]",
                "'host:notaport'",
                "host:port, [ipv6]:port or host");
    }

    @Test
    void boundOutOfRangeFails() {
        assertFailure(
                "swim.limits.max-concurrent-syncs=0",
                "swim.limits.max-concurrent-syncs",
                "'0'",
                "a number from 1 to 65536");
    }

    @Test
    void gossipQueueTooSmallFails() {
        assertFailure("swim.protocol.max-gossip-queue=3", "swim.protocol.max-gossip-queue", "'3'", "maxGossipQueue");
    }

    @Test
    void seedWithUnclosedBracketFails() {
        assertFailure("swim.seeds=[::1:7946", "swim.seeds[0]", "'[::1:7946'", "host:port");
    }

    @Test
    void keyOfWrongLengthFailsWithoutShowingTheKey() {
        String key = Base64.getEncoder().encodeToString(new byte[20]);
        assertFailure(
                "swim.encryption.keys=" + key,
                "swim.encryption.keys[0]",
                "20 bytes, value hidden",
                "a base64-encoded AES key of 16, 24 or 32 bytes");
        this.contextRunner.withPropertyValues("swim.encryption.keys=" + key).run((context) -> assertThat(
                        context.getStartupFailure())
                .rootCause()
                .message()
                .doesNotContain(key));
    }

    @Test
    void keyThatIsNotBase64Fails() {
        assertFailure(
                "swim.encryption.keys=not*base64", "swim.encryption.keys[0]", "not base64", "a base64-encoded AES key");
    }

    @Test
    void encryptionRequiredWithoutKeysFails() {
        assertFailure(
                "swim.encryption.mode=required",
                "swim.encryption.mode",
                "'required'",
                "'none' unless swim.encryption.keys holds at least one key");
    }

    @Test
    void protocolValueTheEngineRejectsNamesTheProperty() {
        assertFailure(
                "swim.protocol.probe-timeout=5s",
                "swim.protocol.probe-timeout",
                "5000ms",
                "must be shorter than protocolPeriod");
    }

    @Test
    void swimPortInUseFailsNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            this.contextRunner
                    .withPropertyValues("swim.auto-startup=true", "swim.bind-address=127.0.0.1", "swim.port=" + port)
                    .run((context) -> {
                        assertThat(context).hasFailed();
                        FailureAnalysis analysis = analyze(context.getStartupFailure());
                        assertThat(analysis.getDescription())
                                .contains("'swim.port'")
                                .contains("'" + port + "'");
                        assertThat(analysis.getAction()).contains("a port no other process uses");
                    });
        }
    }

    @Test
    void unknownProfileFailsListingTheProfiles(CapturedOutput output) {
        // Binding an unknown enum value is Boot's own failure; its analyzer lists the valid values.
        runExpectingFailure("--swim.profile=mars");
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("swim.profile")
                .contains("mars")
                .contains("LAN")
                .contains("WAN")
                .contains("LOCAL");
    }

    @Test
    void startupWithBadPropertyPrintsTheFailureAnalysis(CapturedOutput output) {
        runExpectingFailure("--swim.port=-1");
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("The SWIM discovery property 'swim.port' is invalid.")
                .contains("set 'swim.port' to a port number between 0 and 65535");
    }

    @Test
    void roleStepDownShorterThanTheEngineAcceptsFails() {
        assertFailure(
                "swim.roles.step-down-after=50ms",
                "swim.roles.step-down-after",
                "'PT0.05S'",
                "a duration between 100ms and 1h");
    }

    @Test
    void roleClockDriftAboveTenPercentFails() {
        assertFailure(
                "swim.roles.max-clock-drift=0.5",
                "swim.roles.max-clock-drift",
                "'0.5'",
                "a fraction between 0 and 0.1");
    }

    @Test
    void negativeRoleQuorumFails() {
        assertFailure("swim.roles.quorum-size=-1", "swim.roles.quorum-size", "'-1'", "a majority of the group");
    }

    @Test
    void blankRoleGroupFailsWhenRolesAreOn() {
        this.contextRunner
                .withPropertyValues("swim.roles.enabled=true", "swim.roles.group= ")
                .run((context) -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("'swim.roles.group'");
                    assertThat(analysis.getAction()).contains("a non-empty group name");
                });
    }

    private static void runExpectingFailure(String argument) {
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(
                        () -> application.run(argument, "--swim.auto-startup=false", "--spring.main.banner-mode=off"))
                .isInstanceOf(RuntimeException.class);
    }

    private void assertFailure(String property, String name, String value, String expected) {
        this.contextRunner.withPropertyValues(property).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'" + name + "'").contains(value);
            assertThat(analysis.getAction()).contains(name).contains(expected);
        });
    }

    private static FailureAnalysis analyze(Throwable failure) {
        FailureAnalysis analysis = new InvalidSwimPropertyFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("a failure analysis for " + failure).isNotNull();
        return analysis;
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(SwimAutoConfiguration.class)
    static class MinimalApplication {}
}
