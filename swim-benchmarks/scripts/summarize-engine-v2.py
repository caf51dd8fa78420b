#!/usr/bin/env python3
"""Turns the JSONL files of engine-v2-figures.sh into the Markdown tables of docs/benchmarks.md.

Usage: python3 swim-benchmarks/scripts/summarize-engine-v2.py OUT
Medians and p99 are nearest-rank over the runs of one file; missing files print as "–".
"""
import json
import math
import os
import statistics
import sys

d = sys.argv[1] if len(sys.argv) > 1 else "target/engine-v2-figures"
SETTINGS = {"lan": "LAN preset", "memberlist": "memberlist's parameters"}


def rows(name):
    path = os.path.join(d, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def vals(rs, key):
    return [r[key] for r in rs if r.get(key) is not None]


def p99(xs):
    xs = sorted(xs)
    return xs[max(0, math.ceil(0.99 * len(xs)) - 1)]


def s(xs):
    if not xs:
        return "–"
    return f"{statistics.median(xs) / 1000:.2f} s / {p99(xs) / 1000:.2f} s"


PAUSES = [1000, 2000, 3000, 4000, 5000, 6000, 8000]
for settings in SETTINGS:
    print(f"#### Pause against death, {SETTINGS[settings]}\n")
    print("| n | " + " | ".join(f"{p // 1000} s" for p in PAUSES) + " |")
    print("|---|" + "---:|" * len(PAUSES))
    for n in [3, 5, 10, 100]:
        cells = []
        for p in PAUSES:
            rs = rows(f"pause-{settings}-{n}-{p}.jsonl")
            dead = sum(1 for r in rs if r.get("victim_declared_dead"))
            cells.append(f"{dead}/{len(rs)}" if rs else "–")
        print(f"| {n} | " + " | ".join(cells) + " |")
    print()

print("#### Detection: until every member has the stopped member dead (median / p99)\n")
print("| parameters | n | runs | process gone (kill): first death | process gone: dead at every member "
      "| silence (crash): first death | silence: dead at every member |")
print("|---|---|---|---|---|---|---|")
for settings in SETTINGS:
    for n in [10, 100]:
        k = rows(f"detect-kill-{settings}-{n}.jsonl")
        c = rows(f"detect-crash-{settings}-{n}.jsonl")
        print(f"| {SETTINGS[settings]} | {n} | {len(k)} / {len(c)} | {s(vals(k, 't_first_dead_ms'))} "
              f"| {s(vals(k, 't_all_dead_ms'))} | {s(vals(c, 't_first_dead_ms'))} | {s(vals(c, 't_all_dead_ms'))} |")
print()

print("#### False suspicions and false deaths under loss, n = 100\n")
print("| parameters | loss | virtual time | false suspicions | per node-hour | false deaths | per node-hour "
      "| bytes/node/s |")
print("|---|---|---|---|---|---|---|---|")
for settings in SETTINGS:
    for loss in ["0.05", "0.10"]:
        rs = rows(f"accuracy-{settings}-{loss}.jsonl")
        if not rs:
            continue
        fs = sum(vals(rs, "false_suspects"))
        fd = sum(vals(rs, "false_deads"))
        nh = sum(r["n"] for r in rs) * 1.0  # node-hours: each run is one virtual hour of loss (--duration-s 3600)
        print(f"| {SETTINGS[settings]} | {float(loss):.0%} | {len(rs)} × 3600 s | {fs} | {fs / nh:.2f} | {fd} "
              f"| {fd / nh:.2f} | {statistics.median(vals(rs, 'bytes_per_node_s')):.0f} |")
print()

print("#### Anti-entropy traffic before and after one crash (LAN preset, cluster-wide, median of runs)\n")
print("| n | runs | sync bytes/s before | sync bytes/s in the 300 s after | busiest 10 s after "
      "| sync messages/s before | after |")
print("|---|---|---:|---:|---:|---:|---:|")
for n in [100, 400]:
    rs = rows(f"sync-lan-{n}.jsonl")
    if not rs:
        continue
    m = lambda k: statistics.median(vals(rs, k))
    print(f"| {n} | {len(rs)} | {m('sync_bytes_per_s_before'):,.0f} | {m('sync_bytes_per_s_after'):,.0f} "
          f"| {m('sync_bytes_per_s_after_peak_10s'):,.0f} | {m('sync_packets_per_s_before'):.1f} "
          f"| {m('sync_packets_per_s_after'):.1f} |")
