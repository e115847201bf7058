#!/usr/bin/env bash
# Startup time (process start -> health/realm endpoint answers) and idle memory (RSS after 20 s idle) of our
# packaged server on its embedded H2 default, side by side with the reference: Keycloak 26.4.5 `start-dev`
# (also on an embedded H2 file database). Prints both and the ratio.
#
# Usage: bench/startup-memory.sh            (builds the server jar if missing; needs the Maven cache or network)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/target/bench
KC_VERSION=26.4.5
OUR_PORT=${OUR_PORT:-18180}
KC_PORT=${KC_PORT:-18280}
IDLE_SECONDS=${IDLE_SECONDS:-20}
RUNS=${RUNS:-3}

mkdir -p "$WORK"
if [ ! -f server/target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -B -q -DskipTests package
fi
if [ ! -x "$WORK/keycloak-$KC_VERSION/bin/kc.sh" ]; then
  ./mvnw -B -q dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip -DoutputDirectory="$WORK"
  unzip -q -o "$WORK/keycloak-quarkus-dist-$KC_VERSION.zip" -d "$WORK"
fi

now_ms() { date +%s%3N; }

# measure PORT URL COMMAND... : prints "startup_ms rss_kib" (RSS of whichever process listens on PORT, since
# kc.sh may relaunch its JVM after its build step)
measure() {
  local port=$1 url=$2; shift 2
  local dir="$WORK/run-$(date +%s%N)"
  mkdir -p "$dir"
  local start; start=$(now_ms)
  ( cd "$dir" && exec "$@" >"$dir/console.log" 2>&1 ) &
  local pid=$!
  local up=""
  for _ in $(seq 1 1200); do
    if curl -sf -o /dev/null "$url"; then up=$(now_ms); break; fi
    sleep 0.1
  done
  [ -n "$up" ] || { echo "did not start: $*" >&2; tail -n 30 "$dir/console.log" >&2; kill "$pid"; exit 1; }
  sleep "$IDLE_SECONDS"
  local listener; listener=$(ss -Hltnp "sport = :$port" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
  local rss; rss=$(awk '/VmRSS/ {print $2}' "/proc/$listener/status")
  kill "$pid" "$listener" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
  echo "$((up - start)) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

JAVA=${JAVA:-java}
ours_t=(); ours_m=(); kc_t=(); kc_m=()
for i in $(seq 1 "$RUNS"); do
  read -r t m < <(measure "$OUR_PORT" "http://127.0.0.1:$OUR_PORT/q/health/ready" \
      env FEDERATION_HTTP_PORT=$OUR_PORT FEDERATION_BOOTSTRAP_ADMIN_PASSWORD=bench-password-1 \
      "$JAVA" -jar "$ROOT/server/target/quarkus-app/quarkus-run.jar")
  ours_t+=("$t"); ours_m+=("$m")
  read -r t m < <(measure "$KC_PORT" "http://127.0.0.1:$KC_PORT/realms/master" \
      env KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
      "$WORK/keycloak-$KC_VERSION/bin/kc.sh" start-dev --http-port=$KC_PORT --db=dev-file)
  kc_t+=("$t"); kc_m+=("$m")
  rm -rf "$WORK/keycloak-$KC_VERSION/data/h2"
done

ot=$(printf '%s\n' "${ours_t[@]}" | median); om=$(printf '%s\n' "${ours_m[@]}" | median)
kt=$(printf '%s\n' "${kc_t[@]}" | median); km=$(printf '%s\n' "${kc_m[@]}" | median)
echo "runs: $RUNS (medians; first start each run, fresh database)"
printf '%-28s %10s %14s\n' "" "startup ms" "idle RSS MiB"
printf '%-28s %10d %14d\n' "federation server (H2)" "$ot" "$((om / 1024))"
printf '%-28s %10d %14d\n' "Keycloak $KC_VERSION start-dev" "$kt" "$((km / 1024))"
awk -v ot="$ot" -v kt="$kt" -v om="$om" -v km="$km" \
  'BEGIN { printf "ratio ours/Keycloak: startup %.2f, idle memory %.2f\n", ot/kt, om/km }'
