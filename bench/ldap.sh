#!/usr/bin/env bash
# LDAP facade throughput next to OpenLDAP's slapd, over LDAPS, on the same data in the same run.
#
# 100,000 users (and 200 groups) from the Graph simulator are synced into our server (packaged jar, embedded H2;
# disabled accounts served too, so all of them are in the directory); our realm's tree is dumped over LDAPS with
# ldapsearch and that LDIF is loaded into slapd (back-mdb, equality indexes on objectClass, uid, mail, cn, sn,
# memberOf, a substring index on sn; the same certificate; the suite's bind DN with the same password as an {SSHA}
# userPassword; the same size limits: 1000 entries unpaged, pages of up to 1000, paged searches unlimited). Then,
# against both, with the same thread count and duration, UnboundID's searchrate (all user attributes returned) on:
#   uid equality      (uid=[random uid])                  under ou=users
#   mail equality     (mail=[random mail])                under ou=users
#   sn prefix         (sn=[random 3-letter prefix]*)      under ou=users, client size limit SN_SIZE_LIMIT (every
#                     prefix of the simulator's 60 surnames matches >1,000 users at 100k, more than either server
#                     returns unpaged: both answer sizeLimitExceeded after SN_SIZE_LIMIT entries, like a people picker)
#   memberOf equality (memberOf=<one group DN>, ~600 users at 100k)   under ou=users
# and authrate's simple binds as the suite (--bindOnly); each line's overall ops/s after warm-up, per server, and
# ours/slapd. Also the wall time of a full paged dump of ou=users with ldapsearch (-E pr=1000/noprompt; median of
# DUMPS rounds), each server's CPU time per operation (less disturbed by other load on the machine than ops/s), our
# heap used after GC with all users loaded, and both servers' RSS. Prints figures; asserts nothing.
#
# Usage: bench/ldap.sh [users, default 100000]
# Environment:
#   THREADS              client threads of searchrate and authrate, default 4
#   WARMUP, INTERVALS,   warm-up intervals, measured intervals and seconds per interval of each line; default 2, 3, 5
#   INTERVAL             (a JVM needs its JIT warm-up)
#   SN_SIZE_LIMIT        client size limit of the sn prefix line, default 100
#   GROUP_COUNT          groups in the simulator, default 200
#   DUMPS                rounds of the paged dump (ours and slapd alternating), default 3
#   DELTA_USERS          users whose department the final delta commit changes (10 more are added), default 200;
#                        prints the time from that run's commit to the newest user answering over LDAPS
#   SERVER_JAVA_OPTS     JVM options of our server
#   OUR_PORT, OUR_LDAPS_PORT, SLAPD_PORT   default 18181, 18636, 18637
#   MVN_LOCK             lock file serialising Maven runs, default /tmp/mvn.lock; also held while measuring, so builds
#                        that take it wait (MEASURE_LOCK=0: not held)
#   KEEP=1               keep the run directory's dumps and databases, ours and slapd's (default: removed on success)
#   HISTO=1              add our heap's class histogram
#   PROFILE_DIR=dir      record our server with JFR (settings=profile) around each of our lines, into dir/<line>.jfr
#                        (costs it a few per cent)
# Needs slapd, slapadd, slappasswd and ldapsearch (Debian: slapd, ldap-utils), openssl and jcmd.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
USERS=${1:-100000}
GROUP_COUNT=${GROUP_COUNT:-200}
THREADS=${THREADS:-4}
WARMUP=${WARMUP:-2}
INTERVALS=${INTERVALS:-3}
INTERVAL=${INTERVAL:-5}
SN_SIZE_LIMIT=${SN_SIZE_LIMIT:-100}
OUR_PORT=${OUR_PORT:-18181}
OUR_LDAPS_PORT=${OUR_LDAPS_PORT:-18636}
SLAPD_PORT=${SLAPD_PORT:-18637}
MVN_LOCK=${MVN_LOCK:-/tmp/mvn.lock}
WORK=$ROOT/target/bench
mkdir -p "$WORK"
for tool in slapd slapadd slappasswd ldapsearch openssl jcmd; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "$tool is missing (apt-get install slapd ldap-utils)" >&2; exit 1; }
done
export PATH=$PATH:/usr/sbin

