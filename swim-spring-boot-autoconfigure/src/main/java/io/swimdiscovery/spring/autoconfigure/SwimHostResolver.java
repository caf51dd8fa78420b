package io.swimdiscovery.spring.autoconfigure;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.InetUtilsProperties;
import org.springframework.core.env.Environment;

/**
 * Chooses the address this instance advertises, in this order:
 * <ol>
 * <li>{@code swim.advertise-address}, as given;</li>
 * <li>{@code swim.bind-address} when it is a specific address (the node advertises what it bound);</li>
 * <li>{@code server.address} when it is a specific address: the application serves there;</li>
 * <li>Spring Cloud's {@link InetUtils} with {@code spring.cloud.inetutils.*} (preferred networks,
 * ignored interfaces, site-local only), container bridges skipped by default; InetUtils looks at
 * IPv4 only, so on a host without a usable IPv4 address the first global IPv6 address of an
 * interface that is up (same filters) is taken before loopback.</li>
 * </ol>
 * and the host callers get: that address, or a host name with {@code swim.instance.prefer-ip-address=false}.
 * Runs once, at node creation (InetUtils may wait for a reverse lookup, bounded by its
 * {@code timeout-seconds}).
 */
final class SwimHostResolver {

    /** Skipped unless spring.cloud.inetutils.ignored-interfaces says otherwise: bridges peers cannot reach. */
    static final List<String> CONTAINER_INTERFACES = List.of(
            "docker\\d*",
            "veth.*",
            "br-.*",
            "cni.*",
            "flannel.*",
            "cali.*",
            "virbr.*",
            "weave",
            "kube-.*",
            "podman\\d*",
            "lxcbr\\d*");

    private static final Log logger = LogFactory.getLog(SwimHostResolver.class);

    /**
     * @param swimHost the host to advertise for SWIM, or null to let the node advertise what it bound
     * @param serviceHost the host callers get, or null when it is the SWIM address
     */
    record Choice(@Nullable String swimHost, @Nullable String serviceHost) {}

    private SwimHostResolver() {}

    static Choice choose(SwimProperties properties, Environment environment) {
        SwimInstanceProperties instance = properties.getInstance();
        String swimHost = properties.getAdvertiseAddress();
        String serverAddress = environment.getProperty("server.address");
        if (swimHost == null && isWildcard(properties.getBindAddress())) {
            swimHost = (serverAddress != null && !isWildcard(serverAddress))
                    ? serverAddress
                    : discover(inetUtilsProperties(environment, instance)).getHostAddress();
        }
        String serviceHost = null;
        if (!instance.isPreferIpAddress()) {
            serviceHost = (instance.getHostname() != null)
                    ? instance.getHostname()
                    : hostnameOf((swimHost != null) ? swimHost : properties.getBindAddress(), environment, instance);
        } else if (serverAddress != null
                && !isWildcard(serverAddress)
                && swimHost != null
                && !serverAddress.equals(swimHost)) {
            serviceHost = serverAddress;
        }
        return new Choice(swimHost, serviceHost);
    }

    static boolean isWildcard(String host) {
        return host.isEmpty()
                || host.equals("0.0.0.0")
                || host.equals("::")
                || host.equals("[::]")
                || host.equals("0:0:0:0:0:0:0:0");
    }

    static InetUtilsProperties inetUtilsProperties(Environment environment, SwimInstanceProperties instance) {
        InetUtilsProperties inet = Binder.get(environment)
                .bind(InetUtilsProperties.PREFIX, InetUtilsProperties.class)
                .orElseGet(InetUtilsProperties::new);
        if (inet.getIgnoredInterfaces().isEmpty() && instance.isIgnoreContainerInterfaces()) {
            inet.setIgnoredInterfaces(new ArrayList<>(CONTAINER_INTERFACES));
        }
        return inet;
    }

    private static InetAddress discover(InetUtilsProperties inet) {
        try (InetUtils utils = new InetUtils(inet)) {
            InetAddress found = utils.findFirstNonLoopbackAddress();
            // InetUtils falls back to InetAddress.getLocalHost() when no IPv4 address passes its
            // filters, and that fallback ignores them: accept it only if it passes them too.
            if (found != null && !found.isLoopbackAddress() && preferred(found, inet)) {
                return found;
            }
            InetAddress v6 = firstGlobalIpv6(inet);
            if (v6 != null) {
                return v6;
            }
            return (found != null) ? found : InetAddress.getLoopbackAddress();
        }
    }

    private static @Nullable InetAddress firstGlobalIpv6(InetUtilsProperties inet) {
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback() || ignored(nif.getDisplayName(), inet)) {
                    continue;
                }
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    if (address instanceof Inet6Address
                            && !address.isLinkLocalAddress()
                            && !address.isLoopbackAddress()
                            && preferred(address, inet)) {
                        return address;
                    }
                }
            }
        } catch (IOException ex) {
            logger.debug("Cannot list network interfaces", ex);
        }
        return null;
    }

    private static boolean ignored(String name, InetUtilsProperties inet) {
        return inet.getIgnoredInterfaces().stream().anyMatch(name::matches);
    }

    private static boolean preferred(InetAddress address, InetUtilsProperties inet) {
        if (inet.isUseOnlySiteLocalInterfaces()) {
            // IPv6 unique local addresses (fc00::/7) are the counterpart of RFC 1918.
            return (address instanceof Inet6Address)
                    ? (address.getAddress()[0] & 0xfe) == 0xfc
                    : address.isSiteLocalAddress();
        }
        String text = address.getHostAddress();
        return inet.getPreferredNetworks().isEmpty()
                || inet.getPreferredNetworks().stream().anyMatch((net) -> text.matches(net) || text.startsWith(net));
    }

    private static String hostnameOf(String host, Environment environment, SwimInstanceProperties instance) {
        try (InetUtils utils = new InetUtils(inetUtilsProperties(environment, instance))) {
            InetAddress address =
                    InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            return utils.convertAddress(address).getHostname();
        } catch (IOException ex) {
            return host;
        }
    }

    /**
     * Logs a warning when this instance advertises a loopback address while its seeds are on
     * other hosts: those peers would send their probes to themselves and never reach it.
     */
    static boolean warnIfLoopbackWithRemoteSeeds(String advertised, SwimProperties properties) {
        if (!isLoopback(advertised)) {
            return false;
        }
        List<String> remote = new ArrayList<>();
        for (String seed : properties.getSeeds()) {
            int colon = seed.lastIndexOf(':');
            String host = (colon > 0) ? seed.substring(0, colon) : seed;
            if (!isLoopback(host)) {
                remote.add(seed);
            }
        }
        if (properties.getSeedDns() != null) {
            remote.add("seed-dns " + properties.getSeedDns());
        }
        if (remote.isEmpty()) {
            return false;
        }
        logger.warn("SWIM node advertises the loopback address " + advertised + " but its seeds " + remote
                + " are on other hosts: they cannot reach this instance, and it will be declared dead there. "
                + "Set swim.advertise-address, swim.bind-address or server.address to an address they can reach, "
                + "or steer the choice with spring.cloud.inetutils.preferred-networks / ignored-interfaces.");
        return true;
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, Math.max(1, host.length() - 1)) : host;
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }
}
