package io.swimdiscovery.spring.autoconfigure;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.seed.SeedProvider;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The seed provider the properties describe: {@code swim.seeds} as a fixed list, plus the A/AAAA
 * records of {@code swim.seed-dns} resolved at every call, so a headless service whose pods change
 * is followed.
 */
final class SwimSeedProviders {

    private static final Log logger = LogFactory.getLog(SwimSeedProviders.class);

    private SwimSeedProviders() {
    }

    static SeedProvider from(SwimProperties properties) {
        List<Address> fixed = SwimPropertiesValidator.seedAddresses(properties);
        String dns = properties.getSeedDns();
        if (dns == null || dns.isBlank()) {
            return fixed.isEmpty() ? SeedProvider.none() : SeedProvider.of(fixed);
        }
        Address name = Address.parse(dns, SwimPropertiesValidator.seedPort(properties));
        return () -> {
            Set<Address> seeds = new LinkedHashSet<>(fixed);
            seeds.addAll(resolve(name));
            return List.copyOf(seeds);
        };
    }

    private static List<Address> resolve(Address name) {
        List<Address> resolved = new ArrayList<>();
        try {
            for (InetAddress address : InetAddress.getAllByName(name.host())) {
                resolved.add(new Address(address.getHostAddress(), name.port()));
            }
        }
        catch (UnknownHostException ex) {
            // The contract: a name that does not resolve now is skipped, and tried again at the next join attempt.
            logger.debug("Seed DNS name " + name.host() + " does not resolve (yet)");
        }
        return resolved;
    }
}
