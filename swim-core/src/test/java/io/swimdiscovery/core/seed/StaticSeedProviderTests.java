package io.swimdiscovery.core.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swimdiscovery.core.protocol.Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaticSeedProviderTests {

    private final FakeResolver dns = new FakeResolver();

    @Test
    void ipLiteralsAreUsedAsGivenWithoutAnyLookup() {
        var provider = new StaticSeedProvider(List.of(new Address("10.0.0.5", 7946), new Address("::1", 7000)), dns);

        assertThat(provider.seeds()).containsExactly(new Address("10.0.0.5", 7946), new Address("::1", 7000));
        assertThat(dns.lookups).isEmpty();
    }

    @Test
    void hostNamesAreResolvedAndOnesThatDoNotResolveAreSkipped() {
        dns.host("seed-a", "10.0.0.1", "10.0.0.2");
        var provider = new StaticSeedProvider(
                List.of(new Address("seed-a", 7946), new Address("gone", 7946), new Address("10.0.0.1", 7946)), dns);

        assertThat(provider.seeds()).containsExactly(new Address("10.0.0.1", 7946), new Address("10.0.0.2", 7946));
    }

    @Test
    void parsesEntriesWithTheDefaultPortForBareHosts() {
        var provider = StaticSeedProvider.parse(List.of("10.0.0.5:7000", "10.0.0.6", "[fd00::1]:7001"), 7946);

        assertThat(provider.configured())
                .containsExactly(
                        new Address("10.0.0.5", 7000), new Address("10.0.0.6", 7946), new Address("fd00::1", 7001));
    }

    @Test
    void aMalformedEntryIsRejectedNamingIt() {
        assertThatThrownBy(() -> StaticSeedProvider.parse(List.of("10.0.0.5:abc"), 7946))
                .hasMessageContaining("10.0.0.5:abc");
        assertThatThrownBy(() -> StaticSeedProvider.parse(List.of("10.0.0.5"), 0))
                .hasMessageContaining("no port");
    }
}
