#!/usr/bin/env python3
"""threadcpu.py PID SECONDS: per-thread CPU (utime+stime from /proc/PID/task/*/stat) and context
switches over a window, grouped by thread name with digits stripped. Prints a table."""
import os, re, sys, time, collections
pid, secs = sys.argv[1], float(sys.argv[2])
hz = os.sysconf('SC_CLK_TCK')
def snap():
    out = {}
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            st = open(f'/proc/{pid}/task/{tid}/stat').read()
            name = st[st.index('(')+1:st.rindex(')')]
            f = st[st.rindex(')')+2:].split()
            cpu = int(f[11]) + int(f[12])
            cs = 0
            for l in open(f'/proc/{pid}/task/{tid}/status'):
                if l.startswith(('voluntary_ctxt_switches', 'nonvoluntary_ctxt_switches')):
                    cs += int(l.split()[1])
            out[tid] = (name, cpu, cs)
        except (FileNotFoundError, ProcessLookupError, ValueError):
            pass
    return out
def pstat():
    f = open(f'/proc/{pid}/stat').read(); f = f[f.rindex(')')+2:].split()
    return int(f[11]) + int(f[12])
a, p0, t0 = snap(), pstat(), time.time()
time.sleep(secs)
b, p1, t1 = snap(), pstat(), time.time()
el = t1 - t0
g = collections.defaultdict(lambda: [0, 0, 0])
for tid, (name, cpu, cs) in b.items():
    c0, s0 = (a[tid][1], a[tid][2]) if tid in a else (0, 0)
    key = re.sub(r'\d+', '#', name)
    g[key][0] += cpu - c0; g[key][1] += cs - s0; g[key][2] += 1
print(f'window {el:.1f}s  process {(p1-p0)/hz/el:.4f} cores  threads {len(b)}  ctxsw/s {sum(v[1] for v in g.values())/el:.0f}')
print(f'{"thread group":32s} {"threads":>7s} {"cores":>8s} {"ctxsw/s":>8s}')
for k, v in sorted(g.items(), key=lambda kv: -kv[1][0]):
    if v[0] or v[1]:
        print(f'{k:32s} {v[2]:7d} {v[0]/hz/el:8.4f} {v[1]/el:8.0f}')
