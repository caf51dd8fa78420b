#!/usr/bin/env bash
# Network fault suite: ten swim-cli processes, each in its own network namespace on a bridge, with
# faults injected by the kernel (nftables drops, SIGSTOP, SIGKILL). Needs root. Creates and removes
# everything it uses (namespaces named swnf-*, addresses in 192.0.2.0/24 that exist only inside
# them); refuses to run if those names already exist. Prints one JSON line per check.
#
#   sudo scripts/network-fault-tests.sh                 # all cases, about 8 minutes
#   sudo scripts/network-fault-tests.sh --cases 1,7,8   # a subset (see scripts/netfault/suite.py)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  # A CI runner with passwordless sudo (GitHub's) runs it as root; anyone else is told.
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    exec sudo -n -E PATH="$PATH" bash "$0" "$@"
  fi
  echo "network-fault-tests: needs root (network namespaces, nftables)" >&2
  exit 2
fi

missing=()
command -v ip >/dev/null || missing+=(iproute2)
command -v nft >/dev/null || missing+=(nftables)
if [ ${#missing[@]} -gt 0 ]; then
  echo "network-fault-tests: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
fi
command -v python3 >/dev/null || { echo "network-fault-tests: needs python3" >&2; exit 2; }
if ip netns list 2>/dev/null | awk '$1 ~ /^swnf-/' | grep -q .; then
  echo "network-fault-tests: namespaces swnf-* already exist; refusing to run (remove them with 'ip netns del NAME')" >&2
  exit 2
fi

jar=swim-cli/target/swim-cli.jar
if [ ! -f "$jar" ]; then
  echo "network-fault-tests: building $jar" >&2
  ./mvnw -B -q -pl swim-cli -am package -DskipTests
fi

# Backstop if the harness itself is killed: whatever swnf-* namespaces exist now were made by this
# run (the harness refuses to start when any exists), so removing them removes only our own.
cleanup() {
  for ns in $(ip netns list 2>/dev/null | awk '$1 ~ /^swnf-/ {print $1}'); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
}
trap cleanup EXIT

# The suite takes about 8 minutes; 11.5 minutes is the hard stop (the issue allows 12). It runs in
# the background so a signal to this script is handled at once: passed on (timeout hands it to the
# harness, which stops its processes and removes its namespaces), then the backstop above.
PYTHONDONTWRITEBYTECODE=1 timeout --kill-after=15 690 python3 scripts/netfault/suite.py --jar "$jar" "$@" &
suite=$!
on_signal() {
  kill -TERM "$suite" 2>/dev/null || true
  wait "$suite" 2>/dev/null || true
  exit 143
}
trap on_signal INT TERM
rc=0
wait "$suite" || rc=$?
exit "$rc"
