#!/usr/bin/env bash
# Sustained brokered logins per second, our server vs a real Keycloak 26.4.5 configured as a broker, both in
# front of the same auto-approving OpenID Provider on loopback, then the same auto-approving SAML IdP (so the ratio measures the broker, not password
# hashing). Each login: authorize -> upstream -> callback -> code redemption. Prints rates, p50/p99 and the ratio.
#
# Usage: bench/sso.sh [seconds per target, default 30] [concurrency, default 8]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_PER_TARGET=${1:-30}
CONCURRENCY=${2:-8}
KC_VERSION=26.4.5
WORK=$ROOT/target/bench
OUR_PORT=${OUR_PORT:-18181}
KC_PORT=${KC_PORT:-18281}
mkdir -p "$WORK"

./mvnw -B -q -DskipTests install
./mvnw -B -q -pl server test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt"
if [ ! -x "$WORK/keycloak-$KC_VERSION/bin/kc.sh" ]; then
  ./mvnw -B -q dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip -DoutputDirectory="$WORK"
  unzip -q -o "$WORK/keycloak-quarkus-dist-$KC_VERSION.zip" -d "$WORK"
fi

for port in $OUR_PORT $KC_PORT; do
  if ss -Hltn "sport = :$port" | grep -q .; then echo "port $port is in use; set OUR_PORT/KC_PORT" >&2; exit 1; fi
done

pids=()
cleanup() {
  for p in "${pids[@]}"; do pkill -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
  for port in $OUR_PORT $KC_PORT; do
    ss -Hltnp "sport = :$port" | grep -o 'pid=[0-9]*' | cut -d= -f2 | xargs -r kill 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT

OURS_DIR="$WORK/ours-$(date +%s%N)"
mkdir -p "$OURS_DIR"
( cd "$OURS_DIR" && FEDERATION_HTTP_PORT=$OUR_PORT FEDERATION_BOOTSTRAP_ADMIN_PASSWORD=bench-password-1 \
    exec java -jar "$ROOT/server/target/quarkus-app/quarkus-run.jar" >"$OURS_DIR/console.log" 2>&1 ) &
pids+=($!)
rm -rf "$WORK/keycloak-$KC_VERSION/data"
( KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    exec "$WORK/keycloak-$KC_VERSION/bin/kc.sh" start-dev --http-port=$KC_PORT --http-host=127.0.0.1 \
    >"$WORK/keycloak-sso.log" 2>&1 ) &
pids+=($!)

for url in "http://127.0.0.1:$OUR_PORT/q/health/ready" "http://127.0.0.1:$KC_PORT/realms/master"; do
  for _ in $(seq 1 360); do curl -sf -o /dev/null "$url" && break; sleep 0.5; done
  curl -sf -o /dev/null "$url" || { echo "not up: $url" >&2; exit 1; }
done

echo "machine: $(nproc) cores; ${SECONDS_PER_TARGET}s per target after 3s warm-up; $CONCURRENCY concurrent browsers"
java -cp "$ROOT/server/target/test-classes:$(cat "$WORK/cp.txt")" cloud.federation.server.bench.SsoBench \
  "http://127.0.0.1:$OUR_PORT" bench-password-1 "http://127.0.0.1:$KC_PORT" "$SECONDS_PER_TARGET" "$CONCURRENCY"
