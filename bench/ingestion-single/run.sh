#!/usr/bin/env bash
# Benchmark "ingestion-single" (DESIGN §8): one canonical event per request (webhook style) through
# POST /events with a bearer token, requests/s at saturation and p50/p99 at fixed offered rates,
# against the bare Quarkus endpoint of bench/ingestion-single/bare-endpoint (body to Kafka, acks=all,
# 202 on the ack) in the same run and conditions. Not run in CI.
#
#   bench/ingestion-single/run.sh                       # 10 s per step, rates 2000 5000 10000
#   WARMUP_SECONDS=60 ...   # each endpoint first runs this long at saturation, discarded (default 40): both are
#                           # measured in their steady state, their JIT compilers done with the hot path
#   SATURATION_CONCURRENCY="128 256 512" ...  # connections tried for saturation (default): each endpoint's
#                           # saturation is its best over them, the same levels for both
#   SECONDS_PER_STEP=30 RATES="2000 5000 10000" bench/ingestion-single/run.sh
#   TOKEN_CACHE_OFF=0 ...   # skip the saturation run with ingestion's verified-token cache off
#   JFR=1 ...               # JFR profile of ingestion in each mode: .pilotage/<instance>/logs/ingestion-single-<mode>.jfr
set -euo pipefail
STEP=${SECONDS_PER_STEP:-10}
RATES=${RATES:-2000 5000 10000}
CONCURRENCY=${CONCURRENCY:-64}
SATURATION_CONCURRENCY=${SATURATION_CONCURRENCY:-128 256 512}
RECORD=${RECORD:-1024}
# Each step's load generator is a fresh JVM: it first runs 3 s at the step's rate, unmeasured (its own
# default is 1 s). With 1 s, the first second measured carried stalls of 40-190 ms at 10 000 req/s
# while the generator's own JIT compiler was still at work on the 2 shared cores (p99 8-167 ms over
# twelve isolated 15-s runs); with 3 s, 8-22 ms over four (bench/README.md).
export LOADGEN_WARMUP_SECONDS=${LOADGEN_WARMUP_SECONDS:-3}
# shellcheck source=../lib/ingestion.sh
. "$(dirname "$0")/../lib/ingestion.sh"
[[ -f bench/ingestion-single/bare-endpoint/target/quarkus-app/quarkus-run.jar && ${REBUILD:-0} == 0 ]] \
  || ./mvnw -B -q -f bench/ingestion-single/bare-endpoint/pom.xml package -DskipTests
start_ingestion ingestion-single-cache-on
BARE_PORT=$(( 32000 + RANDOM % 1000 ))
QUARKUS_HTTP_PORT=$BARE_PORT "$JAVA" -Xmx160m -XX:+UseSerialGC -jar bench/ingestion-single/bare-endpoint/target/quarkus-app/quarkus-run.jar \
  > "$ROOT/.pilotage/$PILOTAGE_INSTANCE/logs/bare-endpoint.log" 2>&1 &
BARE_PID=$!
trap 'kill $BARE_PID 2>/dev/null || true; finish_bench' EXIT
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$BARE_PORT/" && break; sleep 1; done
PORT=$(grep -o 'PILOTAGE_INGESTION_PORT=[0-9]*' "$(./pilotage env)" | cut -d= -f2)
token() {
  curl -sf -d grant_type=client_credentials -d client_id=pilotage-ingest-client \
    -d client_secret=ingest-client-dev-secret "$PILOTAGE_OIDC_URL/protocol/openid-connect/token" \
    | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}
# a fresh token for every step: a whole run outlives one token (5 min) on a busy machine
run() { "$JAVA" "$ROOT/bench/LoadGen.java" single "$1" "$(token)" "$2" "$STEP" "${3:-$CONCURRENCY}" "$RECORD"; }
field() { echo "$1" | sed -E "s/.*$2=([0-9.]+).*/\1/"; }

