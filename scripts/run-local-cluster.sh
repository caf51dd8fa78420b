#!/usr/bin/env bash
# Runs a local cluster of the sample service on 127.0.0.1: three "greeter" instances and one
# "billing", each with its own HTTP and SWIM port, all seeded with the first instance.
# Open any printed URL to watch the cluster live; kill -9 one PID to watch it become SUSPECT then
# DEAD everywhere; Ctrl-C stops them all (each leaves the cluster gracefully).
#
#   scripts/run-local-cluster.sh            # HTTP 8081-8084, SWIM 7946-7949
#   HTTP_BASE=9000 SWIM_BASE=17946 scripts/run-local-cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."

HTTP_BASE="${HTTP_BASE:-8081}"
SWIM_BASE="${SWIM_BASE:-7946}"
LOGS=swim-sample-service/target/local-cluster

./mvnw -B -q -pl swim-sample-service -am package -DskipTests
JAR="$(ls swim-sample-service/target/swim-sample-service-*.jar | grep -v '\.original$' | head -n 1)"
mkdir -p "$LOGS"

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo "stopping ${pids[*]:-}"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

start() {
  local name="$1" service="$2" index="$3"
  local http=$((HTTP_BASE + index)) swim=$((SWIM_BASE + index))
  java -jar "$JAR" --spring.application.name="$service" --server.port="$http" --swim.port="$swim" \
    --swim.node-name="$name" --swim.seeds="127.0.0.1:$SWIM_BASE" >"$LOGS/$name.log" 2>&1 &
  pids+=("$!")
  printf '%-10s %-8s pid %-7s http://127.0.0.1:%s/   (SWIM port %s, log %s)\n' \
    "$name" "$service" "$!" "$http" "$swim" "$LOGS/$name.log"
}

start greeter-1 greeter 0
sleep 2   # the seed first, so the others join it at once rather than retrying
start greeter-2 greeter 1
start greeter-3 greeter 2
start billing-1 billing 3
echo "Ctrl-C stops the cluster."
wait
