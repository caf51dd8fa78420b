#!/usr/bin/env bash
# Produces the simulator figures of docs/benchmarks.md ("## Simulator"): one JSONL file per batch
# in the directory given (default target/sim-figures). Build the jar first:
#   ./mvnw -B -q -pl swim-core,swim-benchmarks package -DskipTests
# Every run is seeded (run r uses seed S + r) and replays exactly; wall and CPU columns depend on
# the machine, everything else does not.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/sim-figures}"
mkdir -p "$out"
sim() { java -Xmx4g -jar target/swim-benchmarks.jar sim "$@"; }

# Detection after a crash, SWIM and the heartbeat baseline (limit 3 periods).
for n in 10 100; do
  sim --scenario crash --nodes "$n" --runs 20 --seed 1 > "$out/crash-swim-$n.jsonl"
  sim --scenario crash --nodes "$n" --runs 20 --seed 1 --impl heartbeat > "$out/crash-heartbeat-$n.jsonl"
done
# n = 1000 and more start preformed: a silent warm start in which every member knows every other.
sim --scenario crash --nodes 1000 --runs 20 --seed 1 --preformed on > "$out/crash-swim-1000.jsonl"
sim --scenario crash --nodes 1000 --runs 1 --seed 1 --impl heartbeat --warmup-s 5 --steady-s 5 > "$out/crash-heartbeat-1000.jsonl"
# n = 10,000: three runs (the engines' member tables are n² entries, about 8 GB of heap). 40 s of
# warm-up: every member's first push-pull comes 15-30 s after it starts (a full state of 10,000).
java -Xmx14g -XX:+UseParallelGC -jar target/swim-benchmarks.jar sim --scenario crash --nodes 10000 --runs 3 --seed 1 \
  --preformed on --warmup-s 40 > "$out/crash-swim-10000.jsonl"
sim --scenario crash --nodes 4 --runs 5 --seed 1 > "$out/crash-swim-4.jsonl"
sim --scenario crash --nodes 4 --runs 5 --seed 1 --impl heartbeat > "$out/crash-heartbeat-4.jsonl"

# Accuracy: one virtual hour at 0, 5 and 10% loss on every link; slow members with and without Lifeguard.
for loss in 0 0.05 0.10; do
  sim --scenario loss --nodes 100 --runs 3 --seed 1 --loss "$loss" --duration-s 3600 > "$out/loss-swim-$loss.jsonl"
  sim --scenario loss --nodes 100 --runs 1 --seed 1 --loss "$loss" --duration-s 600 --impl heartbeat > "$out/loss-heartbeat-$loss.jsonl"
done
for lg in on off; do
  sim --scenario slow --nodes 100 --runs 3 --seed 1 --duration-s 600 --slow-ms 1200 --lifeguard "$lg" > "$out/slow-lifeguard-$lg.jsonl"
done

# Probability that a probe of a live member fails at 95% delivery, by k.
for k in 1 2 3 5; do
  sim --scenario loss --nodes 100 --runs 1 --seed 1 --loss 0.05 --duration-s 1800 --k "$k" > "$out/probe-k$k.jsonl"
done

# Simulator speed in steady state (steady_wall_us_per_node_s): 1000 nodes, 5 virtual minutes.
sim --scenario crash --nodes 1000 --runs 1 --seed 1 --preformed on --steady-s 300 > "$out/speed-1000.jsonl"

# Join dissemination.
for n in 10 100; do
  sim --scenario join --nodes "$n" --runs 20 --seed 1 > "$out/join-swim-$n.jsonl"
done
sim --scenario join --nodes 1000 --runs 20 --seed 1 --preformed on > "$out/join-swim-1000.jsonl"
