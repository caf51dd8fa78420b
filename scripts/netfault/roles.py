"""The roles case of the network fault suite: three of the ten processes form a role group
(--role-group); the primary is paused with SIGSTOP longer than the failover time, then resumed.

What must hold (docs/roles.md): no process acted on a grant of the new primary before the old
primary's last lease had run out, and exactly one primary remains. A SIGSTOPped process prints
its revocation only after it resumes, so the check is on the times the engine printed: every
process logs a RoleState line whenever its role state changes, with the lease's end as wall time
(leaseUntil); the old primary's last one before the pause is when its claim ran out at the latest
(a renewal in the last 5 ms poll before the pause may be missing from the log). The new primary's
PrimaryGranted line and every other process's PrimaryChanged line naming it must come at or after
that instant. All processes share one host's wall clock, so their times compare directly.

Bounds, from the options below: step-down-after 2 s, safety margin 0.5 s, drift 1 %; a secondary
endorses another primary 2 * 1.01/0.99 + 0.5 = 2.55 s after its last endorsement of the old one.
The pause (12 s) outlasts that and the membership's detection of the silence, so the old primary
is declared dead and rejoins under a new uid when it resumes.
"""
import signal
import time

from cluster import wait_until, wall

STEP_DOWN, MARGIN, FORMATION = 2.0, 0.5, 5.0
ROLE_ARGS = ["--role-group", "swnf-roles", "--role-step-down-after", "%gs" % STEP_DOWN,
             "--role-safety-margin", "%dms" % int(MARGIN * 1000), "--role-formation-delay", "%gs" % FORMATION]
ROLE_MEMBERS = slice(2, 5)   # n03..n05: none of them is another case's victim
PAUSE = 12.0
CPU_MARGIN = 5.0
# The group had formed long before this case; a change of primary from an earlier case's loss
# settles within a few step-down periods.
SETTLE_BOUND = FORMATION + 4 * STEP_DOWN + CPU_MARGIN          # 18 s
# After the resume: the revocation is printed at once; the new primary was granted during the
# pause (hold 2.55 s after the last endorsement), or, if the pause ended first, within a few
# heartbeats of the survivors' quorum.
AFTER_RESUME_BOUND = 4 * STEP_DOWN + CPU_MARGIN                 # 13 s


def role(node):
    try:
        return node.members().get("role")
    except (RuntimeError, ValueError):
        return None


def primaries(group):
    """Names of the processes whose own control answer says they hold a valid grant now."""
    return [n.name for n in group if n.running() and (role(n) or {}).get("primaryNow")]


class RoleCase:
    def __init__(self, suite):
        self.s = suite

    def run(self):
        group = self.s.cluster[ROLE_MEMBERS]
        settled = wait_until(lambda: len(primaries(group)) == 1, SETTLE_BOUND, step=0.5)
        if not settled:
            self.s.check("roles-pause-primary", False, {"error": "no single primary before the pause",
                                                        "primaries": primaries(group), "bound_s": SETTLE_BOUND})
            return
        old = next(n for n in group if n.name == primaries(group)[0])
        old_token = role(old)["token"]
        stopped_at = time.time()
        old.signal(signal.SIGSTOP)
        time.sleep(PAUSE)
        old.signal(signal.SIGCONT)
        resumed_at = time.time()

        def revoked():
            return [d for d in old.events(since=resumed_at - 1, kind="PrimaryRevoked") if d.get("token") == old_token]

        def new_grants():
            return [(n, d) for n in group if n is not old
                    for d in n.events(since=stopped_at, kind="PrimaryGranted") if d.get("token", 0) > old_token]

        wait_until(lambda: revoked() and new_grants() and len(primaries(group)) == 1, AFTER_RESUME_BOUND, step=0.5)
        # The old primary's leases, as it printed them before the pause (its lines seen before SIGSTOP).
        leases = [wall(d["leaseUntil"]) for d in old.events(kind="RoleState") + old.events(kind="PrimaryGranted")
                  if d.get("leaseUntil") and d.get("token") == old_token and d["seen"] <= stopped_at + 0.05]
        last_lease = max(leases) if leases else None
        grants = new_grants()
        new, grant = grants[0] if grants else (None, None)
        granted_at = wall(grant["ts"]) if grant else None
        # Every process of the group that followed the new primary did so after the old lease ended.
        followed = []
        for n in group:
            for d in n.events(since=stopped_at, kind="PrimaryChanged"):
                if new is not None and d.get("name") == new.name and d.get("token") == grant["token"]:
                    followed.append((n.name, wall(d["ts"])))
        early = [name for name, at in followed if last_lease is None or at < last_lease]
        end = primaries(group)
        figures = {
            "group": [n.name for n in group], "old_primary": old.name, "old_token": old_token, "pause_s": PAUSE,
            "old_last_lease_after_stop_s": round(last_lease - stopped_at, 3) if last_lease else None,
            "new_primary": new.name if new else None, "new_token": grant["token"] if grant else None,
            "failover_s": round(granted_at - stopped_at, 2) if granted_at else None,
            "grant_after_old_lease_s": round(granted_at - last_lease, 3) if granted_at and last_lease else None,
            "old_revoked_reason": revoked()[0].get("reason") if revoked() else None,
            "followers_before_old_lease_end": early, "primaries_at_end": end,
        }
        self.s.check("roles-pause-primary",
                     last_lease is not None and granted_at is not None and granted_at >= last_lease
                     and not early and bool(revoked()) and len(end) == 1 and end[0] != old.name,
                     figures)
