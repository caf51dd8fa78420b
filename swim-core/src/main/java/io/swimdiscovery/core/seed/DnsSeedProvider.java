package io.swimdiscovery.core.seed;

import io.swimdiscovery.core.protocol.Address;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Seeds from DNS, looked up again at every call so a rejoin follows the name as pods come and go.
 *
 * <ul>
 *   <li>A name starting with {@code _} ({@code _swim._udp.orders.default.svc.cluster.local}, what a
 *       Kubernetes headless service publishes for a named port) is looked up as SRV: every target
 *       is resolved to its addresses, with the record's port.
 *   <li>Any other name ({@code orders-peers.default.svc.cluster.local}, or {@code name:port}) is
 *       resolved to its A and AAAA records, each with the given or the default port.
 * </ul>
 *
 * <p>A name that does not resolve is logged and yields an empty list; this provider never throws
 * from {@link #seeds()}, so a seed missing at start-up is retried rather than fatal.
 * See {@link JdkHostResolver} for why the JDK's resolver and not Netty's.
 */
public final class DnsSeedProvider implements SeedProvider {

    private static final System.Logger LOG = System.getLogger(DnsSeedProvider.class.getName());

    private final String name;
    private final int port;
    private final boolean srv;
    private final HostResolver resolver;

    /**
     * @param name DNS name, {@code name:port}, or an SRV name starting with {@code _}
     * @param defaultPort port for A/AAAA answers when {@code name} has none
     * @throws IllegalArgumentException if {@code name} is malformed
     */
    public DnsSeedProvider(String name, int defaultPort) {
        this(name, defaultPort, HostResolver.system());
    }

    /** As {@link #DnsSeedProvider(String, int)}, with the lookups done by {@code resolver}. */
    public DnsSeedProvider(String name, int defaultPort, HostResolver resolver) {
        Objects.requireNonNull(name, "name");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        String trimmed = name.trim();
        this.srv = trimmed.startsWith("_");
        if (srv) {
            if (trimmed.length() < 2 || trimmed.contains(":")) {
                throw new IllegalArgumentException("SRV name '" + name + "' must look like _swim._udp.host");
            }
            this.name = trimmed;
            this.port = defaultPort;
        } else {
            Address parsed = Address.parse(trimmed, defaultPort);
            if (parsed.port() == 0) {
                throw new IllegalArgumentException(
                        "seed DNS name '" + name + "' needs a port (name:port or a default)");
            }
            this.name = parsed.host();
            this.port = parsed.port();
        }
    }

    @Override
    public List<Address> seeds() {
        try {
            List<Address> found = srv ? fromSrv() : resolve(name, port);
            if (found.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "seed DNS name '" + name + "' has no records; will retry");
            }
            return found;
        } catch (IOException | RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "seed DNS name '" + name + "' did not resolve (" + e.getMessage() + "); will retry");
            return List.of();
        }
    }

    private List<Address> fromSrv() throws IOException {
        List<HostResolver.SrvRecord> records = new ArrayList<>(resolver.srv(name));
        records.sort(Comparator.comparingInt(HostResolver.SrvRecord::priority)
                .thenComparing(
                        Comparator.comparingInt(HostResolver.SrvRecord::weight).reversed()));
        Set<Address> out = new LinkedHashSet<>();
        for (HostResolver.SrvRecord r : records) {
            try {
                out.addAll(resolve(r.target(), r.port()));
            } catch (IOException e) {
                // One pod gone between the SRV answer and its A lookup: skip it, keep the rest.
                LOG.log(
                        System.Logger.Level.DEBUG,
                        () -> "SRV target '" + r.target() + "' did not resolve: " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private List<Address> resolve(String host, int p) throws IOException {
        Set<Address> out = new LinkedHashSet<>();
        for (InetAddress a : resolver.addresses(host)) {
            out.add(new Address(a.getHostAddress(), p));
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "dns:" + (srv ? name : new Address(name, port).toString());
    }
}