flock "$MVN_LOCK" ./mvnw -B -q -DskipTests install
flock "$MVN_LOCK" ./mvnw -B -q -pl server test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cp.txt"
CP="$ROOT/server/target/test-classes:$(cat "$WORK/cp.txt")"
UNBOUNDID=$(tr ':' '\n' <"$WORK/cp.txt" | grep -m1 '/unboundid-ldapsdk-[^/]*\.jar$')

for port in "$OUR_PORT" "$OUR_LDAPS_PORT" "$SLAPD_PORT"; do
  if ss -Hltn "sport = :$port" | grep -q .; then echo "port $port is in use; set OUR_PORT, OUR_LDAPS_PORT, SLAPD_PORT" >&2; exit 1; fi
done
RUN_DIR="$WORK/ldap-$(date +%s%N)"
mkdir -p "$RUN_DIR"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# --- the Graph simulator and our server -----------------------------------------------------------------------------
java -Xmx3g -Dsun.net.httpserver.nodelay=true -cp "$CP" cloud.federation.sync.simulator.GraphSimulatorMain \
  --users "$USERS" --groups "$GROUP_COUNT" --seed 1 --page-size 500 --info "$RUN_DIR/graph.json" >"$RUN_DIR/simulator.log" 2>&1 &
SIMULATOR=$!
pids+=($SIMULATOR)
( cd "$RUN_DIR" && FEDERATION_HTTP_PORT=$OUR_PORT FEDERATION_BOOTSTRAP_ADMIN_PASSWORD=bench-password-1 \
    FEDERATION_LDAP_HOST=127.0.0.1 FEDERATION_LDAP_LDAPS_PORT=$OUR_LDAPS_PORT FEDERATION_LDAP_LDAP_PORT=-1 \
    exec java ${SERVER_JAVA_OPTS:-} -jar "$ROOT/server/target/quarkus-app/quarkus-run.jar" >"$RUN_DIR/console.log" 2>&1 ) &
SERVER=$!
pids+=($SERVER)

for _ in $(seq 1 240); do [ -f "$RUN_DIR/graph.json" ] && break; sleep 0.5; done
[ -f "$RUN_DIR/graph.json" ] || { echo "simulator did not start" >&2; cat "$RUN_DIR/simulator.log" >&2; exit 1; }
for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$OUR_PORT/q/health/ready" && break; sleep 0.5; done
curl -sf -o /dev/null "http://127.0.0.1:$OUR_PORT/q/health/ready" || { echo "server did not start" >&2; tail -50 "$RUN_DIR/console.log" >&2; exit 1; }

REALM=bench-ldap
REALM_DN="o=$REALM,dc=federation,dc=cloud"
USERS_DN="ou=users,$REALM_DN"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(slapd -VV 2>&1 | head -1 | sed 's/.*\(slapd [0-9.]*\).*/\1/') back-mdb; $USERS users, $GROUP_COUNT groups"
echo "client: UnboundID $(basename "$UNBOUNDID" .jar), $THREADS threads, $WARMUP x ${INTERVAL}s warm-up + $INTERVALS x ${INTERVAL}s measured per line"
java -cp "$CP" cloud.federation.server.bench.LdapBench setup "http://127.0.0.1:$OUR_PORT" bench-password-1 \
  "$RUN_DIR/graph.json" "$REALM" "$RUN_DIR/suite.env"
# shellcheck source=/dev/null
. "$RUN_DIR/suite.env"
java -cp "$CP" cloud.federation.server.bench.LdapBench wait "$OUR_LDAPS_PORT" "$BIND_DN" "$BIND_PW" "$USERS_DN" "$SERVED" 300

# "<used>K of <committed>K committed" after a full GC.
heap() {
  jcmd "$SERVER" GC.run >/dev/null
  jcmd "$SERVER" GC.heap_info | awk '/used/ {for (i = 1; i <= NF; i++) {if ($i == "total") t = $(i + 1); if ($i == "used") u = $(i + 1)}
                                         sub(/,$/, "", t); print u " of " t " committed"; exit}'
}
rss() { ps -o rss= -p "$1" | awk '{printf "%.0fM", $1/1024}'; }
OUR_HEAP=$(heap)
if [ -n "${HISTO:-}" ]; then jcmd "$SERVER" GC.class_histogram | head -30 >"$RUN_DIR/histogram.txt"; fi

