#!/usr/bin/env bash
# Directory sync cost: a full sync of 100,000 users (plus groups) from the Graph simulator into our server, next to a
# plain HTTP client that merely pages the same data from the same simulator in the same run (the ratio is our
# overhead: SDK, normalising, filtering, diffing, committing); the server's heap before and after; and the time
# from a 100-user change upstream to its commit here.
#
# Usage: bench/sync.sh [users, default 100000] [changed users for the delta, default 100]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
USERS=${1:-100000}
DELTA=${2:-100}
WORK=$ROOT/target/bench
OUR_PORT=${OUR_PORT:-18181}
mkdir -p "$WORK"

./mvnw -B -q -DskipTests install
./mvnw -B -q -pl server test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt"
CP="$ROOT/server/target/test-classes:$(cat "$WORK/cp.txt")"

if ss -Hltn "sport = :$OUR_PORT" | grep -q .; then echo "port $OUR_PORT is in use; set OUR_PORT" >&2; exit 1; fi
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

RUN_DIR="$WORK/sync-$(date +%s%N)"
mkdir -p "$RUN_DIR"
java -Xmx2g -Dsun.net.httpserver.nodelay=true -cp "$CP" cloud.federation.sync.simulator.GraphSimulatorMain --users "$USERS" --groups 200 --seed 1 \
  --page-size 100 --info "$RUN_DIR/graph.json" >"$RUN_DIR/simulator.log" 2>&1 &
pids+=($!)
( cd "$RUN_DIR" && FEDERATION_HTTP_PORT=$OUR_PORT FEDERATION_BOOTSTRAP_ADMIN_PASSWORD=bench-password-1 \
    exec java ${SERVER_JAVA_OPTS:-} -jar "$ROOT/server/target/quarkus-app/quarkus-run.jar" >"$RUN_DIR/console.log" 2>&1 ) &
SERVER=$!
pids+=($SERVER)

for _ in $(seq 1 240); do [ -f "$RUN_DIR/graph.json" ] && break; sleep 0.5; done
[ -f "$RUN_DIR/graph.json" ] || { echo "simulator did not start" >&2; cat "$RUN_DIR/simulator.log" >&2; exit 1; }
for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$OUR_PORT/q/health/ready" && break; sleep 0.5; done

heap() { jcmd "$SERVER" GC.run >/dev/null; jcmd "$SERVER" GC.heap_info | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}'; }
echo "machine: $(nproc) cores; $USERS users, 200 groups, server on the embedded H2 default"
echo "server heap used after GC, idle:        $(heap)"
java -cp "$CP" cloud.federation.server.bench.SyncBench "http://127.0.0.1:$OUR_PORT" bench-password-1 "$RUN_DIR/graph.json" "$DELTA"
# H2 makes a big commit visible before it has finished cleaning up after it; measure once the run thread is done.
for _ in $(seq 1 300); do jcmd "$SERVER" Thread.print | grep -q 'SyncRunner.execute' || break; sleep 1; done
echo "server heap used after GC, after sync:  $(heap)"
if [ -n "${HISTO:-}" ]; then jcmd "$SERVER" GC.class_histogram | head -25; fi
if [ -n "${THREADS:-}" ]; then jcmd "$SERVER" Thread.print | grep -A30 '"directory-sync'; fi
if [ -n "${JFR_DUMP:-}" ]; then jcmd "$SERVER" JFR.dump filename="$JFR_DUMP" >/dev/null; fi
