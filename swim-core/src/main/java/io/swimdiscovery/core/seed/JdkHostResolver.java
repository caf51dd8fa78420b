package io.swimdiscovery.core.seed;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * DNS through the JDK alone. Chosen over netty-resolver-dns because seeds are looked up rarely and
 * off the protocol thread, so blocking is fine; {@link InetAddress} follows the operating system's
 * resolver (/etc/hosts, resolv.conf search domains, which Kubernetes relies on for short names);
 * and SRV via JNDI's {@code com.sun.jndi.dns} provider, part of every JDK, adds no dependency to
 * swim-core. JNDI does not apply search domains, so SRV names should be fully qualified, as
 * Kubernetes' {@code _port._proto.service.namespace.svc.cluster.local} names are.
 */
final class JdkHostResolver implements HostResolver {

    static final JdkHostResolver INSTANCE = new JdkHostResolver();

    private JdkHostResolver() {}

    @Override
    public List<InetAddress> addresses(String host) throws IOException {
        return List.of(InetAddress.getAllByName(host));
    }

    @Override
    // JNDI here is the JDK's DNS provider only (fixed factory, "dns:" URL): it returns SRV text, never
    // deserialised objects, which is what BanJNDI guards against; its environment must be a Hashtable.
    @SuppressWarnings({"BanJNDI", "JdkObsolete"})
    public List<SrvRecord> srv(String name) throws IOException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", "dns:");
        // Bounded: 2 s first try, 2 retries (JNDI doubles the timeout on each).
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        DirContext ctx = null;
        try {
            ctx = new InitialDirContext(env);
            Attributes attrs = ctx.getAttributes(name, new String[] {"SRV"});
            Attribute srv = attrs.get("SRV");
            List<SrvRecord> records = new ArrayList<>();
            if (srv != null) {
                NamingEnumeration<?> values = srv.getAll();
                while (values.hasMore()) {
                    records.add(SrvRecord.parse(String.valueOf(values.next())));
                }
            }
            return records;
        } catch (NameNotFoundException e) {
            return List.of();
        } catch (NamingException | IllegalArgumentException e) {
            throw new IOException("SRV lookup of '" + name + "' failed: " + e.getMessage(), e);
        } finally {
            if (ctx != null) {
                try {
                    ctx.close();
                } catch (NamingException ignored) {
                    // Nothing to release beyond what close already tried.
                }
            }
        }
    }
}
