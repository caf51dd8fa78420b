package io.swimdiscovery.core.seed;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * The DNS lookups seed providers need, behind an interface so their parsing and fallback rules
 * are tested without a DNS server. {@link #system()} is the JDK's resolver.
 */
public interface HostResolver {

    /** A and AAAA records of {@code host} (or the literal itself). @throws IOException if it does not resolve */
    List<InetAddress> addresses(String host) throws IOException;

    /** SRV records of {@code name}; empty if it has none. @throws IOException if the lookup fails */
    List<SrvRecord> srv(String name) throws IOException;

    /** The JDK: {@link InetAddress} for A/AAAA, JNDI's DNS provider for SRV. */
    static HostResolver system() {
        return JdkHostResolver.INSTANCE;
    }

    /**
     * One SRV record.
     *
     * @param priority lower is preferred
     * @param weight relative weight among equal priorities
     * @param port the port the service listens on
     * @param target host name of the instance, without the trailing dot
     */
    record SrvRecord(int priority, int weight, int port, String target) {

        /**
         * Parses the text form JNDI returns, {@code "priority weight port target."}.
         *
         * @throws IllegalArgumentException naming what is wrong
         */
        public static SrvRecord parse(String text) {
            String[] parts = text.trim().split("\\s+");
            if (parts.length != 4) {
                throw new IllegalArgumentException("SRV record '" + text + "' must be 'priority weight port target'");
            }
            try {
                int priority = Integer.parseInt(parts[0]);
                int weight = Integer.parseInt(parts[1]);
                int port = Integer.parseInt(parts[2]);
                if (port < 1 || port > 65_535) {
                    throw new IllegalArgumentException(
                            "SRV record '" + text + "' has port " + port + " outside 1..65535");
                }
                String target = parts[3].endsWith(".") ? parts[3].substring(0, parts[3].length() - 1) : parts[3];
                if (target.isEmpty()) {
                    throw new IllegalArgumentException("SRV record '" + text + "' has no target");
                }
                return new SrvRecord(priority, weight, port, target);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SRV record '" + text + "' has a field that is not a number", e);
            }
        }
    }
}
