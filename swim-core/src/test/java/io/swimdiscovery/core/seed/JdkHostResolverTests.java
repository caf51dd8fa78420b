package io.swimdiscovery.core.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Address;
import org.junit.jupiter.api.Test;

/** The JDK resolver on names every host resolves without a DNS server (/etc/hosts, literals). */
class JdkHostResolverTests {

    @Test
    void localhostResolvesThroughTheOperatingSystem() throws Exception {
        assertThat(HostResolver.system().addresses("localhost")).isNotEmpty().allMatch(a -> a.isLoopbackAddress());
    }

    @Test
    void aDnsSeedOfLocalhostGivesLoopbackAddressesWithTheDefaultPort() {
        assertThat(new DnsSeedProvider("localhost", 7946).seeds())
                .isNotEmpty()
                .allMatch(a -> a.port() == 7946)
                .anyMatch(a ->
                        a.equals(new Address("127.0.0.1", 7946)) || a.host().contains(":"));
    }

    @Test
    void anIpLiteralIsItsOwnAnswer() throws Exception {
        assertThat(HostResolver.system().addresses("10.1.2.3"))
                .singleElement()
                .satisfies(a -> assertThat(a.getHostAddress()).isEqualTo("10.1.2.3"));
    }
}
