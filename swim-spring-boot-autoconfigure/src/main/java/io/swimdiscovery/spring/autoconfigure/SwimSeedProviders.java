package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.seed.DnsSeedProvider;
import io.swimdiscovery.core.seed.SeedProvider;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The seed provider the properties describe: {@code swim.seeds} as a fixed list, plus what
 * {@code swim.seed-dns} resolves to at every call (A/AAAA records, or SRV for a name starting with
 * an underscore), so a headless service whose pods change is followed.
 */
final class SwimSeedProviders {

    private SwimSeedProviders() {}

    static SeedProvider from(SwimProperties properties) {
        List<Address> fixed = SwimPropertiesValidator.seedAddresses(properties);
        String dns = properties.getSeedDns();
        if (dns == null || dns.isBlank()) {
            return fixed.isEmpty() ? SeedProvider.none() : SeedProvider.of(fixed);
        }
        DnsSeedProvider resolved = new DnsSeedProvider(dns, SwimPropertiesValidator.seedPort(properties));
        if (fixed.isEmpty()) {
            return resolved;
        }
        return () -> {
            Set<Address> seeds = new LinkedHashSet<>(fixed);
            seeds.addAll(resolved.seeds());
            return List.copyOf(seeds);
        };
    }
}
