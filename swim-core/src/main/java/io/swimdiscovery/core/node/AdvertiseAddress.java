package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

/**
 * Picks the address peers should use. An explicit advertise host wins; otherwise the bound IP,
 * unless it is a wildcard (0.0.0.0, ::), which peers cannot send to: then the first site-local
 * IPv4 address of an interface that is up, as memberlist does, and loopback as the last resort.
 * Names are resolved here, once, so the engine and the protocol thread only ever see IPs.
 */
final class AdvertiseAddress {

    private AdvertiseAddress() {}

    static Address choose(String advertiseHost, int advertisePort, Address bound) {
        int port = advertisePort >= 0 && advertisePort != 0 ? advertisePort : bound.port();
        if (!advertiseHost.isEmpty()) {
            return new Address(resolve(advertiseHost), port);
        }
        InetAddress boundIp = parse(bound.host());
        if (!boundIp.isAnyLocalAddress()) {
            return new Address(boundIp.getHostAddress(), port);
        }
        return new Address(
                firstSiteLocal().orElse(InetAddress.getLoopbackAddress()).getHostAddress(), port);
    }

    private static InetAddress parse(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resolve(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("advertise host '" + host + "' does not resolve", e);
        }
    }

    private static Optional<InetAddress> firstSiteLocal() {
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
                        return Optional.of(a);
                    }
                }
            }
        } catch (SocketException e) {
            // No interface list: fall back to loopback below.
        }
        return Optional.empty();
    }
}
