#!/usr/bin/env bash
# Benchmark "ingestion-batch" (DESIGN §8): batched canonical events of 1 KiB through POST /events to
# acked Kafka (events/s), against Kafka's own ProducerPerformance (same record size, acks=all),
# both in the same run against the same broker. Not run in CI.
#
#   bench/ingestion-batch/run.sh            # 600 000 records each, after 2 500 000 to warm ingestion up
#   EVENTS=1000000 WARMUP_EVENTS=500000 bench/ingestion-batch/run.sh   # a fixed warm-up instead
#   CONCURRENCY="4 8 16" ...               # batches in flight tried for saturation (default)
#
# Saturation is each side's best: ingestion's over CONCURRENCY (batches in flight at once: with 4 the
# 2-core machine was 75-85 % busy, latency-bound, as a bulk loader with a few connections would leave
# it), ProducerPerformance's over two runs (it pipelines on its own). Every level is kept in the
# result (saturation_sweep), and both ProducerPerformance runs (baseline_runs).
#
# Both sides are measured in their steady state: ingestion, a long-running service, is warmed up first,
# discarded, until its JIT compiler is quiet, as in production: batches of 1 000 000 events (at the
# first level) until its optimising compiler threads used under 2 % of a core during the last one
# (JIT_QUIET_PERCENT), at most 16 000 000 events (WARMUP_MAX). Its per-request and per-statement code
# runs once per 500 events, and the Kafka client's sending code once per batch of records: after 2.5
# million events the compiler was still busy at 20 % of a core, and ingestion used 7.3 us of CPU per
# event, against 5.2 once it was quiet, after 7-8 million. ProducerPerformance, a fresh JVM per
# run, gets as many records in all and is measured after its first 5-second report.
#   JFR=1 bench/ingestion-batch/run.sh     # JFR profile of ingestion: .pilotage/<instance>/logs/ingestion-batch.jfr
#
# Uses (and starts if needed) the harness instance $PILOTAGE_INSTANCE (default: bench), builds and
# starts ingestion there, writes bench/results/ingestion-batch.json and prints a one-line summary.
set -euo pipefail
EVENTS=${EVENTS:-600000}
WARMUP_EVENTS=${WARMUP_EVENTS:-}
WARMUP_CHUNK=${WARMUP_CHUNK:-1000000}
WARMUP_MAX=${WARMUP_MAX:-16000000}
JIT_QUIET_PERCENT=${JIT_QUIET_PERCENT:-2}
BATCH=${BATCH:-500}
CONCURRENCY=${CONCURRENCY:-4 8 16}
RECORD=${RECORD:-1024}
# shellcheck source=../lib/ingestion.sh
. "$(dirname "$0")/../lib/ingestion.sh"
start_ingestion ingestion-batch
trap 'finish_bench' EXIT
PORT=$(grep -o 'PILOTAGE_INGESTION_PORT=[0-9]*' "$(./pilotage env)" | cut -d= -f2)

