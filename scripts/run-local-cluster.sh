#!/usr/bin/env bash
# Runs a local cluster of the sample service on 127.0.0.1: N instances (default 4), all but the last
# named "greeter", the last "billing", every one seeded with the first one's SWIM port.
# Open any printed URL to watch the cluster; kill one PID to watch it disappear everywhere;
# Ctrl-C stops them all.
#
#   scripts/run-local-cluster.sh                       # 4 instances, HTTP 8081.., SWIM 7946..
#   HTTP_BASE=9001 SWIM_BASE=17946 scripts/run-local-cluster.sh 6
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-4}
http_base=${HTTP_BASE:-8081}
swim_base=${SWIM_BASE:-7946}
if ! [[ "$count" =~ ^[0-9]+$ ]] || [ "$count" -lt 1 ] || [ "$count" -gt 20 ]; then
  echo "usage: $0 [instances 1..20]" >&2
  exit 2
fi

echo "Building the sample service (first run downloads dependencies)..."
./mvnw -B -q -pl swim-sample-service -am package -DskipTests
jar=swim-sample-service/target/swim-sample-service.jar
logs=swim-sample-service/target/local-cluster
mkdir -p "$logs"

pids=()
stop_all() {
  trap - EXIT INT TERM
  if [ ${#pids[@]} -gt 0 ]; then
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop_all EXIT INT TERM

for i in $(seq 1 "$count"); do
  http=$((http_base + i - 1))
  swim=$((swim_base + i - 1))
  service=greeter
  if [ "$i" -eq "$count" ] && [ "$count" -gt 1 ]; then service=billing; fi
  SERVICE_NAME=$service HTTP_PORT=$http SWIM_PORT=$swim SWIM_SEEDS=127.0.0.1:$swim_base NODE_NAME=$service-$i \
    java -jar "$jar" >"$logs/$service-$i.log" 2>&1 &
  pids+=($!)
  printf '%-10s pid %-7s http://127.0.0.1:%s/   (SWIM 127.0.0.1:%s, log %s)\n' \
    "$service-$i" "$!" "$http" "$swim" "$logs/$service-$i.log"
done
echo "Stop one instance without leaving:  kill -9 <pid>   (the others declare it dead in seconds)"
echo "Stop one gracefully:                kill <pid>      (the others drop it at once)"
echo "Ctrl-C stops all."
wait
