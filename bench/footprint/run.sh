#!/usr/bin/env bash
# Footprint benchmark (DESIGN §8: each service <= 256 MiB RSS under load, JVM start <= 2 s).
# Runs every service as the container image runs it (same JVM flags, -XX:MaxRAM = the chart's
# memory limit, so the heap is sized as in a pod), on its own real Kafka, PostgreSQL and
# Keycloak (instance "footprint"), and writes bench/results/footprint.json:
#   - start: each service started alone, Quarkus' own "started in" figure, the wall time
#     until /q/health/ready and the CPU seconds spent until then, best of $FOOTPRINT_STARTS
#     runs: as the image starts it (no AOT cache), then as './pilotage up' does after one
#     training run (from the JDK's AOT cache, start_aot_*);
#   - rss: all five running, a steady load through the gateway ($FOOTPRINT_CLIENTS clients in a
#     closed loop, at most $FOOTPRINT_RATE req/s, for $FOOTPRINT_SECONDS s: event posts and
#     reads), RSS sampled every second; the figure is the median of the last third (steady
#     state) and the maximum.
#
#   bench/footprint/run.sh          (builds the services first if a quarkus-run.jar is missing)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
export PILOTAGE_INSTANCE=footprint
RATE=${FOOTPRINT_RATE:-200} CLIENTS=${FOOTPRINT_CLIENTS:-8} SECONDS_LOAD=${FOOTPRINT_SECONDS:-60} STARTS=${FOOTPRINT_STARTS:-2}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
out=bench/results/footprint.json
work=bench/work/footprint; mkdir -p "$work"

# memory limits of the chart (values.yaml), as -XX:MaxRAM
declare -A LIMIT=([gateway]=256m [ingestion]=320m [kpi-engine]=384m [alerting]=320m [governance]=320m)
# as in the image (pom.xml, jib-maven-plugin): JVM flags and glibc's arena cap
export MALLOC_ARENA_MAX=2
IMAGE_FLAGS="-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData"
# per-service additions of the image (JDK_JAVA_OPTIONS in the service's jib configuration)
declare -A APP_FLAGS=([kpi-engine]="-Xmx112m -XX:TrimNativeHeapInterval=10000" [ingestion]="-Xmx128m -XX:NewRatio=1" [alerting]="-Xmx128m")
APPS=(ingestion kpi-engine alerting governance gateway)

for a in "${APPS[@]}"; do
  m=$a; [[ $a != gateway ]] && m=services/$a
  [[ -f $m/target/quarkus-app/quarkus-run.jar ]] || { ./mvnw -B -q package -DskipTests; break; }
done

cleanup() { ./pilotage apps-down >/dev/null 2>&1 || true; ./pilotage infra-down >/dev/null 2>&1 || true; }
trap cleanup EXIT
./pilotage infra-up
# shellcheck disable=SC1090
source "$(./pilotage env)"

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
app_jar_of() { if [[ $1 == gateway ]]; then echo gateway/target/quarkus-app/quarkus-run.jar; else echo "services/$1/target/quarkus-app/quarkus-run.jar"; fi; }
app_pid() { cat ".pilotage/$PILOTAGE_INSTANCE/pids/$1.pid" 2>/dev/null; }
log_of() { echo ".pilotage/$PILOTAGE_INSTANCE/logs/$1.log"; }

cpu_s() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat"; }
declare -A START_Q START_WALL START_CPU AOT_Q AOT_WALL AOT_CPU
# best_start <app>: starts it alone $STARTS times (PILOTAGE_APP_AOT as set by the caller), best
# of each figure in BEST_Q (Quarkus' "started in"), BEST_W (until ready), BEST_C (CPU seconds)
best_start() {
  local a=$1 i t0 t1 q w c
  BEST_Q=999 BEST_W=999 BEST_C=999
  for ((i = 0; i < STARTS; i++)); do
    t0=$(date +%s.%N)
    PILOTAGE_APP_JAVA_OPTS="-XX:MaxRAM=${LIMIT[$a]} $IMAGE_FLAGS ${APP_FLAGS[$a]:-}" ./pilotage apps-up "$a" >/dev/null
    t1=$(date +%s.%N)
    q=$(grep -oE 'started in [0-9.]+s' "$(log_of "$a")" | tail -1 | grep -oE '[0-9.]+' || echo 999)
    w=$(echo "$t1 - $t0" | bc)
    c=$(cpu_s "$(app_pid "$a")")
    (( $(echo "$q < $BEST_Q" | bc) )) && BEST_Q=$q
    (( $(echo "$w < $BEST_W" | bc) )) && BEST_W=$(printf '%.2f' "$w")
    (( $(echo "$c < $BEST_C" | bc) )) && BEST_C=$c
    ./pilotage apps-down "$a" >/dev/null
  done
}
for a in "${APPS[@]}"; do
  # as the image starts it: no AOT cache
  PILOTAGE_APP_AOT=0 best_start "$a"
  START_Q[$a]=$BEST_Q START_WALL[$a]=$BEST_W START_CPU[$a]=$BEST_C
  echo "start $a: quarkus ${BEST_Q}s, until ready ${BEST_W}s, ${BEST_C} CPU s"
  # as './pilotage up' starts it: one training run writes the JDK's AOT cache, then from it
  rm -f "$(dirname "$(app_jar_of "$a")")/app.aot"
  PILOTAGE_APP_AOT=1 PILOTAGE_APP_JAVA_OPTS="-XX:MaxRAM=${LIMIT[$a]} $IMAGE_FLAGS ${APP_FLAGS[$a]:-}" ./pilotage apps-up "$a" >/dev/null
  PILOTAGE_APP_AOT=1 ./pilotage apps-down "$a" >/dev/null
  PILOTAGE_APP_AOT=1 best_start "$a"
  AOT_Q[$a]=$BEST_Q AOT_WALL[$a]=$BEST_W AOT_CPU[$a]=$BEST_C
  echo "start $a from its AOT cache: quarkus ${BEST_Q}s, until ready ${BEST_W}s, ${BEST_C} CPU s"
