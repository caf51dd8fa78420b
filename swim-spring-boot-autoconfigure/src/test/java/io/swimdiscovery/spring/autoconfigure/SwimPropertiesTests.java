package io.swimdiscovery.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.security.EncryptionMode;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Binding of {@code swim.*}, the profile's defaults, and the bridge to the engine's settings. */
class SwimPropertiesTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withPropertyValues("swim.auto-startup=false")
            .withConfiguration(AutoConfigurations.of(SwimAutoConfiguration.class));

    @Test
    void defaultsGiveTheLanPreset() {
        this.contextRunner.run((context) -> {
            SwimProperties properties = context.getBean(SwimProperties.class);
            assertThat(properties.getProfile()).isEqualTo(SwimProfile.LAN);
            assertThat(properties.getPort()).isEqualTo(7946);
            assertThat(properties.toSettings()).isEqualTo(SwimSettings.lan());
            assertThat(properties.getEncryption().effectiveMode()).isEqualTo(EncryptionMode.NONE);
        });
    }

    @Test
    void profileSetsTheWholeGroupOfDefaults() {
        this.contextRunner.withPropertyValues("swim.profile=wan").run((context) -> assertThat(
                        context.getBean(SwimProperties.class).toSettings())
                .isEqualTo(SwimSettings.wan()));
        this.contextRunner.withPropertyValues("swim.profile=LOCAL").run((context) -> assertThat(
                        context.getBean(SwimProperties.class).toSettings())
                .isEqualTo(SwimSettings.local()));
    }

    @Test
    void explicitProtocolPropertiesOverrideTheProfileOneByOne() {
        this.contextRunner
                .withPropertyValues(
                        "swim.profile=wan",
                        "swim.protocol.probe-timeout=1500ms",
                        "swim.protocol.indirect-probes=5",
                        "swim.protocol.lifeguard-enabled=false",
                        "swim.protocol.dead-member-retention=2m")
                .run((context) -> {
                    SwimSettings settings =
                            context.getBean(SwimProperties.class).toSettings();
                    assertThat(settings.probeTimeout()).isEqualTo(Duration.ofMillis(1500));
                    assertThat(settings.indirectProbes()).isEqualTo(5);
                    assertThat(settings.lifeguardEnabled()).isFalse();
                    assertThat(settings.deadMemberRetention()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(settings.protocolPeriod())
                            .isEqualTo(SwimSettings.wan().protocolPeriod());
                    assertThat(settings.gossipFanout())
                            .isEqualTo(SwimSettings.wan().gossipFanout());
                });
    }

    @Test
    void everyEngineSettingHasAProtocolProperty() {
        Set<String> settings = Arrays.stream(SwimSettings.Builder.class.getDeclaredMethods())
                .filter((method) -> Modifier.isPublic(method.getModifiers()) && method.getParameterCount() == 1)
                .map(Method::getName)
                .collect(Collectors.toSet());
        Set<String> properties = Arrays.stream(SwimProtocolProperties.class.getDeclaredFields())
                .map(Field::getName)
                .collect(Collectors.toSet());
        assertThat(properties).isEqualTo(settings);
    }

    @Test
    void seedsWithoutPortTakeTheSwimPort() {
        this.contextRunner
                .withPropertyValues("swim.port=8000", "swim.seeds=10.0.0.5:7946,peer-b,[::1]:9000")
                .run((context) -> assertThat(
                                SwimPropertiesValidator.seedAddresses(context.getBean(SwimProperties.class)))
                        .containsExactly(
                                new Address("10.0.0.5", 7946), new Address("peer-b", 8000), new Address("::1", 9000)));
    }

    @Test
    void keysSelectRequiredEncryptionUnlessAModeIsSet() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        this.contextRunner.withPropertyValues("swim.encryption.keys=" + key).run((context) -> {
            SwimProperties properties = context.getBean(SwimProperties.class);
            assertThat(properties.getEncryption().effectiveMode()).isEqualTo(EncryptionMode.REQUIRED);
            assertThat(SwimPropertiesValidator.decodeKeys(properties))
                    .hasSize(1)
                    .first()
                    .satisfies((bytes) -> assertThat(bytes).hasSize(32));
        });
        this.contextRunner
                .withPropertyValues("swim.encryption.keys=" + key, "swim.encryption.mode=rollout")
                .run((context) -> assertThat(context.getBean(SwimProperties.class)
                                .getEncryption()
                                .effectiveMode())
                        .isEqualTo(EncryptionMode.ROLLOUT));
    }

    @Test
    void serviceMetadataBindsAsAMap() {
        this.contextRunner
                .withPropertyValues(
                        "swim.service.metadata.team=payments",
                        "swim.service.metadata.version=2",
                        "swim.service.secure=true")
                .run((context) -> {
                    SwimProperties.Service service =
                            context.getBean(SwimProperties.class).getService();
                    assertThat(service.getMetadata()).isEqualTo(Map.of("team", "payments", "version", "2"));
                    assertThat(service.effectiveScheme()).isEqualTo("https");
                });
    }
}
