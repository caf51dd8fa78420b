package io.swimdiscovery.core.seed;

import io.swimdiscovery.core.protocol.Address;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A fixed list of seeds ({@code host:port}, {@code [v6]:port}, or a bare host with the default
 * port). IP literals are used as given; host names are resolved at every call (so the engine only
 * ever sees IPs and the protocol thread never waits on DNS), and a name that does not resolve is
 * logged and skipped.
 */
public final class StaticSeedProvider implements SeedProvider {

    private static final System.Logger LOG = System.getLogger(StaticSeedProvider.class.getName());
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<Address> seeds;
    private final HostResolver resolver;

    public StaticSeedProvider(List<Address> seeds) {
        this(seeds, HostResolver.system());
    }

    public StaticSeedProvider(List<Address> seeds, HostResolver resolver) {
        this.seeds = List.copyOf(seeds);
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * Parses {@code entries}.
     *
     * @throws IllegalArgumentException naming the first malformed entry
     */
    public static StaticSeedProvider parse(List<String> entries, int defaultPort) {
        List<Address> parsed = new ArrayList<>();
        for (String e : entries) {
            Address a = Address.parse(e, defaultPort);
            if (a.port() == 0) {
                throw new IllegalArgumentException("seed '" + e + "' has no port and there is no default port");
            }
            parsed.add(a);
        }
        return new StaticSeedProvider(parsed);
    }

    /** The configured entries, unresolved. */
    public List<Address> configured() {
        return seeds;
    }

    @Override
    public List<Address> seeds() {
        Set<Address> out = new LinkedHashSet<>();
        for (Address a : seeds) {
            if (isIpLiteral(a.host())) {
                out.add(a);
                continue;
            }
            try {
                for (InetAddress ip : resolver.addresses(a.host())) {
                    out.add(new Address(ip.getHostAddress(), a.port()));
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "seed '" + a + "' did not resolve (" + e.getMessage() + "); skipped this time");
            }
        }
        return List.copyOf(out);
    }

    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }

    @Override
    public String toString() {
        return seeds.toString();
    }
}
