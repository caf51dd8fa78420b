package io.swimdiscovery.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

/** Which host is advertised, in the documented order of precedence; nothing here binds a socket. */
class SwimHostResolverTests {

    private final MockEnvironment environment = new MockEnvironment();

    @Test
    void advertiseAddressWinsOverEverything() {
        this.environment.withProperty("swim.advertise-address", "10.9.8.7").withProperty("server.address", "10.1.1.1");
        assertThat(choose().swimHost()).isEqualTo("10.9.8.7");
    }

    @Test
    void aSpecificBindAddressIsLeftToTheNode() {
        this.environment.withProperty("swim.bind-address", "127.0.0.1");
        assertThat(choose().swimHost()).isNull();
        assertThat(choose().serviceHost()).isNull();
    }

    @Test
    void serverAddressIsAdvertisedWhenBoundToTheWildcard() {
        this.environment.withProperty("server.address", "127.0.0.1");
        assertThat(choose().swimHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void serverAddressOtherThanTheSwimAddressBecomesTheServiceHost() {
        this.environment
                .withProperty("swim.advertise-address", "127.0.0.1")
                .withProperty("server.address", "127.0.0.2");
        assertThat(choose().serviceHost()).isEqualTo("127.0.0.2");
    }

    @Test
    void preferredNetworksOfInetUtilsChooseTheInterface() throws Exception {
        Optional<String> ipv4 = firstNonLoopbackIpv4();
        assumeThat(ipv4).as("a non-loopback IPv4 address on this host").isPresent();
        this.environment.withProperty("spring.cloud.inetutils.preferred-networks", ipv4.get());
        assertThat(choose().swimHost()).isEqualTo(ipv4.get());
    }

    @Test
    void withoutAUsableIpv4AddressAGlobalIpv6AddressIsAdvertisedNotLoopback() throws Exception {
        Optional<InetAddress> ipv6 = firstGlobalIpv6();
        assumeThat(ipv6).as("a global IPv6 address on this host").isPresent();
        // No IPv4 address matches: as on an IPv6-only host.
        this.environment.withProperty(
                "spring.cloud.inetutils.preferred-networks", ipv6.get().getHostAddress());
        assertThat(choose().swimHost()).isEqualTo(ipv6.get().getHostAddress());
    }

    @Test
    void hostNameOptionGivesCallersTheName() {
        this.environment
                .withProperty("swim.bind-address", "127.0.0.1")
                .withProperty("swim.instance.prefer-ip-address", "false")
                .withProperty("swim.instance.hostname", "orders-1.internal");
        assertThat(choose().serviceHost()).isEqualTo("orders-1.internal");
        assertThat(choose().swimHost()).isNull();
    }

    @Test
    void containerBridgesAreSkippedUnlessTheUserListsInterfacesThemselves() {
        SwimInstanceProperties instance = new SwimInstanceProperties();
        assertThat(SwimHostResolver.inetUtilsProperties(this.environment, instance)
                        .getIgnoredInterfaces())
                .contains("docker\\d*", "veth.*", "cni.*");
        this.environment.withProperty("spring.cloud.inetutils.ignored-interfaces", "eth1");
        assertThat(SwimHostResolver.inetUtilsProperties(this.environment, instance)
                        .getIgnoredInterfaces())
                .containsExactly("eth1");
        assertThat("docker0").matches(SwimHostResolver.CONTAINER_INTERFACES.get(0));
    }

    @Test
    void loopbackWithRemoteSeedsIsWarnedAboutButNotWithLoopbackSeeds() {
        SwimProperties properties = new SwimProperties();
        properties.setSeeds(List.of("127.0.0.1:7946", "localhost:7947"));
        assertThat(SwimHostResolver.warnIfLoopbackWithRemoteSeeds("127.0.0.1", properties))
                .isFalse();
        properties.setSeeds(List.of("10.0.0.5:7946"));
        assertThat(SwimHostResolver.warnIfLoopbackWithRemoteSeeds("127.0.0.1", properties))
                .isTrue();
        assertThat(SwimHostResolver.warnIfLoopbackWithRemoteSeeds("10.0.0.9", properties))
                .isFalse();
        properties.setSeeds(List.of());
        properties.setSeedDns("orders-peers.default.svc");
        assertThat(SwimHostResolver.warnIfLoopbackWithRemoteSeeds("::1", properties))
                .isTrue();
    }

    private SwimHostResolver.Choice choose() {
        SwimProperties properties = Binder.get(this.environment).bindOrCreate("swim", SwimProperties.class);
        return SwimHostResolver.choose(properties, this.environment);
    }

    private static Optional<InetAddress> firstGlobalIpv6() throws Exception {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isUp() && !nif.isLoopback() && !nif.getDisplayName().matches("docker\\d*|veth.*|br-.*")) {
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    if (address instanceof java.net.Inet6Address && !address.isLinkLocalAddress()) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> firstNonLoopbackIpv4() throws Exception {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isUp() && !nif.isLoopback()) {
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address.getHostAddress());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
