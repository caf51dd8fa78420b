"""Test hosts for the network fault suite: one network namespace per node, all joined by a bridge
inside a hub namespace, with addresses from 192.0.2.0/24 (TEST-NET-1, RFC 5737) that exist only
inside those namespaces. Faults are nftables rules inside a node's own namespace; nothing here
touches the host's network namespace, its interfaces or its firewall.
"""
import subprocess

PREFIX = "swnf-"          # every namespace this suite creates starts with this
HUB = PREFIX + "hub"      # holds the bridge
SUBNET = "192.0.2.0/24"   # documentation range: routed nowhere, so no packet can leave
TABLE = "swnf"            # nftables table inside each node namespace


def run(*args, check=True, timeout=20):
    """Runs a command (bounded), returns its stdout; raises with its stderr on failure."""
    p = subprocess.run(list(args), capture_output=True, text=True, timeout=timeout)
    if check and p.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(args), p.returncode, p.stderr.strip()))
    return p.stdout


def existing_namespaces():
    out = run("ip", "netns", "list", check=False)
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def ours():
    return [ns for ns in existing_namespaces() if ns.startswith(PREFIX)]


class Host:
    """One test host: a namespace with eth0 on the hub bridge and one address."""

    def __init__(self, name, ip):
        self.name = name
        self.ns = PREFIX + name
        self.ip = ip

    def exec_args(self, *args):
        return ["ip", "netns", "exec", self.ns] + list(args)

    def nft(self, rules):
        """Applies an nft script inside this host's namespace."""
        p = subprocess.run(self.exec_args("nft", "-f", "-"), input=rules, capture_output=True,
                           text=True, timeout=10)
        if p.returncode != 0:
            raise RuntimeError("nft in %s failed: %s\n%s" % (self.ns, p.stderr.strip(), rules))

    # ------------------------------------------------------------------ faults
    # Two chains, hooked at input and output, hold every fault; clear() empties both. Rules match
    # only the suite's subnet, so loopback (the control port) is never affected. Every rule drops
    # silently (no ICMP, no TCP reset): to the node, a dropped packet is silence, as with a
    # firewall that drops, a lost link or a dead host.

    def setup_firewall(self):
        self.nft("""
add table inet %(t)s
add chain inet %(t)s input { type filter hook input priority 0; policy accept; }
add chain inet %(t)s output { type filter hook output priority 0; policy accept; }
""" % {"t": TABLE})

    def clear(self):
        self.nft("flush chain inet %(t)s input\nflush chain inet %(t)s output\n" % {"t": TABLE})

    def loss(self, percent):
        """Drops percent% of every packet this host receives from the subnet, TCP and UDP alike:
        each one-way link into this host loses that share."""
        self.nft("add rule inet %s input ip saddr %s numgen random mod 1000 < %d drop\n"
                 % (TABLE, SUBNET, int(percent * 10)))

    def silence(self):
        """Drops everything to and from the subnet: the host is gone, its process keeps running."""
        self.nft("add rule inet %(t)s input ip saddr %(s)s drop\nadd rule inet %(t)s output ip daddr %(s)s drop\n"
                 % {"t": TABLE, "s": SUBNET})

    def block_from(self, ips):
        """Drops what these addresses send to this host (one half of a partition)."""
        self.nft("add rule inet %s input ip saddr { %s } drop\n" % (TABLE, ", ".join(ips)))

    def block_to(self, ips):
        """Drops what this host sends to these addresses (a one-way partition)."""
        self.nft("add rule inet %s output ip daddr { %s } drop\n" % (TABLE, ", ".join(ips)))


class Network:
    """Creates the hub and the hosts; remove() deletes every namespace with the suite's prefix."""

    def __init__(self):
        self.hosts = []

    def create_hub(self):
        run("ip", "netns", "add", HUB)
        run("ip", "-n", HUB, "link", "set", "lo", "up")
        run("ip", "-n", HUB, "link", "add", "br0", "type", "bridge")
        run("ip", "-n", HUB, "link", "set", "br0", "up")

    def add_host(self, name, ip):
        h = Host(name, ip)
        run("ip", "netns", "add", h.ns)
        self.hosts.append(h)
        veth = "v-" + name  # hub side; interface names are at most 15 characters
        run("ip", "-n", HUB, "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", h.ns)
        run("ip", "-n", HUB, "link", "set", veth, "master", "br0")
        run("ip", "-n", HUB, "link", "set", veth, "up")
        run("ip", "-n", h.ns, "link", "set", "lo", "up")
        run("ip", "-n", h.ns, "addr", "add", ip + "/24", "dev", "eth0")
        run("ip", "-n", h.ns, "link", "set", "eth0", "up")
        h.setup_firewall()
        return h

    @staticmethod
    def remove():
        """Kills what still runs inside the suite's namespaces (only processes it started: nothing
        else runs there) and deletes the namespaces, the hub last."""
        names = ours()
        for ns in names:
            for pid in run("ip", "netns", "pids", ns, check=False).split():
                run("kill", "-9", pid, check=False)
        for ns in sorted(names, key=lambda n: n == HUB):
            run("ip", "netns", "del", ns, check=False)
        return names
