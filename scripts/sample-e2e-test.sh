#!/usr/bin/env bash
# End-to-end test of the sample as a person uses it: three instances as separate processes on
# 127.0.0.1, one member's page open in headless Chromium, every member shown ALIVE, one instance
# killed with SIGKILL, and the page showing it DEAD within FAILURE_BOUND_SECONDS. Screenshots and
# logs go to swim-sample-service/target/e2e/.
#
# Chromium is Debian's package, installed here with apt-get when missing (never a downloaded
# browser). The sample jar is built when missing (.ci/run calls this after ./mvnw -B verify, which
# already built it).
#
#   scripts/sample-e2e-test.sh                  # bound 20 s (the local profile detects in a few)
#   FAILURE_BOUND_SECONDS=30 scripts/sample-e2e-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bound=${FAILURE_BOUND_SECONDS:-20}
out=swim-sample-service/target/e2e
jar=swim-sample-service/target/swim-sample-service.jar

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "Installing Debian's chromium package..."
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  chromium=$(command -v chromium)
fi
"$chromium" --version

if [ ! -f "$jar" ]; then
  echo "Building the sample service..."
  ./mvnw -B -q -pl swim-sample-service -am package -DskipTests
fi

rm -rf "$out"
mkdir -p "$out/classes"
javac -d "$out/classes" scripts/e2e/*.java
# Bounded as a whole: a hung browser or process can never hold CI.
timeout --kill-after=10s 170s java -cp "$out/classes" SampleE2E "$jar" "$out" "$chromium" "$bound"
