"""The nine cases of the network fault suite. Each is a named check that prints one JSON line with
its figures and fails when a figure is outside its bound.

Every bound is derived from the settings the suite runs with, the LAN preset (SwimSettings.lan()),
at n = 10 members, plus a stated margin for ten JVMs that share two cores with other work:
  T  = protocolPeriod 1 s, probeTimeout 0.5 s, gossipInterval 0.2 s, fanout 3,
  min suspicion = suspicionMultiplier 1.5 * log10(10) * T = 1.5 s, max = 6 * min = 9 s,
  pauseTolerance 5 s (after silence, no suspicion ends sooner), goneSuspicionTimeout 1 s (after a
  refused connection), reconnectInterval 10 s, gossipToTheDeadTime 30 s, joinTimeout 10 s (the
  CLI's default).
"""
import base64
import os
import signal
import statistics
import time

from cluster import ALIVE, LISTED, wait_until

T, PROBE_TIMEOUT, N = 1.0, 0.5, 10
MIN_SUSPICION = 1.5 * 1 * T          # alpha * log10(n) * T
MAX_SUSPICION = 6 * MIN_SUSPICION     # beta * min
PAUSE_FLOOR = 5.0                     # pauseTolerance: the floor of a suspicion raised by silence
GOSSIP_SPREAD = 1.0                   # ceil(log3(10)) = 3 gossip rounds of 0.2 s, rounded up to a period
RECONNECT = 10.0
CPU_MARGIN = 5.0                      # ten JVMs on two shared cores: a few seconds of lost CPU

# Fault (crash or silence) to dead at every other member. The first probe of the member by some
# member comes at most n-1 periods after the fault (each member probes one member per period in a
# shuffled round robin), it fails by the end of that period, the suspicion expires at most at the
# maximum timeout (9 s, above the 5 s pause floor), then the death spreads.
DETECT_BOUND = (N - 1) * T + T + max(MAX_SUSPICION, PAUSE_FLOOR) + GOSSIP_SPREAD + CPU_MARGIN  # 25 s

# A restarted process (timed from the line it prints once bound) is listed everywhere: one push-pull
# with a seed and one probe to verify it (a round trip each), then gossip to everyone.
RESTART_BOUND = 2 * T + GOSSIP_SPREAD + CPU_MARGIN                                  # 8 s

# A member that was cut off and is reachable again is listed everywhere: at worst two reconnect
# rounds (each member syncs with one seed or one recently dead member per round; an attempt may
# pick a member on its own side), then its refutation or rejoin spreads.
REJOIN_BOUND = 2 * RECONNECT + 2 * T + GOSSIP_SPREAD + CPU_MARGIN                   # 28 s

# The configured pause tolerance: after silence no suspicion ends sooner, so a pause below it is
# survived (the suspicion starts a probe timeout or more after the pause began and the resumed
# process refutes within a round trip). The short pause keeps 2 s below it for a JVM that resumes
# slowly on a loaded machine; the long one outlasts the detection bound, so every member has
# declared the process dead before it resumes.
PAUSE_TOLERANCE = PAUSE_FLOOR                                                         # 5 s
SHORT_PAUSE = PAUSE_TOLERANCE - 2.0                                                   # 3 s
LONG_PAUSE = DETECT_BOUND + CPU_MARGIN                                                # 30 s

LOSS_SECONDS = 180
PARTITION_SECONDS = 90
ONE_WAY_SECONDS = 45
WATCH_AFTER = 10 * T                 # after a fault ends, ten more periods for late effects


def median_max(values):
    if not values:
        return None, None
    return round(statistics.median(values), 2), round(max(values), 2)


