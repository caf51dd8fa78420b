package io.swimdiscovery.spring.serviceregistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.spring.autoconfigure.SwimLifecycle;
import io.swimdiscovery.spring.discovery.SwimMetadata;
import io.swimdiscovery.spring.discovery.TestMembers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registry operations become node metadata, gossiped to every member. */
class SwimServiceRegistryTests {

    private final SwimLifecycle lifecycle = mock(SwimLifecycle.class);

    private final SwimNode node = mock(SwimNode.class);

    private final SwimRegistration registration =
            new SwimRegistration("orders-1", "orders", "10.0.0.1", 8080, "http", "eu-1", Map.of("team", "payments"));

    private final SwimServiceRegistry registry = new SwimServiceRegistry(this.lifecycle);

    @Test
    void registeringBeforeTheNodeRunsOnlyPreparesTheFirstMetadata() {
        this.registry.register(this.registration);
        assertThat(this.registry.<String>getStatus(this.registration)).isEqualTo("UP");
        assertThat(this.registration.memberMetadata())
                .containsEntry(SwimMetadata.SERVICE_ID, "orders")
                .containsEntry(SwimMetadata.PORT, "8080")
                .containsEntry(SwimMetadata.STATUS, "UP")
                .containsEntry(SwimMetadata.ZONE, "eu-1")
                .containsEntry("team", "payments");
        verify(this.node, never()).updateMetadata(any());
    }

    @Test
    void outOfServiceIsPublishedAsNewMetadataOfTheRunningNode() {
        runningNode();
        this.registry.register(this.registration);
        this.registry.setStatus(this.registration, "out_of_service");
        assertThat(this.registry.<String>getStatus(this.registration)).isEqualTo("OUT_OF_SERVICE");
        verify(this.lifecycle)
                .updateMetadata(Map.of(
                        SwimMetadata.SERVICE_ID,
                        "orders",
                        SwimMetadata.PORT,
                        "8080",
                        SwimMetadata.SCHEME,
                        "http",
                        SwimMetadata.STATUS,
                        "OUT_OF_SERVICE",
                        SwimMetadata.ZONE,
                        "eu-1",
                        "team",
                        "payments",
                        "owner",
                        "user"));
    }

    @Test
    void unknownStatusIsRejectedNamingTheAcceptedOnes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> this.registry.setStatus(this.registration, "DOWN"))
                .withMessageContaining("UP or OUT_OF_SERVICE");
    }

    @Test
    void deregisteringWithdrawsTheServiceButKeepsOtherMetadata() {
        runningNode();
        this.registry.register(this.registration);
        this.registry.deregister(this.registration);
        assertThat(this.registry.<String>getStatus(this.registration)).isNull();
        verify(this.lifecycle).updateMetadata(Map.of(SwimMetadata.ZONE, "eu-1", "team", "payments", "owner", "user"));
    }

    private void runningNode() {
        given(this.lifecycle.getNode()).willReturn(this.node);
        given(this.node.isRunning()).willReturn(true);
        given(this.node.localMember())
                .willReturn(TestMembers.member(
                        "orders-1", MemberStatus.ALIVE, Map.of("owner", "user", SwimMetadata.STATUS, "UP")));
    }
}
