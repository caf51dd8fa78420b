#!/usr/bin/env python3
"""Network fault suite: swim-cli processes in their own network namespaces, faults injected by
the kernel (nftables, signals). Run through scripts/network-fault-tests.sh, which checks root,
installs the tools and builds the jar. Prints one JSON line per check and exits 1 if any failed.

  python3 scripts/netfault/suite.py --jar swim-cli/target/swim-cli.jar [--cases 1,7,2]
"""
import argparse
import base64
import json
import os
import signal
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cluster import ALIVE, Node, wait_until, wall  # noqa: E402
from cases import Cases, N, CPU_MARGIN  # noqa: E402
import topology  # noqa: E402
from roles import ROLE_ARGS, ROLE_MEMBERS, RoleCase  # noqa: E402

ORDER = [("1", "crash_and_restart"), ("7", None), ("2", "host_silence"), ("3", "loss"), ("4", "partition"),
         ("5", "one_way"), ("6", "pause"), ("8", "wrong_key_and_cluster"), ("9", "key_rotation"),
         ("roles", "roles"), ("leave", "leave_on_sigterm")]
START_BOUND = 60 + 3 * CPU_MARGIN   # ten cold JVMs on two cores, then one join round each


class Suite:
    def __init__(self, jar, log_dir):
        self.jar = jar
        self.log_dir = log_dir
        self.network = topology.Network()
        self.cluster = []
        self.extra = []
        self.results = []
        self.key = base64.b64encode(os.urandom(32)).decode()
        self.key_file = os.path.join(log_dir, "cluster.key")
        self.wrong_key_file = os.path.join(log_dir, "wrong.key")
        with open(self.key_file, "w") as f:
            f.write(self.key + "\n")
        with open(self.wrong_key_file, "w") as f:
            f.write(base64.b64encode(os.urandom(32)).decode() + "\n")

    wall = staticmethod(wall)

    def emit(self, line):
        print(json.dumps(line), flush=True)

    def check(self, name, passed, figures):
        line = {"check": name, "passed": bool(passed)}
        line.update(figures)
        self.results.append(line)
        self.emit(line)

    # ------------------------------------------------------------------ set-up
    def build(self):
        self.network.create_hub()
        hosts = [self.network.add_host("n%02d" % (i + 1), "192.0.2.%d" % (11 + i)) for i in range(N)]
        seeds = ["%s:7946" % h.ip for h in hosts[:2]]
        self.cluster = [Node(h, self.jar, self.log_dir, seeds, self.key_file) for h in hosts]
        for node in self.cluster[ROLE_MEMBERS]:
            node.extra = list(ROLE_ARGS)   # three of the ten form a role group (roles.py)
        self.outsider_hosts = [self.network.add_host("x01", "192.0.2.31"), self.network.add_host("x02", "192.0.2.32")]
        self.seeds = seeds

    def outsiders(self):
        """A process with another key, and one with the cluster's key but another cluster name."""
        wrong_key = Node(self.outsider_hosts[0], self.jar, self.log_dir, self.seeds, self.wrong_key_file)
        wrong_cluster = Node(self.outsider_hosts[1], self.jar, self.log_dir, self.seeds, self.key_file,
                             cluster="not-swim")
        self.extra = [wrong_key, wrong_cluster]
        return wrong_key, wrong_cluster

    def start_cluster(self):
        t0 = time.time()
        for n in self.cluster:
            n.start()
        ok = self.converged(START_BOUND)
        self.emit({"step": "cluster-started", "n": N, "converged": ok, "seconds": round(time.time() - t0, 1)})
        return ok

    # ------------------------------------------------------------------ views
    def listed_names(self, node):
        try:
            m = node.members()
        except RuntimeError:
            return set()
        return {x["name"] for x in m["members"] if x["status"] == ALIVE}

    def query_all(self, nodes):
        out = {}
        for n in nodes:
            if n.running():
                try:
                    out[n.name] = n.members()
                except RuntimeError as e:
                    self.emit({"warning": str(e)[:300]})
        return out

    def local_uid(self, node):
        try:
            return node.members()["local"]["uid"]
        except (RuntimeError, ValueError, KeyError):
            return None

    def rejected_totals(self, nodes):
        total = {}
        for m in self.query_all(nodes).values():
            for reason, count in m["statistics"]["rejectedPackets"].items():
                total[reason] = total.get(reason, 0) + count
        return total

    def converged(self, bound):
        """Every cluster process lists every cluster member ALIVE: first by its event stream, then
        confirmed by its own member list. Bounded by `bound` seconds."""
        names = {n.name for n in self.cluster}
        deadline = time.time() + bound
        if not wait_until(lambda: all(names <= n.alive_names() for n in self.cluster if n.running()), bound):
            return False
        while True:
            if all(names <= self.listed_names(n) for n in self.cluster if n.running()):
                return True
            if time.time() >= deadline:
                return False
            time.sleep(1.0)

    # ------------------------------------------------------------------ teardown
    def stop(self):
        for n in self.cluster + self.extra:
            if n.running():
                n.signal(signal.SIGCONT)
                n.terminate(timeout=5)


def interrupted(signum, frame):
    raise KeyboardInterrupt("signal %d" % signum)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jar", required=True)
    p.add_argument("--logs", default="swim-cli/target/network-fault-tests")
    p.add_argument("--cases", default="1,7,2,3,4,5,6,8,9,roles,leave",
                   help="cases to run, comma-separated (7 runs with 1; 'roles' pauses a role group's "
                        "primary; 'leave' is SIGTERM's graceful leave)")
    args = p.parse_args()
    wanted = set(args.cases.split(","))
    if "7" in wanted:
        wanted.add("1")

    taken = topology.ours()
    if taken:
        print("network-fault-tests: namespaces %s already exist; refusing to run (another run, or a "
              "crashed one: remove them with 'ip netns del NAME')" % ", ".join(taken), file=sys.stderr)
        return 2
    os.makedirs(args.logs, exist_ok=True)
    suite = Suite(os.path.abspath(args.jar), os.path.abspath(args.logs))
    # SIGTERM (timeout, CI) ends the run through the finally below.
    signal.signal(signal.SIGTERM, interrupted)
    t0 = time.time()
    try:
        suite.build()
        if not suite.start_cluster():
            suite.check("cluster-start", False, {"bound_s": START_BOUND})
        else:
            cases = Cases(suite)
            for number, method in ORDER:
                if number in wanted and method == "roles":
                    RoleCase(suite).run()
                elif number in wanted and method:
                    getattr(cases, method)()
    except KeyboardInterrupt:
        suite.check("interrupted", False, {})
    except Exception as e:  # a broken harness must fail the suite, not pass it
        traceback.print_exc()
        suite.check("harness-error", False, {"error": str(e)[:500]})
    finally:
        suite.stop()
        removed = topology.Network.remove()
        left = topology.ours()
        passed = all(r["passed"] for r in suite.results) and bool(suite.results) and not left
        suite.emit({"summary": "network-fault-tests", "passed": passed,
                    "checks": len(suite.results), "failed": [r["check"] for r in suite.results if not r["passed"]],
                    "seconds": round(time.time() - t0, 1), "namespaces_removed": len(removed),
                    "namespaces_left": left, "logs": suite.log_dir})
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
