package io.swimdiscovery.core.node;

import io.swimdiscovery.core.protocol.Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * What the bind address implies for the user. The default is loopback, so nodes on one host find
 * each other with no setting and nothing is exposed to the network by accident; binding anything
 * else without a key is warned about at start, and a join that fails because a loopback-bound node
 * tried seeds on other hosts says why.
 */
final class BindAddressRules {

    /** The builder's default bind host: every node on this host can reach it, no other host can. */
    static final String DEFAULT_BIND_HOST = "127.0.0.1";

    static final System.Logger LOG = System.getLogger(BindAddressRules.class.getName());

    private BindAddressRules() {}

    /**
     * Logs a warning when the node listens beyond this host with no key: without one, any host
     * that reaches the port reads the membership (names, addresses, metadata) and can forge news.
     */
    static void warnIfExposedWithoutKey(String nodeName, String bindHost, Address bound, boolean hasKey) {
        if (hasKey || isLoopback(bound.host())) {
            return;
        }
        LOG.log(
                System.Logger.Level.WARNING,
                "SWIM node " + nodeName + " binds " + bindHost + " (port " + bound.port()
                        + "), which other hosts can reach, and has no encryption key: anyone who can send to this "
                        + "port can read the membership and forge members. Set keys(...) with encryptionMode(REQUIRED) "
                        + "(Spring: swim.encryption.keys and swim.encryption.mode), or bind a loopback address.");
    }

    /** A sentence for {@link JoinFailedException} when loopback binding is the likely cause, else empty. */
    static String joinHint(String bindHost, List<Address> seeds) {
        if (!isLoopback(bindHost) || seeds.stream().allMatch(s -> isLoopback(s.host()))) {
            return "";
        }
        return "; this node binds " + bindHost + ", which other hosts cannot reach: set bindHost (for example "
                + "0.0.0.0) to join seeds on other hosts";
    }

    /** Whether {@code host} (an IP literal or a name) is a loopback address; false if it does not resolve. */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
