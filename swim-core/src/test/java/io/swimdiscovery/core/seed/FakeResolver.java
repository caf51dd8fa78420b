package io.swimdiscovery.core.seed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A DNS that answers from maps and counts lookups, so tests need no server. */
final class FakeResolver implements HostResolver {

    final Map<String, List<String>> a = new HashMap<>();
    final Map<String, List<SrvRecord>> srv = new HashMap<>();
    final List<String> lookups = new ArrayList<>();

    FakeResolver host(String name, String... ips) {
        a.put(name, List.of(ips));
        return this;
    }

    FakeResolver srv(String name, SrvRecord... records) {
        srv.put(name, List.of(records));
        return this;
    }

    @Override
    public List<InetAddress> addresses(String host) throws IOException {
        lookups.add(host);
        List<String> ips = a.get(host);
        if (ips == null) {
            throw new UnknownHostException(host);
        }
        List<InetAddress> out = new ArrayList<>();
        for (String ip : ips) {
            out.add(InetAddress.getByName(ip));
        }
        return out;
    }

    @Override
    public List<SrvRecord> srv(String name) throws IOException {
        lookups.add("SRV " + name);
        if ("_broken._udp.example".equals(name)) {
            throw new IOException("SERVFAIL");
        }
        return srv.getOrDefault(name, List.of());
    }
}