warm() { "$JAVA" "$ROOT/bench/LoadGen.java" single "$1" "$(token)" max "${WARMUP_SECONDS:-40}" "$CONCURRENCY" "$RECORD" >/dev/null; }
# saturation: the endpoint's best over SATURATION_CONCURRENCY connections (a latency-bound endpoint
# saturates the machine only with more requests in flight); every level's figure goes to the result
SWEEP=""
BEST=""
saturate() {   # url name: BEST is the best run's output line, SWEEP gets every level's
  local best="" best_rate=0 out rate c
  for c in $SATURATION_CONCURRENCY; do
    settle_memory
    out="$(run "$1" max "$c") concurrency=$c"
    rate=$(field "$out" requests_per_s)
    SWEEP="$SWEEP{\"endpoint\": \"$2\", \"concurrency\": $c, \"requests_per_s\": $rate, \"p99_ms\": $(field "$out" p99_ms)},"
    if awk -v a="$rate" -v b="$best_rate" 'BEGIN { exit !(a > b) }'; then best=$out; best_rate=$rate; fi
  done
  BEST=$best
}
warm "http://127.0.0.1:$BARE_PORT/events"
warm "http://127.0.0.1:$PORT/events"
saturate "http://127.0.0.1:$BARE_PORT/events" bare; BARE_MAX=$BEST
saturate "http://127.0.0.1:$PORT/events" ingestion; ING_MAX=$BEST
STEPS=""
for r in $RATES; do
  settle_memory
  B=$(run "http://127.0.0.1:$BARE_PORT/events" "$r")
  settle_memory
  I=$(run "http://127.0.0.1:$PORT/events" "$r")
  STEPS="$STEPS{\"offered\": $r, \"ingestion\": {\"p50_ms\": $(field "$I" p50_ms), \"p99_ms\": $(field "$I" p99_ms), \"achieved\": $(field "$I" requests_per_s), \"non_202\": $(field "$I" non_202)}, \"bare\": {\"p50_ms\": $(field "$B" p50_ms), \"p99_ms\": $(field "$B" p99_ms), \"achieved\": $(field "$B" requests_per_s)}},"
done
CACHE_OFF='null'
if [[ ${TOKEN_CACHE_OFF:-1} == 1 ]]; then
  # the same saturation run with every token verified in full by quarkus-oidc (cache off)
  start_ingestion ingestion-single-cache-off
  warm "http://127.0.0.1:$PORT/events"
  OFF_MAX="$(run "http://127.0.0.1:$PORT/events" max "${ING_MAX##*concurrency=}") concurrency=${ING_MAX##*concurrency=}"
  CACHE_OFF="{\"requests_per_s\": $(field "$OFF_MAX" requests_per_s), \"p50_ms\": $(field "$OFF_MAX" p50_ms), \"p99_ms\": $(field "$OFF_MAX" p99_ms), \"non_202\": $(field "$OFF_MAX" non_202)}"
fi
VALUE=$(field "$ING_MAX" requests_per_s)
BASELINE=$(field "$BARE_MAX" requests_per_s)
RATIO=$(awk -v v="$VALUE" -v b="$BASELINE" 'BEGIN { printf "%.3f", v / b }')
MACHINE="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1 /proc/loadavg), load generator on the same machine"
mkdir -p bench/results
cat > bench/results/ingestion-single.json <<JSON
{
  "name": "ingestion-single",
  "metric": "requests/s at saturation (best over $SATURATION_CONCURRENCY connections), one ${RECORD}-byte event per request, bearer token, 202 after acks=all",
  "value": $VALUE,
  "baseline": $BASELINE,
  "ratio": $RATIO,
  "target": 0.5,
  "unit": "requests/s",
  "machine": "$MACHINE",
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "p99_target_ms_at_10000": 25,
  "saturation": {"ingestion": "$ING_MAX", "bare": "$BARE_MAX"},
  "saturation_sweep": [${SWEEP%,}],
  "fixed_rates": [${STEPS%,}],
  "token_cache_off_saturation": $CACHE_OFF
}
JSON
echo "ingestion-single: $VALUE req/s vs bare endpoint $BASELINE req/s -> ratio $RATIO (target >= 0.5); token cache off: $CACHE_OFF; per rate: $(echo "$STEPS" | tr -d '{}"' | tr ',' ' ' | cut -c1-300)"
