#!/usr/bin/env python3
"""schedwait.py PID SECONDS: per thread group, CPU time and run-queue wait time (from
/proc/PID/task/*/schedstat: ns on cpu, ns waiting runnable, timeslices) over a window."""
import os, re, sys, time, collections
pid, secs = sys.argv[1], float(sys.argv[2])
def snap():
    o = {}
    for t in os.listdir(f'/proc/{pid}/task'):
        try:
            name = open(f'/proc/{pid}/task/{t}/comm').read().strip()
            on, wait, sl = map(int, open(f'/proc/{pid}/task/{t}/schedstat').read().split())
            o[t] = (name, on, wait, sl)
        except (FileNotFoundError, ProcessLookupError):
            pass
    return o
a = snap(); t0 = time.time(); time.sleep(secs); b = snap(); el = time.time() - t0
g = collections.defaultdict(lambda: [0, 0, 0])
for t, (n, on, w, sl) in b.items():
    if t in a:
        k = re.sub(r'\d+', '#', n); g[k][0] += on - a[t][1]; g[k][1] += w - a[t][2]; g[k][2] += sl - a[t][3]
print(f'window {el:.1f}s  load {open("/proc/loadavg").read().split()[0]}')
print(f'{"thread group":28s} {"cpu cores":>9s} {"runq wait cores":>15s} {"wait/slice ms":>13s}')
for k, (on, w, sl) in sorted(g.items(), key=lambda kv: -kv[1][0])[:8]:
    print(f'{k:28s} {on/1e9/el:9.3f} {w/1e9/el:15.3f} {(w/sl/1e6 if sl else 0):13.2f}')