class Cases:
    def __init__(self, suite):
        self.s = suite

    # ------------------------------------------------------------------ helpers
    def others(self, subject):
        return [n for n in self.s.cluster if n is not subject and n.running()]

    def dead_at(self, observer, subject_name, uid, since=0.0):
        """decidedAt (epoch s) of the observer's first MemberFailed about that uid since then, or None.
        (A uid can be declared dead more than once on an engine that lets a member refute its death.)"""
        for d in observer.events(since=since, kind="MemberFailed", name=subject_name, uid=uid):
            return self.s.wall(d["decidedAt"])
        return None

    def detection(self, subject_name, uid, observers, t0, bound):
        ok = wait_until(lambda: all(self.dead_at(o, subject_name, uid, t0) is not None for o in observers), bound)
        times = [self.dead_at(o, subject_name, uid, t0) - t0 for o in observers
                 if self.dead_at(o, subject_name, uid, t0) is not None]
        return ok, times

    def deaths_of_live(self, since, nodes):
        """MemberFailed events since then, at any node, about a cluster member's uid that no node
        had declared dead before: in a window where the suite kills, pauses or cuts off nobody,
        each is a live process declared dead. (Counting by uid that was dead before, not by the
        uids alive at the end, also catches a process that was declared dead and rejoined under a
        new uid meanwhile.)"""
        names = {n.name for n in self.s.cluster}
        dead_before = {d["uid"] for o in nodes for d in o.events(kind="MemberFailed") if d["seen"] < since}
        return [(o.name, d["name"]) for o in nodes for d in o.events(since=since, kind="MemberFailed")
                if d["name"] in names and d["uid"] not in dead_before]

    def suspicions(self, since, nodes):
        """(observer, member) for every MemberSuspected event at any node since then."""
        return [(o.name, d["name"]) for o in nodes for d in o.events(since=since, kind="MemberSuspected")]

    def distinct_suspicions(self, since, nodes):
        """Suspicions counted once however many nodes heard them: (member, uid, incarnation), as the
        in-JVM benchmarks count them."""
        return {(d["name"], d["uid"], d["incarnation"]) for o in nodes
                for d in o.events(since=since, kind="MemberSuspected")}

    # ------------------------------------------------------------------ 1 and 7
    def crash_and_restart(self):
        victim = self.s.cluster[-1]
        old_uid = victim.uid
        observers = self.others(victim)
        t0 = time.time()
        victim.kill()
        ok, times = self.detection(victim.name, old_uid, observers, t0, DETECT_BOUND)
        med, mx = median_max(times)
        self.s.check("1-crash", ok and len(times) == len(observers) and mx <= DETECT_BOUND,
                     {"n": N, "observers": len(observers), "declared_dead": len(times), "detect_median_s": med,
                      "detect_max_s": mx, "bound_s": DETECT_BOUND})

        victim.start()
        wait_until(lambda: victim.uid is not None and victim.uid != old_uid, 60)
        new_uid = victim.uid
        started = victim.started_at if new_uid is not None else time.time()

        def listed_at(o):
            if new_uid is None:
                return None
            for d in o.events(name=victim.name, uid=new_uid):
                if d.get("status") == ALIVE:
                    return d["seen"]
            return None
        ok = new_uid is not None and wait_until(lambda: all(listed_at(o) for o in observers), RESTART_BOUND + 20)
        times = [listed_at(o) - started for o in observers if listed_at(o)]
        med, mx = median_max(times)
        resurrected = [o.name for o in observers if old_uid in o.listed_uids(victim.name)
                       or self.listed_after_death(o, victim.name, old_uid, t0)]
        queried = self.s.query_all(observers)
        old_listed = [name for name, m in queried.items()
                      if any(x["uid"] == old_uid and x["status"] in LISTED for x in m["members"])]
        new_missing = [name for name, m in queried.items()
                       if not any(x["uid"] == new_uid and x["status"] == ALIVE for x in m["members"])]
        self.s.check("7-restart", ok and mx is not None and mx <= RESTART_BOUND and not resurrected
                     and not old_listed and not new_missing,
                     {"new_uid": new_uid, "old_uid": old_uid, "listed_by": len(times), "observers": len(observers),
                      "listed_median_s": med, "listed_max_s": mx, "bound_s": RESTART_BOUND,
                      "old_uid_listed_by": sorted(set(resurrected + old_listed)), "new_uid_missing_at": new_missing})

    # ------------------------------------------------------------------ 2
    def host_silence(self):
        victim = self.s.cluster[-2]
        uid = victim.uid
        observers = self.others(victim)
        t0 = time.time()
        victim.host.silence()
        ok, times = self.detection(victim.name, uid, observers, t0, DETECT_BOUND)
        victim.host.clear()
        t_heal = time.time()
        med, mx = median_max(times)
        back = self.s.converged(REJOIN_BOUND)
        self.s.check("2-host-silence", ok and len(times) == len(observers) and mx <= DETECT_BOUND and back,
                     {"observers": len(observers), "declared_dead": len(times), "detect_median_s": med,
                      "detect_max_s": mx, "bound_s": DETECT_BOUND,
                      "listed_again_after_heal_s": round(time.time() - t_heal, 1) if back else None,
                      "listed_again_bound_s": REJOIN_BOUND, "uid_after": victim.uid, "uid_before": uid})

    # ------------------------------------------------------------------ 3
    def loss(self):
        t0 = time.time()
        for n in self.s.cluster:
            n.host.loss(10)
        time.sleep(LOSS_SECONDS)
        for n in self.s.cluster:
            n.host.clear()
        time.sleep(WATCH_AFTER)
        deaths = self.deaths_of_live(t0, self.s.cluster)
        susp = self.suspicions(t0, self.s.cluster)
        distinct = self.distinct_suspicions(t0, self.s.cluster)
        node_hours = N * (LOSS_SECONDS + WATCH_AFTER) / 3600.0
        back = self.s.converged(REJOIN_BOUND)
        self.s.check("3-loss", not deaths and back,
                     {"loss_percent": 10, "protocols": "udp+tcp", "seconds": LOSS_SECONDS, "n": N,
                      "false_deaths": len(deaths), "false_deaths_detail": deaths[:10],
                      "false_suspicions": len(distinct), "suspect_events_at_all_nodes": len(susp),
                      "false_suspicions_per_node_hour": round(len(distinct) / node_hours, 1),
                      "bound": "no live member declared dead"})

    # ------------------------------------------------------------------ 4
    def partition(self):
        side_a, side_b = self.s.cluster[:5], self.s.cluster[5:]
        ips_a, ips_b = [n.host.ip for n in side_a], [n.host.ip for n in side_b]
        for n in side_a:
            n.host.block_from(ips_b)
            n.host.block_to(ips_b)
        for n in side_b:
            n.host.block_from(ips_a)
            n.host.block_to(ips_a)
        uids = {n.name: n.uid for n in self.s.cluster}
        t0 = time.time()
        time.sleep(PARTITION_SECONDS)
        split = sum(1 for o in side_a for s in side_b if self.dead_at(o, s.name, uids[s.name], t0))
        split += sum(1 for o in side_b for s in side_a if self.dead_at(o, s.name, uids[s.name], t0))
        for n in self.s.cluster:
            n.host.clear()
        t_heal = time.time()
        merged = self.s.converged(REJOIN_BOUND + 12)
        merge_s = round(time.time() - t_heal, 1) if merged else None
        self.s.check("4-partition-heal", merged,
                     {"sides": "5/5", "partition_s": PARTITION_SECONDS,
                      "declared_dead_across": split, "pairs_across": 2 * 25,
                      "merge_s": merge_s, "bound_s": REJOIN_BOUND + 12,
                      "new_uids_after_merge": sum(1 for n in self.s.cluster if n.uid != uids[n.name])})

    # ------------------------------------------------------------------ 5
    def one_way(self):
        a, b = self.s.cluster[0], self.s.cluster[1]
        t0 = time.time()
        a.host.block_to([b.host.ip])
        time.sleep(ONE_WAY_SECONDS)
        a.host.clear()
        time.sleep(WATCH_AFTER)
        deaths = self.deaths_of_live(t0, self.s.cluster)
        susp = self.suspicions(t0, self.s.cluster)
        distinct = self.distinct_suspicions(t0, self.s.cluster)
        self.s.check("5-one-way-partition", not [d for d in deaths if d[1] in (a.name, b.name)] and not deaths,
                     {"blocked": "%s -> %s" % (a.name, b.name), "seconds": ONE_WAY_SECONDS,
                      "deaths": deaths, "suspicions_of_a_or_b": sum(1 for x in distinct if x[0] in (a.name, b.name)),
                      "suspicions_total": len(distinct), "suspect_events_at_all_nodes": len(susp)})

    # ------------------------------------------------------------------ 6
    def pause(self):
        victim = self.s.cluster[-3]
        observers = self.others(victim)
        uid = victim.uid
        t0 = time.time()
        victim.signal(signal.SIGSTOP)
        time.sleep(SHORT_PAUSE)
        victim.signal(signal.SIGCONT)
        time.sleep(WATCH_AFTER)
        short_deaths = [o.name for o in observers if self.dead_at(o, victim.name, uid, t0)]
        short_listed = all(uid in o.listed_uids(victim.name) for o in observers)

        t1 = time.time()
        victim.signal(signal.SIGSTOP)
        dead_everywhere = wait_until(lambda: all(self.dead_at(o, victim.name, uid, t1) for o in observers), LONG_PAUSE)
        remaining = LONG_PAUSE - (time.time() - t1)
        if remaining > 0:
            time.sleep(remaining)
        victim.signal(signal.SIGCONT)
        t_resume = time.time()
        def listed_again():
            u = self.s.local_uid(victim)
            return u is not None and all(o.status_of(victim.name, u) == ALIVE for o in observers)
        back = wait_until(listed_again, REJOIN_BOUND, step=1.0)
        listed_s = round(time.time() - t_resume, 1) if back else None
        new_uid = self.s.local_uid(victim)
        # Resurrection: an observer lists the old uid again after it declared it dead.
        resurrected = sorted({o.name for o in observers if self.listed_after_death(o, victim.name, uid, t1)})
        figures = {"pause_tolerance_s": PAUSE_TOLERANCE, "short_pause_s": SHORT_PAUSE,
                   "short_pause_declared_dead_by": short_deaths, "short_pause_still_listed": short_listed,
                   "long_pause_s": LONG_PAUSE, "long_pause_dead_everywhere": dead_everywhere,
                   "old_uid": uid, "uid_after_resume": new_uid, "listed_again_s": listed_s,
                   "rejoin_bound_s": REJOIN_BOUND, "old_uid_resurrected_at": resurrected}
        if new_uid == uid:
            figures["why"] = ("the resumed process kept its old uid: the engine let it refute its own death "
                              "(dead is final for a uid and a live process rejoins under a new uid since engine v2)")
        self.s.check("6-pause", not short_deaths and short_listed and dead_everywhere and back
                     and new_uid is not None and new_uid != uid and not resurrected, figures)
        self.s.converged(REJOIN_BOUND)

    def listed_after_death(self, observer, name, uid, since=0.0):
        """Whether the observer, after declaring that uid dead (since then), listed it again."""
        died = None
        for d in observer.events(since=since, name=name, uid=uid):
            if d.get("event") == "MemberFailed" and died is None:
                died = d["seen"]
            elif died is not None and d.get("status") in LISTED:
                return True
        return False

    # ------------------------------------------------------------------ 8
    def wrong_key_and_cluster(self):
        before = self.s.rejected_totals(self.s.cluster)
        wrong_key, wrong_cluster = self.s.outsiders()
        wrong_key.start()
        wrong_cluster.start()
        outsiders = (wrong_key, wrong_cluster)
        # Each reports JoinFailed after its join timeout (10 s); 5 s margin for a cold JVM.
        failed = wait_until(lambda: all(o.events(kind="JoinFailed") for o in outsiders), 10 + CPU_MARGIN + 10)
        after = self.s.rejected_totals(self.s.cluster)
        queried = self.s.query_all(self.s.cluster)
        listed_by = sorted({name for name, m in queried.items() for x in m["members"]
                            if x["name"] in (wrong_key.name, wrong_cluster.name)})
        joined = [o.name for o in outsiders if o.events(kind="Joined")]
        seen_by_outsider = {o.name: sorted(self.s.listed_names(o)) for o in outsiders}
        rejected = {k: after.get(k, 0) - before.get(k, 0) for k in set(after) | set(before)
                    if after.get(k, 0) - before.get(k, 0)}
        for o in outsiders:
            o.kill()
        self.s.check("8-wrong-key-wrong-cluster", failed and not listed_by and not joined
                     and sum(rejected.values()) > 0 and all(v == [o] for o, v in seen_by_outsider.items()),
                     {"join_failed": failed, "listed_by": listed_by, "joined": joined,
                      "rejected_packets_by_reason": rejected, "outsider_views": seen_by_outsider})

    # ------------------------------------------------------------------ 9
    def key_rotation(self):
        new_key = base64.b64encode(os.urandom(32)).decode()
        old_key = self.s.key
        before = self.s.rejected_totals(self.s.cluster)
        t0 = time.time()
        for step, key in (("install", new_key), ("use", new_key), ("remove", old_key)):
            for n in self.s.cluster:
                n.control("/keys/" + step, key)
                time.sleep(0.2)   # rolling: one node at a time, as an operator or a deploy would
        t_done = time.time()
        time.sleep(WATCH_AFTER)
        after = self.s.rejected_totals(self.s.cluster)
        susp = self.suspicions(t0, self.s.cluster)
        deaths = self.deaths_of_live(t0, self.s.cluster)
        keys = {name: m["keys"] for name, m in self.s.query_all(self.s.cluster).items()}
        rejected = {k: after.get(k, 0) - before.get(k, 0) for k in set(after) | set(before)
                    if after.get(k, 0) - before.get(k, 0)}
        self.s.key = new_key
        distinct = self.distinct_suspicions(t0, self.s.cluster)
        self.s.check("9-key-rotation", not susp and not deaths and all(v == 1 for v in keys.values())
                     and self.s.converged(5),
                     {"n": N, "rotation_s": round(t_done - t0, 1), "watched_after_s": WATCH_AFTER,
                      "suspicions": len(distinct), "suspect_events_at_all_nodes": len(susp),
                      "suspicions_detail": sorted(distinct)[:10], "deaths": deaths,
                      "rejected_packets_by_reason": rejected, "keys_per_node": sorted(set(keys.values()))})

    # ------------------------------------------------------------------ the standalone node itself
    def leave_on_sigterm(self):
        """SIGTERM is a graceful leave: every other process lists the node LEFT (no suspicion, no
        death) and the process ends by itself within the leave timeout."""
        leaver = self.s.cluster[-1]
        uid = leaver.uid
        observers = self.others(leaver)
        t0 = time.time()
        leaver.signal(signal.SIGTERM)
        # The CLI's leave timeout (3 s) plus its one-second grace, plus the CPU margin.
        bound = 3 + 1 + CPU_MARGIN
        exited = leaver.wait_exit(bound)
        t_exit = time.time() - t0
        left = wait_until(lambda: all(o.status_of(leaver.name, uid) == "LEFT" for o in observers), bound)
        stopped = leaver.events(kind="NodeStopped")
        reason = stopped[-1].get("reason") if stopped else None
        failed = [o.name for o in observers if self.dead_at(o, leaver.name, uid, t0)]
        times = [d["seen"] - t0 for o in observers for d in o.events(since=t0, kind="MemberLeft", name=leaver.name)]
        med, mx = median_max(times)
        self.s.check("leave-on-sigterm", exited and left and reason == "left" and not failed,
                     {"exited_s": round(t_exit, 2) if exited else None, "exit_code": leaver.proc.returncode,
                      "reason": reason, "listed_left_by": len(times), "observers": len(observers),
                      "left_median_s": med, "left_max_s": mx, "bound_s": bound, "declared_dead_by": failed})
