package io.swimdiscovery.spring.roles;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.spring.autoconfigure.SwimAutoConfiguration;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.serviceregistry.SwimRegistration;
import io.swimdiscovery.spring.serviceregistry.SwimServiceRegistryAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which role beans exist, and what the node is told, under which properties. No node is started. */
class SwimRolesAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withPropertyValues(
                    "swim.auto-startup=false",
                    "spring.application.name=orders",
                    "swim.port=0",
                    "swim.service.port=8080")
            .withConfiguration(AutoConfigurations.of(
                    SwimAutoConfiguration.class,
                    SwimServiceRegistryAutoConfiguration.class,
                    SwimRolesAutoConfiguration.class));

    @Test
    void rolesAreOffByDefaultAndNothingIsAnnounced() {
        this.contextRunner.run((context) -> {
            assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(SwimRoles.class)
                    .doesNotHaveBean(SwimRoleAnnouncer.class);
            context.getBean(SwimNode.class); // built as at start: reads the registration's metadata
            assertThat(context.getBean(SwimRegistration.class).memberMetadata())
                    .doesNotContainKeys(SwimMetadata.ROLE, SwimMetadata.ROLE_TOKEN);
        });
    }

    @Test
    void rolesOnGiveEveryServiceAGroupOfItsOwnAndANewNodeStartsAsSecondary() {
        this.contextRunner.withPropertyValues("swim.roles.enabled=true").run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(SwimRoles.class).hasSingleBean(SwimRoleAnnouncer.class);
            SwimRoles roles = context.getBean(SwimRoles.class);
            assertThat(roles.group()).isEqualTo("orders");
            assertThat(roles.isPrimary()).isFalse();
            assertThat(roles.fencingToken()).isZero();
            assertThat(roles.primary()).isEmpty();
            context.getBean(SwimNode.class);
            assertThat(context.getBean(SwimRegistration.class).memberMetadata())
                    .containsEntry(SwimMetadata.ROLE, SwimMetadata.ROLE_SECONDARY)
                    .doesNotContainKey(SwimMetadata.ROLE_TOKEN);
        });
    }

    @Test
    void aNamedGroupIsUsedInsteadOfTheServiceId() {
        this.contextRunner
                .withPropertyValues("swim.roles.enabled=true", "swim.roles.group=billing-writers")
                .run((context) ->
                        assertThat(context.getBean(SwimRoles.class).group()).isEqualTo("billing-writers"));
    }

    @Test
    void theRoleKeysAreTheRegistrysAndCannotBeWrittenByTheApplication() {
        this.contextRunner.withPropertyValues("swim.roles.enabled=true").run((context) -> {
            SwimRegistration registration = context.getBean(SwimRegistration.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> registration.getMetadata().put(SwimMetadata.ROLE, SwimMetadata.ROLE_PRIMARY))
                    .isInstanceOf(UnsupportedOperationException.class);
        });
    }
}