done

for a in "${APPS[@]}"; do
  PILOTAGE_APP_JAVA_OPTS="-XX:MaxRAM=${LIMIT[$a]} $IMAGE_FLAGS ${APP_FLAGS[$a]:-}" ./pilotage apps-up "$a" >/dev/null
done
source "$(./pilotage env)"   # the apps' ports, written by apps-up
token() { curl -s "$PILOTAGE_OIDC_URL/protocol/openid-connect/token" -d grant_type=password -d client_id=pilotage-web \
  -d username="$1" -d password="$1-pass" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'; }
gw="http://127.0.0.1:$PILOTAGE_GATEWAY_PORT"
declare -A SAMPLES
"$JAVA" bench/footprint/Load.java "$gw" "$(token ingestor)" "$(token admin)" "$SECONDS_LOAD" "$RATE" "$CLIENTS" > "$work/load.json" &
load_pid=$!
while kill -0 "$load_pid" 2>/dev/null; do
  for a in "${APPS[@]}"; do SAMPLES[$a]+="$(rss_kib "$(app_pid "$a")") "; done
  sleep 1
done
wait "$load_pid"

{
  # headline: the largest steady RSS against the 256 MiB target (every figure under "services")
  worst=0; worst_app=''
  for a in "${APPS[@]}"; do
    read -r -a s <<< "${SAMPLES[$a]}"
    m=$(printf '%s\n' "${s[@]}" | sort -n | tail -1)
    (( m > worst )) && { worst=$m; worst_app=$a; }
  done
  printf '{\n  "name": "footprint", "metric": "largest RSS under load (%s)", "value": %d, "baseline": 256, "ratio": %s, "target": "<= 256 MiB per service", "unit": "MiB",\n' \
    "$worst_app" $(( worst / 1024 )) "$(awk -v v=$(( worst / 1024 )) 'BEGIN {printf "%.3f", v / 256}')"
  printf '  "date": "%s",\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf '  "benchmark": "footprint",\n  "command": "bench/footprint/run.sh",\n'
  printf '  "machine": "%s, %s cores, %s GiB; shared with other jobs while measured (noisy)",\n' \
    "$(uname -m)" "$(nproc)" "$(awk '/MemTotal/ {printf "%d", $2/1048576}' /proc/meminfo)"
  printf '  "java": "%s",\n' "$("$JAVA" -version 2>&1 | head -1 | sed 's/"//g')"
  printf '  "jvm_flags": "-XX:MaxRAM=<chart memory limit> %s",\n  "env": "MALLOC_ARENA_MAX=2",\n' "$IMAGE_FLAGS"
  printf '  "load": {"clients": %s, "max_requests_per_second": %s, "seconds": %s, "result": %s},\n' "$CLIENTS" "$RATE" "$SECONDS_LOAD" "$(cat "$work/load.json")"
  printf '  "load_average_at_end": "%s",\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '  "targets": {"rss_mib": 256, "start_s": 2},\n  "services": {\n'
  n=0
  for a in "${APPS[@]}"; do
    read -r -a s <<< "${SAMPLES[$a]}"
    total=${#s[@]}; third=$(( total / 3 )); (( third > 0 )) || third=1
    steady=$(printf '%s\n' "${s[@]: -$third}" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
    max=$(printf '%s\n' "${s[@]}" | sort -n | tail -1)
    n=$((n + 1)); sep=,; (( n == ${#APPS[@]} )) && sep=
    printf '    "%s": {"memory_limit": "%s", "extra_jvm_flags": "%s", "rss_steady_mib": %d, "rss_max_mib": %d, "start_quarkus_s": %s, "start_until_ready_s": %s, "start_cpu_s": %s, "start_aot_quarkus_s": %s, "start_aot_until_ready_s": %s, "start_aot_cpu_s": %s}%s\n' \
      "$a" "${LIMIT[$a]}" "${APP_FLAGS[$a]:-}" $(( steady / 1024 )) $(( max / 1024 )) "${START_Q[$a]}" "${START_WALL[$a]}" "${START_CPU[$a]}" \
      "${AOT_Q[$a]}" "${AOT_WALL[$a]}" "${AOT_CPU[$a]}" "$sep"
  done
  printf '  }\n}\n'
} > "$out"
cat "$out"
