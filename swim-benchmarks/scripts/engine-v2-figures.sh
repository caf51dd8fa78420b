#!/usr/bin/env bash
# The simulator figures issue 8 (engine v2) asks for, one JSONL file per batch in OUT:
#   pause     pause length 1..8 s against the share of runs in which the paused live member is
#             declared dead by anyone, n = 3, 5, 10, 100, LAN preset and memberlist's parameters;
#   detect    time until every member has a stopped member dead, for a killed process (its host
#             refuses streams) and a crashed host (silence), n = 10, 100, both parameter sets;
#   accuracy  false suspicions and false deaths per node-hour at 5% and 10% loss, n = 100;
#   sync      anti-entropy bytes per second cluster-wide before and after one crash, n = 100, 400.
# Usage: engine-v2-figures.sh OUT [pause|detect|accuracy|sync|all]   (default all, about 5 minutes
# of one core in total); then python3 swim-benchmarks/scripts/summarize-engine-v2.py OUT.
# Build the jar first: ./mvnw -B -q -pl swim-core,swim-benchmarks -am package -DskipTests
# Every run is seeded (run r uses seed S + r) and replays exactly. JAR=path overrides the jar.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/engine-v2-figures}"
what="${2:-all}"
mkdir -p "$out"
jar="${JAR:-target/swim-benchmarks.jar}"
sim() { java -Xmx2g -XX:+UseSerialGC -jar "$jar" sim "$@"; }

if [ "$what" = pause ] || [ "$what" = all ]; then
  for settings in lan memberlist; do
    for n in 3 5 10 100; do
      for p in 1000 2000 3000 4000 5000 6000 8000; do
        sim --scenario pause --settings "$settings" --nodes "$n" --runs 40 --seed 1 --pause-ms "$p" \
          > "$out/pause-$settings-$n-$p.jsonl"
      done
    done
  done
fi
if [ "$what" = detect ] || [ "$what" = all ]; then
  for settings in lan memberlist; do
    for n in 10 100; do
      for s in kill crash; do
        sim --scenario "$s" --settings "$settings" --nodes "$n" --runs 20 --seed 1 > "$out/detect-$s-$settings-$n.jsonl"
      done
    done
  done
fi
if [ "$what" = accuracy ] || [ "$what" = all ]; then
  for settings in lan memberlist; do
    for loss in 0.05 0.10; do
      sim --scenario loss --settings "$settings" --nodes 100 --runs 3 --seed 1 --loss "$loss" --duration-s 3600 \
        > "$out/accuracy-$settings-$loss.jsonl"
    done
  done
fi
if [ "$what" = sync ] || [ "$what" = all ]; then
  for n in 100 400; do
    sim --scenario sync --nodes "$n" --runs 3 --seed 1 --warmup-s 60 --steady-s 120 --duration-s 300 \
      > "$out/sync-lan-$n.jsonl"
  done
fi