TOKEN=$(curl -sf -d grant_type=client_credentials -d client_id=pilotage-ingest-client \
  -d client_secret=ingest-client-dev-secret "$PILOTAGE_OIDC_URL/protocol/openid-connect/token" \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')

# 0. warm-up, discarded: ingestion's JIT compiles its hot path, and the broker's (it may have just started) too
read -r FIRST_LEVEL _ <<< "$CONCURRENCY"
warm() {
  "$JAVA" "$ROOT/bench/LoadGen.java" batch "http://127.0.0.1:$PORT/events" "$TOKEN" "$1" "$BATCH" "$FIRST_LEVEL" "$RECORD" >/dev/null
}
if [[ -n $WARMUP_EVENTS ]]; then
  warm "$WARMUP_EVENTS"; JIT_LAST_PERCENT=null
else
  WARMUP_EVENTS=0
  while :; do
    before=$(jit_cpu_cs); started=$(date +%s%N)
    warm "$WARMUP_CHUNK"
    WARMUP_EVENTS=$(( WARMUP_EVENTS + WARMUP_CHUNK ))
    # the compiler's share of one core over the chunk, in per cent (centiseconds * 10 = ms)
    JIT_LAST_PERCENT=$(awk -v cs=$(( $(jit_cpu_cs) - before )) -v ns=$(( $(date +%s%N) - started )) \
      'BEGIN { printf "%.1f", cs * 10 * 100 / (ns / 1e6) }')
    if awk -v p="$JIT_LAST_PERCENT" -v q="$JIT_QUIET_PERCENT" 'BEGIN { exit !(p < q) }' \
       || (( WARMUP_EVENTS >= WARMUP_MAX )); then
      break
    fi
  done
fi

# 1. the broker's own ceiling: ProducerPerformance, same record size, acks=all, in its steady state
# too. It is a fresh JVM, so it sends as many records as ingestion got in all (warm-up and measured)
# and its rate is taken after its first report (ProducerPerformance reports every 5 s): 600 000
# records from a cold start reported 150 000-180 000/s, the same tool past its first 5 s 300 000-330 000/s.
"$JAVA" -cp "$PILOTAGE_KAFKA_HOME/lib/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$PILOTAGE_KAFKA_BOOTSTRAP" \
  --create --if-not-exists --topic bench.producer-perf --partitions "${PILOTAGE_KAFKA_PARTITIONS:-3}" --replication-factor 1 >/dev/null 2>&1
# Two runs, the better one kept (ingestion's figure is its best over several levels too).
producer_perf() {
  local lines
  lines=$("$JAVA" -Xmx256m -cp "$PILOTAGE_KAFKA_HOME/lib/*" org.apache.kafka.tools.ProducerPerformance \
    --topic bench.producer-perf --num-records "$(( WARMUP_EVENTS + EVENTS ))" --record-size "$RECORD" --throughput -1 \
    --producer-props bootstrap.servers="$PILOTAGE_KAFKA_BOOTSTRAP" acks=all linger.ms=5 enable.idempotence=true 2>/dev/null \
    | grep 'records sent')
  PERF=$(echo "$lines" | tail -1)
  # "<n> records sent, <r> records/sec ..." per 5 s window, then the same for the whole run (the last line)
  read -r STEADY COLD < <(echo "$lines" | awk '
    { n[NR] = $1; r[NR] = $4 }
    END {
      total = n[NR]; seconds = total / r[NR]
      if (NR >= 3) { printf "%.1f %.1f\n", (total - n[1]) / (seconds - n[1] / r[1]), r[NR] }
      else { printf "%.1f %.1f\n", r[NR], r[NR] }
    }')
}
BASELINE=0; BASELINE_RUNS=""
for run in 1 2; do
  settle_memory
  producer_perf
  BASELINE_RUNS="$BASELINE_RUNS{\"steady_records_per_s\": $STEADY, \"whole_run_records_per_s\": $COLD},"
  if awk -v a="$STEADY" -v b="$BASELINE" 'BEGIN { exit !(a > b) }'; then BASELINE=$STEADY; BASELINE_COLD=$COLD; BEST_PERF=$PERF; fi
done

# 2. ingestion: NDJSON batches of $BATCH events through POST /events, 202 after acks=all, at each level
VALUE=0; SWEEP=""; NON202=0
for c in $CONCURRENCY; do
  # Each level starts from an empty ledger, whatever the warm-up's length and the levels before it
  # (ingestion is idle between levels: it holds no claim). A claim costs PostgreSQL more as the ledger
  # grows: after a warm-up of 7 million events left in it, the same build measured 95 563 events/s
  # (ratio 0.285), against 145 188 (0.453) with the ledger emptied after the warm-up.
  empty_ledger
  settle_memory
  OUT=$("$JAVA" "$ROOT/bench/LoadGen.java" batch "http://127.0.0.1:$PORT/events" "$TOKEN" "$EVENTS" "$BATCH" "$c" "$RECORD")
  rate=$(echo "$OUT" | sed -E 's/events_per_s=([0-9]+).*/\1/')
  non202=$(echo "$OUT" | sed -E 's/.*non_202=([0-9]+).*/\1/')
  NON202=$(( NON202 + non202 ))
  SWEEP="$SWEEP{\"concurrency\": $c, \"events_per_s\": $rate, \"non_202_requests\": $non202},"
  if (( rate > VALUE )); then VALUE=$rate; BEST_LEVEL=$c; fi
done

RATIO=$(awk -v v="$VALUE" -v b="$BASELINE" 'BEGIN { printf "%.3f", v / b }')
MACHINE="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1 /proc/loadavg) at start of write-up, load generator on the same machine"
mkdir -p bench/results
cat > bench/results/ingestion-batch.json <<JSON
{
  "name": "ingestion-batch",
  "metric": "events/s at saturation (best over $CONCURRENCY batches in flight), ${RECORD}-byte canonical events in NDJSON batches of ${BATCH}, 202 after acks=all",
  "value": $VALUE,
  "baseline": $BASELINE,
  "ratio": $RATIO,
  "target": 0.5,
  "unit": "events/s",
  "machine": "$MACHINE",
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "events": $EVENTS,
  "warmup_events": $WARMUP_EVENTS,
  "warmup_jit_compiler_percent_of_a_core_last_chunk": $JIT_LAST_PERCENT,
  "best_concurrency": $BEST_LEVEL,
  "saturation_sweep": [${SWEEP%,}],
  "non_202_requests": $NON202,
  "baseline_method": "ProducerPerformance's rate after its first 5-second report, out of $(( WARMUP_EVENTS + EVENTS )) records, the better of two runs",
  "baseline_runs": [${BASELINE_RUNS%,}],
  "baseline_whole_run": $BASELINE_COLD,
  "baseline_tool": "kafka-tools ProducerPerformance --record-size $RECORD acks=all linger.ms=5 enable.idempotence=true: $BEST_PERF"
}
JSON
echo "ingestion-batch: $VALUE events/s vs ProducerPerformance $BASELINE records/s (steady; $BASELINE_COLD over its whole run) -> ratio $RATIO (target >= 0.5), best at $BEST_LEVEL batches in flight (of $CONCURRENCY), $EVENTS events per level after $WARMUP_EVENTS (JIT compiler ${JIT_LAST_PERCENT}% of a core at the end), $NON202 non-202 requests"
