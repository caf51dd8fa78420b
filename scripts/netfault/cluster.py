"""The swim-cli processes of the suite, one per test host, and what each of them reports.

Each process prints one JSON line per membership event; a reader thread per process folds them
into that process's view: for every member name, the status of every uid it has heard of. Member
lists are also read from the process itself through its control port (inside its namespace).
"""
import datetime
import json
import os
import signal
import subprocess
import threading
import time

ALIVE, SUSPECT, DEAD, LEFT = "ALIVE", "SUSPECT", "DEAD", "LEFT"
LISTED = (ALIVE, SUSPECT)   # what discovery still hands out
PORT = 7946
CONTROL_PORT = 7990

JVM_OPTS = [
    # Ten JVMs share two cores with the rest of the machine: small heaps, one GC thread, the quick
    # compiler only, and one processor as far as thread pools are concerned.
    "-Xmx48m", "-Xms16m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
    "-XX:ActiveProcessorCount=1", "-Xshare:auto",
]

QUERY = ("import sys,urllib.request\n"
         "r=urllib.request.Request('http://127.0.0.1:%d'+sys.argv[1],data=(sys.argv[2].encode() if len(sys.argv)>2 else None))\n"
         "print(urllib.request.urlopen(r,timeout=5).read().decode())\n" % CONTROL_PORT)


def wall(iso):
    """Epoch seconds of an ISO-8601 instant as the CLI prints it."""
    return datetime.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


class Node:
    def __init__(self, host, jar, log_dir, seeds, key_file, cluster="swim", extra=()):
        self.host = host
        self.name = host.name
        self.jar = jar
        self.log_dir = log_dir
        self.seeds = seeds
        self.key_file = key_file
        self.cluster = cluster
        self.extra = list(extra)
        self.proc = None
        self.lock = threading.Lock()
        self.history = []      # every line, parsed, with "seen" (harness wall clock) added
        self.view = {}         # name -> {uid: status}
        self.uid = None        # own uid now
        self.uids = []         # own uids in order (restarts, rejoins)
        self.started_at = None
        self.generation = 0

    # ---------------------------------------------------------------- process
    def start(self):
        self.generation += 1
        args = self.host.exec_args("java", *JVM_OPTS, "-jar", self.jar, "run",
                                   "--name", self.name, "--bind-host", self.host.ip, "--port", str(PORT),
                                   "--seed", ",".join(self.seeds), "--cluster", self.cluster,
                                   "--key-file", self.key_file, "--control-port", str(CONTROL_PORT),
                                   *self.extra)
        err = open(os.path.join(self.log_dir, "%s.%d.stderr" % (self.name, self.generation)), "w")
        out = open(os.path.join(self.log_dir, "%s.%d.jsonl" % (self.name, self.generation)), "w")
        # `ip netns exec` execs the command in place, so this pid is the JVM's own (signals reach it).
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL,
                                     text=True, bufsize=1)
        with self.lock:
            self.view = {}
            self.uid = None
            self.started_at = None
        t = threading.Thread(target=self._read, args=(self.proc, out), daemon=True)
        t.start()

    def _read(self, proc, copy):
        for line in proc.stdout:
            copy.write(line)
            copy.flush()
            try:
                d = json.loads(line)
            except ValueError:
                continue
            d["seen"] = time.time()
            self._fold(d)
        copy.close()

    def _fold(self, d):
        with self.lock:
            self.history.append(d)
            kind = d.get("event")
            if kind == "NodeStarted":
                self.uid = d["uid"]
                self.uids.append(d["uid"])
                self.started_at = wall(d["ts"])
            elif kind == "LocalMemberDeclaredDead" and d.get("rejoined"):
                # The cluster declared this process dead; it rejoined under a new uid (the event's
                # member; "previous" is the dead identity).
                self.uid = d["uid"]
                self.uids.append(d["uid"])
            if ("name" in d and "uid" in d and "status" in d and d["name"] != self.name
                    and kind not in ("NodeStarted", "NodeStopped", "Joined")):
                self.view.setdefault(d["name"], {})[d["uid"]] = d["status"]

    def signal(self, sig):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, sig)

    def kill(self):
        self.signal(signal.SIGKILL)
        self.wait_exit(10)

    def terminate(self, timeout=10):
        self.signal(signal.SIGTERM)
        if not self.wait_exit(timeout):
            self.kill()

    def wait_exit(self, timeout):
        if self.proc is None:
            return True
        try:
            self.proc.wait(timeout)
            return True
        except subprocess.TimeoutExpired:
            return False

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    # ---------------------------------------------------------------- views
    def status_of(self, name, uid):
        with self.lock:
            return self.view.get(name, {}).get(uid)

    def alive_names(self):
        with self.lock:
            return {n for n, uids in self.view.items() if ALIVE in uids.values()} | {self.name}

    def listed_uids(self, name):
        with self.lock:
            return {u for u, s in self.view.get(name, {}).items() if s in LISTED}

    def events(self, since=0.0, kind=None, name=None, uid=None):
        with self.lock:
            return [d for d in self.history if d["seen"] >= since and (kind is None or d.get("event") == kind)
                    and (name is None or d.get("name") == name) and (uid is None or d.get("uid") == uid)]

    # ---------------------------------------------------------------- control port
    def control(self, path, body=None):
        """The node's own answer, read inside its namespace over 127.0.0.1."""
        args = self.host.exec_args("python3", "-c", QUERY, path) + ([body] if body is not None else [])
        p = subprocess.run(args, capture_output=True, text=True, timeout=15)
        if p.returncode != 0:
            raise RuntimeError("control %s %s at %s failed: %s" % (path, body or "", self.name, p.stderr.strip()[-300:]))
        return json.loads(p.stdout)

    def members(self):
        return self.control("/members")


def wait_until(condition, timeout, step=0.2):
    """Polls condition() until true or timeout seconds passed; returns whether it became true."""
    deadline = time.time() + timeout
    while True:
        if condition():
            return True
        if time.time() >= deadline:
            return False
        time.sleep(step)
