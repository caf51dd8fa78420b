#!/usr/bin/env python3
"""Turns the JSONL files of sim-figures.sh into the Markdown tables of docs/benchmarks.md.

Usage: python3 scripts/summarize-sim.py target/sim-figures
Medians and p99 are nearest-rank over the runs of one file.
"""
import json
import math
import os
import statistics
import sys

d = sys.argv[1] if len(sys.argv) > 1 else "target/sim-figures"


def rows(name):
    path = os.path.join(d, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def vals(rs, key):
    return [r[key] for r in rs if r.get(key) is not None]


def med(xs):
    return statistics.median(xs) if xs else None


def p99(xs):
    if not xs:
        return None
    xs = sorted(xs)
    return xs[max(0, math.ceil(0.99 * len(xs)) - 1)]


def s(ms):
    return "–" if ms is None else f"{ms / 1000:.2f} s"


def num(x, fmt="{:.0f}"):
    return "–" if x is None else fmt.format(x)


E = math.e / (math.e - 1)
print("### Detection after a crash\n")
print("| impl | n | runs | first suspicion med / p99 | first death med / p99 | dead at every member med / p99 "
      "| SWIM paper first detection T·e/(e-1) | memberlist timeout min..max at n | ours min..max |")
print("|---|---|---|---|---|---|---|---|---|")
for impl in ["swim", "heartbeat"]:
    for n in [4, 10, 100, 1000, 10000]:
        rs = rows(f"crash-{impl}-{n}.jsonl")
        if not rs:
            continue
        scale = max(1.0, math.log10(n))
        fs, fd, ad = vals(rs, "t_first_suspect_ms"), vals(rs, "t_first_dead_ms"), vals(rs, "t_all_dead_ms")
        print(f"| {impl} | {n} | {len(rs)} | {s(med(fs))} / {s(p99(fs))} | {s(med(fd))} / {s(p99(fd))} "
              f"| {s(med(ad))} / {s(p99(ad))} | {E:.2f} s | {4 * scale:.1f}..{24 * scale:.0f} s "
              f"| {1.5 * scale:.1f}..{9 * scale:.1f} s |")

print("\n### Load in steady state (no loss)\n")
print("| n | SWIM bytes/node/s | SWIM packets/node/s | SWIM packets per period | bound (4k+2)·n, k = 3 "
      "| heartbeat bytes/node/s | heartbeat packets per period | n·(n-1) |")
print("|---|---|---|---|---|---|---|---|")
for n in [4, 10, 100, 1000, 10000]:
    sw, hb = rows(f"crash-swim-{n}.jsonl"), rows(f"crash-heartbeat-{n}.jsonl")
    if not sw and not hb:
        continue
    print(f"| {n} | {num(med(vals(sw, 'bytes_per_node_s')))} | {num(med(vals(sw, 'packets_per_node_s')), '{:.2f}')} "
          f"| {num(med(vals(sw, 'packets_per_period')))} | {14 * n} | {num(med(vals(hb, 'bytes_per_node_s')))} "
          f"| {num(med(vals(hb, 'packets_per_period')))} | {n * (n - 1)} |")

print("\n### Accuracy\n")
print("| impl | condition | n | virtual time | false suspicions | per node-hour | false deaths | per node-hour "
      "| bytes/node/s | packets/node/s |")
print("|---|---|---|---|---|---|---|---|---|---|")
acc = [("swim", f"loss {l}", f"loss-swim-{l}.jsonl") for l in ["0", "0.05", "0.10"]]
acc += [("swim", f"5 slow members (1.2 s), Lifeguard {lg}", f"slow-lifeguard-{lg}.jsonl") for lg in ["on", "off"]]
acc += [("heartbeat", f"loss {l}", f"loss-heartbeat-{l}.jsonl") for l in ["0", "0.05", "0.10"]]
for impl, cond, name in acc:
    rs = rows(name)
    if not rs:
        continue
    n = rs[0]["n"]
    seconds = 600 if name.startswith("slow") or "heartbeat" in name else 3600
    node_hours = len(rs) * n * seconds / 3600
    fsus = sum(vals(rs, "false_suspects")) if vals(rs, "false_suspects") else None
    fdead = sum(vals(rs, "false_deads"))
    print(f"| {impl} | {cond} | {n} | {len(rs)} × {seconds} s | {num(fsus)} "
          f"| {num(None if fsus is None else fsus / node_hours, '{:.2f}')} | {fdead} | {fdead / node_hours:.2f} "
          f"| {num(med(vals(rs, 'bytes_per_node_s')))} | {num(med(vals(rs, 'packets_per_node_s')), '{:.1f}')} |")

print("\n### Probability that a probe of a live member fails, 95% delivery per message\n")
print("| k | probes measured | failed share (simulation) | (1-d²)(1-d⁴)^k |")
print("|---|---|---|---|")
for k in [1, 2, 3, 5]:
    rs = rows(f"probe-k{k}.jsonl")
    if not rs:
        continue
    d_ = 0.95
    print(f"| {k} | ≈ {rs[0]['n'] * 1800:,} | {rs[0]['probe_fail_rate']:.5f} | {(1 - d_ ** 2) * (1 - d_ ** 4) ** k:.5f} |")

print("\n### Join dissemination\n")
print("| n | runs | join until every member lists it and it lists all: med / p99 | protocol periods (med) |")
print("|---|---|---|---|")
for n in [10, 100, 1000]:
    rs = rows(f"join-swim-{n}.jsonl")
    if not rs:
        continue
    t = vals(rs, "t_join_ms")
    print(f"| {n} | {len(rs)} | {s(med(t))} / {s(p99(t))} | {med(vals(rs, 'rounds_join')):.2f} |")

print("\n### Simulator cost\n")
print("| run | n | virtual s | wall time per simulated node-second (whole run) | steady state | CPU s | heap after run |")
print("|---|---|---|---|---|---|---|")
for name in ["crash-swim-100.jsonl", "crash-swim-1000.jsonl", "speed-1000.jsonl", "crash-swim-10000.jsonl",
             "crash-heartbeat-1000.jsonl", "loss-swim-0.10.jsonl"]:
    rs = rows(name)
    if not rs:
        continue
    print(f"| {name[:-6]} | {rs[0]['n']} | {med(vals(rs, 'sim_s')):.0f} | {med(vals(rs, 'wall_us_per_node_s')):.1f} µs "
          f"| {num(med(vals(rs, 'steady_wall_us_per_node_s')), '{:.1f} µs')} | {med(vals(rs, 'cpu_s')):.1f} "
          f"| {med(vals(rs, 'heap_mb')):.0f} MB |")
