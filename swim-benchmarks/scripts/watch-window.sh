#!/usr/bin/env bash
# watch-window.sh LOG_DIR SETTLE STEADY OUT: for each new harness run log in LOG_DIR, waits for
# "SWIMBENCH converged", then samples per-thread CPU of the adapter process over the middle of its
# steady window (from settle+2 s to settle+steady-2 s after convergence).
LOG_DIR=$1 SETTLE=$2 STEADY=$3 OUT=$4
declare -A done
while true; do
  for log in "$LOG_DIR"/*-crash-n*-r*.log; do
    [ -f "$log" ] || continue
    [ -n "${done[$log]:-}" ] && continue
    if grep -qs '^SWIMBENCH converged' "$log"; then
      done[$log]=1
      pid=$(pgrep -n -f 'bench.SwimBench|memberlist-bench -n' )
      sleep $((SETTLE + 2))
      { echo "== $(basename "$log") pid $pid $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)";
        python3 /work/bench-tools/threadcpu.py "$pid" $((STEADY - 4)); } >> "$OUT" 2>&1 &
    fi
  done
  sleep 0.5
done
