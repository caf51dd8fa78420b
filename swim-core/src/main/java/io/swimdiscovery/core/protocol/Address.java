package io.swimdiscovery.core.protocol;

import java.util.Objects;

/**
 * Where a member can be reached: a host (IP literal or name) and a port. Kept as text so the
 * engine never resolves names; the transport turns it into a socket address.
 */
public record Address(String host, int port) implements Comparable<Address> {

    public Address {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
    }

    /**
     * Parses {@code host:port}, {@code [v6]:port} or a bare host, which gets {@code defaultPort}.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static Address parse(String text, int defaultPort) {
        return parse(text, defaultPort, false);
    }

    /**
     * Parses {@code host:port} or {@code [v6]:port}; the port is required.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static Address parse(String text) {
        return parse(text, 0, true);
    }

    private static Address parse(String text, int defaultPort, boolean portRequired) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("address is empty");
        }
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' has '[' without ']'");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("'" + text + "' must be [ipv6]:port");
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = s.lastIndexOf(':');
            // No colon, or several without brackets (a bare IPv6 literal): no port given.
            boolean hasPort = colon >= 0 && s.indexOf(':') == colon;
            host = hasPort ? s.substring(0, colon) : s;
            port = hasPort ? s.substring(colon + 1) : null;
        }
        if (port == null) {
            if (portRequired) {
                throw new IllegalArgumentException("'" + text + "' has no port; expected host:port");
            }
            return new Address(host, defaultPort);
        }
        return new Address(host, parsePort(port, text));
    }

    private static int parsePort(String digits, String whole) {
        try {
            int port = Integer.parseInt(digits);
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("'" + whole + "' has port " + port + " outside 0..65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + whole + "' has a port that is not a number", e);
        }
    }

    @Override
    public int compareTo(Address o) {
        int c = host.compareTo(o.host);
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