export LDAPTLS_CACERT="$RUN_DIR/data/ldap-tls/ldap-cert.pem" LDAPTLS_REQCERT=demand
# ldapsearch of a whole subtree in pages of 1000 into a file; answers the wall time in ms.
dump() { # port base out
  local t0 t1
  t0=$(date +%s%N)
  ldapsearch -H "ldaps://127.0.0.1:$1" -x -D "$BIND_DN" -w "$BIND_PW" -b "$2" -s sub -E pr=1000/noprompt -LLL \
    -o ldif-wrap=no '(objectClass=*)' >"$3"
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
entries() { grep -c '^dn:' "$1"; }

# --- slapd with the same data ----------------------------------------------------------------------------------------
OURS_REALM_MS=$(dump "$OUR_LDAPS_PORT" "$REALM_DN" "$RUN_DIR/ours-realm.ldif")
echo "our realm dumped for slapd: $(entries "$RUN_DIR/ours-realm.ldif") entries in $OURS_REALM_MS ms"
SLAPD_DIR="$RUN_DIR/slapd"
mkdir -p "$SLAPD_DIR/db"
cp "$RUN_DIR/data/ldap-tls/ldap-cert.pem" "$SLAPD_DIR/cert.pem"
# slapd's GnuTLS refuses the JDK's PKCS#8 encoding of the EC key ("ASN1 parser: Element was not found"); the same
# key in SEC 1 form loads.
( umask 077 && openssl ec -in "$RUN_DIR/data/ldap-tls/ldap-key.pem" -out "$SLAPD_DIR/key.pem" 2>/dev/null )
java -cp "$CP" cloud.federation.server.bench.LdapBench prepare "$RUN_DIR/ours-realm.ldif" "$SLAPD_DIR/input.ldif" \
  "$RUN_DIR/values" "$BIND_DN" "$(slappasswd -h '{SSHA}' -s "$BIND_PW")"
# The schema we publish (federation-schema.ldif) in slapd.conf syntax; should it lack what our user entries carry
# beyond inetOrgPerson (department, c), AD's user class is widened to allow them, as we serve them anyway.
SCHEMA_LDIF="$ROOT/ldap-proxy/src/main/resources/cloud/federation/ldap/federation-schema.ldif"
{
  grep -q "NAME 'department'" "$SCHEMA_LDIF" \
    || echo "attributeTypes: ( 1.2.840.113556.1.2.141 NAME 'department' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )"
  sed -n -e '/^attributeTypes: /p' "$SCHEMA_LDIF"
  sed -n -e '/^objectClasses: /p' -e '/^dITContentRules: /p' "$SCHEMA_LDIF" \
    | sed -e "/NAME 'user'/{/[( ]department[ )]/!s/whenChanged/whenChanged \$ department/}" \
          -e "/NAME 'user'/{/ \\$ c[ )]/!s/whenChanged/whenChanged \$ c/}"
} | sed -e 's/^attributeTypes: /attributetype /' -e 's/^objectClasses: /objectclass /' \
        -e 's/^dITContentRules: /ditcontentrule /' >"$SLAPD_DIR/federation.schema"
cat >"$SLAPD_DIR/slapd.conf" <<EOF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include $SLAPD_DIR/federation.schema
pidfile $SLAPD_DIR/slapd.pid
argsfile $SLAPD_DIR/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
loglevel 0
TLSCertificateFile $SLAPD_DIR/cert.pem
TLSCertificateKeyFile $SLAPD_DIR/key.pem
TLSProtocolMin 3.3

database mdb
suffix "dc=federation,dc=cloud"
directory $SLAPD_DIR/db
maxsize 17179869184
sizelimit size.soft=1000 size.hard=1000 size.pr=1000 size.prtotal=unlimited
index objectClass eq
index uid,mail,cn,memberOf,entryUUID eq
index sn eq,sub
access to attrs=userPassword by anonymous auth by * none
access to * by users read by * none
EOF
T0=$(date +%s%N)
# With schema checks: our entries should fit the schema we publish. If they do not, say so and load them as they are.
if ! slapadd -q -f "$SLAPD_DIR/slapd.conf" -l "$SLAPD_DIR/input.ldif" >"$SLAPD_DIR/slapadd.log" 2>&1; then
  echo "note: our entries do not fit our published schema, slapadd says: $(grep -m1 -i 'error\|not allowed\|violation' "$SLAPD_DIR/slapadd.log" || tail -1 "$SLAPD_DIR/slapadd.log"); loaded with slapadd -s"
  rm -f "$SLAPD_DIR"/db/*
  T0=$(date +%s%N)
  slapadd -q -s -f "$SLAPD_DIR/slapd.conf" -l "$SLAPD_DIR/input.ldif"
fi
echo "slapadd: $(( ($(date +%s%N) - T0) / 1000000 )) ms"
slapd -d 0 -f "$SLAPD_DIR/slapd.conf" -h "ldaps://127.0.0.1:$SLAPD_PORT/" >"$SLAPD_DIR/slapd.log" 2>&1 &
SLAPD=$!
pids+=($SLAPD)
java -cp "$CP" cloud.federation.server.bench.LdapBench wait "$SLAPD_PORT" "$BIND_DN" "$BIND_PW" "$USERS_DN" "$SERVED" 60
SLAPD_REALM_MS=$(dump "$SLAPD_PORT" "$REALM_DN" "$RUN_DIR/slapd-realm.ldif")
echo "slapd's realm (check and warm-up): $(entries "$RUN_DIR/slapd-realm.ldif") entries in $SLAPD_REALM_MS ms"

# --- the measured lines ----------------------------------------------------------------------------------------------
# Builds that take the Maven lock wait until the measurements are done (the lock is released when the script ends):
# on a small machine one concurrent build changes the figures more than anything measured here.
if [ "${MEASURE_LOCK:-1}" = 1 ]; then
  exec 9>"$MVN_LOCK"
  flock 9
fi
echo "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
RATE_OPTS=(-h 127.0.0.1 --useSSL --trustAll --numThreads "$THREADS" --warmUpIntervals "$WARMUP"
  --numIntervals "$INTERVALS" --intervalDuration "$INTERVAL" --csv --timestampFormat none)
# The last CSV row's overall ops/s column (the average over the measured intervals), and the errors seen.
overall() { # output file
  awk -F, '/Overall/ && !c {for (i = 1; i <= NF; i++) if ($i ~ /Overall.*\/Sec/) c = i; next}
           c && $c ~ /^[0-9.]+$/ {v = $c} END {printf "%.1f", v}' "$1"
}
# Server CPU time (user + system, all threads) in ms; the CPU a server spent per operation is the figure that a busy
# machine disturbs least.
CLK=$(getconf CLK_TCK)
cpu_ms() { awk -v clk="$CLK" '{print int(($14 + $15) * 1000 / clk)}' "/proc/$1/stat"; }
server_pid() { if [ "$1" = "$OUR_LDAPS_PORT" ]; then echo "$SERVER"; else echo "$SLAPD"; fi; }
# Server CPU µs per operation over a whole searchrate/authrate run (warm-up included: the operations of every row).
cpu_per_op() { # name
  awk -F, -v iv="$INTERVAL" -v ms="$(cat "$RUN_DIR/$1.cpu")" 'NF >= 5 && $1 ~ /^[0-9.]+$/ {n += $1 * iv}
    END {if (n > 0) printf "%.0f", ms * 1000 / n; else print "-"}' "$RUN_DIR/$1.out"
}
# With PROFILE_DIR set, a JFR recording (settings=profile) of our server around each of our measured lines.
profile() { # start|stop name
  if [ -n "${PROFILE_DIR:-}" ]; then
    mkdir -p "$PROFILE_DIR"
    if [ "$1" = start ]; then jcmd "$SERVER" JFR.start name=ldap-bench settings=profile >/dev/null
    else jcmd "$SERVER" JFR.stop name=ldap-bench filename="$PROFILE_DIR/$2.jfr" >/dev/null; fi
  fi
}
searchrate() { # port name filter [extra...]
  local port=$1 name=$2 filter=$3
  shift 3
  if [ "$port" = "$OUR_LDAPS_PORT" ]; then profile start; fi
  local c0
  c0=$(cpu_ms "$(server_pid "$port")")
  java -cp "$UNBOUNDID" com.unboundid.ldap.sdk.examples.SearchRate "${RATE_OPTS[@]}" -p "$port" -D "$BIND_DN" \
    -w "$BIND_PW" -b "$USERS_DN" -s sub -f "$filter" "$@" >"$RUN_DIR/$name.out" 2>&1 || true
  echo $(($(cpu_ms "$(server_pid "$port")") - c0)) >"$RUN_DIR/$name.cpu"
  if [ "$port" = "$OUR_LDAPS_PORT" ]; then profile stop "$name"; fi
  overall "$RUN_DIR/$name.out"
}
authrate() { # port name
  if [ "$1" = "$OUR_LDAPS_PORT" ]; then profile start; fi
  local c0
  c0=$(cpu_ms "$(server_pid "$1")")
  java -cp "$UNBOUNDID" com.unboundid.ldap.sdk.examples.AuthRate "${RATE_OPTS[@]}" -p "$1" -b "$BIND_DN" \
    -C "$BIND_PW" --bindOnly >"$RUN_DIR/$2.out" 2>&1 || true
  echo $(($(cpu_ms "$(server_pid "$1")") - c0)) >"$RUN_DIR/$2.cpu"
  if [ "$1" = "$OUR_LDAPS_PORT" ]; then profile stop "$2"; fi
  overall "$RUN_DIR/$2.out"
}
V="$RUN_DIR/values"
GROUP_DN=$(cat "$V/group.txt")
rows=()
row() { rows+=("$1|$2|$3|$4|$5"); }
for line in uid mail sn memberOf; do
  case $line in
    uid) label="uid equality"; filter="(uid=[randomfile:$V/uids.txt])"; extra=() ;;
    mail) label="mail equality"; filter="(mail=[randomfile:$V/mails.txt])"; extra=() ;;
    sn) label="sn prefix substring (-z $SN_SIZE_LIMIT)"; filter="(sn=[randomfile:$V/sn-prefixes.txt]*)"; extra=(--sizeLimit "$SN_SIZE_LIMIT") ;;
    memberOf) label="memberOf equality (1 group)"; filter="(memberOf=[sequentialfile:$V/group.txt])"; extra=() ;;
  esac
  o=$(searchrate "$OUR_LDAPS_PORT" "ours-$line" "$filter" ${extra[@]+"${extra[@]}"})
  s=$(searchrate "$SLAPD_PORT" "slapd-$line" "$filter" ${extra[@]+"${extra[@]}"})
  row "$label" "$o" "$s" "$(cpu_per_op "ours-$line")" "$(cpu_per_op "slapd-$line")"
done
o=$(authrate "$OUR_LDAPS_PORT" ours-bind)
s=$(authrate "$SLAPD_PORT" slapd-bind)
row "simple bind as the suite" "$o" "$s" "$(cpu_per_op ours-bind)" "$(cpu_per_op slapd-bind)"

# DUMPS rounds (default 3), ours and slapd alternating; the median wall time counts.
OURS_DUMPS=()
SLAPD_DUMPS=()
OURS_DUMP_CPU=0
SLAPD_DUMP_CPU=0
for _ in $(seq 1 "${DUMPS:-3}"); do
  profile start
  c0=$(cpu_ms "$SERVER")
  OURS_DUMPS+=("$(dump "$OUR_LDAPS_PORT" "$USERS_DN" "$RUN_DIR/ours-users.ldif")")
  OURS_DUMP_CPU=$((OURS_DUMP_CPU + $(cpu_ms "$SERVER") - c0))
  profile stop ours-dump
  c0=$(cpu_ms "$SLAPD")
  SLAPD_DUMPS+=("$(dump "$SLAPD_PORT" "$USERS_DN" "$RUN_DIR/slapd-users.ldif")")
  SLAPD_DUMP_CPU=$((SLAPD_DUMP_CPU + $(cpu_ms "$SLAPD") - c0))
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
# A delta commit on the loaded realm (DELTA_USERS departments changed, 10 users added), after the measured lines:
# from the run's commit to the newest user answering over LDAPS.
DELTA_LINE=$(java -cp "$CP" cloud.federation.server.bench.LdapBench delta "http://127.0.0.1:$OUR_PORT" bench-password-1 \
  "$RUN_DIR/graph.json" "$SOURCE" "$OUR_LDAPS_PORT" "$BIND_DN" "$BIND_PW" "$USERS_DN" "${DELTA_USERS:-200}")
kill "$SIMULATOR"
OURS_DUMP_MS=$(median "${OURS_DUMPS[@]}")
SLAPD_DUMP_MS=$(median "${SLAPD_DUMPS[@]}")
DUMPED=$(entries "$RUN_DIR/ours-users.ldif")
SLAPD_DUMPED=$(entries "$RUN_DIR/slapd-users.ldif")
per_entry() { awk -v ms="$1" -v n="$2" -v r="${DUMPS:-3}" 'BEGIN {printf "%.0f", ms * 1000 / (n * r)}'; }
row "paged dump of ou=users (entries/s)" "$(awk -v n="$DUMPED" -v ms="$OURS_DUMP_MS" 'BEGIN {printf "%.1f", n * 1000 / ms}')" \
  "$(awk -v n="$SLAPD_DUMPED" -v ms="$SLAPD_DUMP_MS" 'BEGIN {printf "%.1f", n * 1000 / ms}')" \
  "$(per_entry "$OURS_DUMP_CPU" "$DUMPED")" "$(per_entry "$SLAPD_DUMP_CPU" "$SLAPD_DUMPED")"

echo
printf '%-38s %12s %12s %11s   %s\n' "line (ops/s, over LDAPS)" ours slapd ours/slapd "server CPU us/op: ours slapd"
for r in "${rows[@]}"; do
  IFS='|' read -r label o s oc sc <<<"$r"
  printf '%-38s %12s %12s %11s   %8s %6s\n' "$label" "$o" "$s" \
    "$(awk -v o="$o" -v s="$s" 'BEGIN {if (s > 0) printf "%.2f", o / s; else print "-"}')" "$oc" "$sc"
done
echo
echo "paged dump of ou=users (ldapsearch, pages of 1000), median wall time: ours $DUMPED entries in $OURS_DUMP_MS ms" \
  "(${OURS_DUMPS[*]}), slapd $SLAPD_DUMPED entries in $SLAPD_DUMP_MS ms (${SLAPD_DUMPS[*]})"
echo "server CPU per op: the server process's user+system time over a line's whole run (warm-up included) divided by"
echo "  its operations (per entry for the dump); machine-wide load does not inflate it the way it does ops/s"
echo "load average after measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
# Failed operations in the measured intervals, by result (each interval's "Error Results" follow its row).
for f in "$RUN_DIR"/{ours,slapd}-{uid,mail,sn,memberOf,bind}.out; do
  errs=$(awk -F, 'NF >= 5 {measured = ($0 !~ /warming up|Recent/); next}
                  measured && /^\t[^:]+: *[0-9]+$/ {split($0, a, ":"); sub(/^\t/, "", a[1]); n[a[1]] += a[2]}
                  END {for (k in n) printf "%s%s: %d", (s++ ? ", " : ""), k, n[k]}' "$f")
  if [ -n "$errs" ]; then echo "failed operations, $(basename "$f" .out): $errs"; fi
done
echo "memberOf group: $GROUP_DN"
echo "our server heap used after GC, $SERVED users loaded: $OUR_HEAP"
# From a sync commit to new searches seeing it: the first (full) sync builds a complete tree; the delta a layer.
FIRST_VIEW=$(grep -o 'LDAP view of realm [^:]*: version [0-9]*, [1-9][0-9]\{4,\} entries, [^;]*; read in [0-9]* ms, built in [0-9]* ms' "$RUN_DIR/console.log" | head -1 || true)
LAST_VIEW=$(grep -o 'LDAP view of realm [^:]*: version [0-9]*, [0-9]* entries, [^;]*; read in [0-9]* ms, built in [0-9]* ms; served .*' "$RUN_DIR/console.log" | tail -1 || true)
echo "after the full sync: ${FIRST_VIEW:-not logged}"
echo "$DELTA_LINE"
echo "  server side: ${LAST_VIEW:-not logged}"
echo "RSS at the end: ours $(rss "$SERVER") (a JVM keeps the heap it grew to, here during the sync), slapd $(rss "$SLAPD") (its database is mapped: RSS counts the pages touched)"
if [ -n "${HISTO:-}" ]; then cat "$RUN_DIR/histogram.txt"; fi
if [ -z "${KEEP:-}" ]; then rm -rf "$SLAPD_DIR/db" "$RUN_DIR"/*.ldif "$SLAPD_DIR/input.ldif" "$RUN_DIR/data"; fi
