# Shared preamble of the ingestion benchmarks (sourced, not run): JDK 25, the harness instance
# (default "bench") with its environment, and the ingestion jar (built when missing, or REBUILD=1).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export PILOTAGE_INSTANCE=${PILOTAGE_INSTANCE:-bench}
# what this run starts, it stops (finish_bench): the infrastructure too, unless it was running
# before or KEEP_INFRA=1
BENCH_STARTED_INFRA=1
kafka_pid=$(tr -dc '0-9' 2>/dev/null < "$ROOT/.pilotage/$PILOTAGE_INSTANCE/pids/kafka.pid" || true)
[[ -n $kafka_pid ]] && kill -0 "$kafka_pid" 2>/dev/null && BENCH_STARTED_INFRA=0
./pilotage infra-up >/dev/null
# the harness's own locator of the PostgreSQL binaries (pg_bin_dir)
PILOTAGE_ROOT=$ROOT
# shellcheck source=../../infra/lib/install.sh
. "$ROOT/infra/lib/install.sh"
# shellcheck disable=SC1090
source "$(./pilotage env)"
# the JDK 25 the launcher found, whatever JAVA_HOME and PATH say
export JAVA_HOME=$PILOTAGE_JAVA_HOME PATH=$PILOTAGE_JAVA_HOME/bin:$PATH
JAVA=$JAVA_HOME/bin/java
# Every run sends gigabytes to the broker (a warm-up until ingestion's JIT compiler is quiet alone may
# send 10): the benchmark topics keep 10 minutes and at most 1 GiB per partition beyond the segment
# being written on this instance, so repeated runs do not fill the disk (75 GB after a day of runs
# before; with the time limit alone, 72 GB after half an hour of batch runs, at 120 MB/s). Their
# segments stay at Kafka's default size, 1 GiB, as in production (BENCH_SEGMENT_BYTES overrides it): with 64 MiB
# segments, used for a while, a segment rolled every few seconds at 10 000 events/s and the rolls
# showed in the p99 (70-113 ms at 10 000 req/s offered, against 26-34 ms with 1 GiB, same build).
for topic in pilotage.events.v1 bench.producer-perf bench.bare-endpoint; do
  "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$PILOTAGE_KAFKA_HOME/lib/*" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$PILOTAGE_KAFKA_BOOTSTRAP" --create --if-not-exists --topic "$topic" \
    --partitions "${PILOTAGE_KAFKA_PARTITIONS:-3}" --replication-factor 1 >/dev/null 2>&1 || true
  "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$PILOTAGE_KAFKA_HOME/lib/*" kafka.admin.ConfigCommand \
    --bootstrap-server "$PILOTAGE_KAFKA_BOOTSTRAP" --alter --entity-type topics --entity-name "$topic" \
    --add-config retention.ms=600000,retention.bytes=1073741824,segment.bytes=${BENCH_SEGMENT_BYTES:-1073741824} >/dev/null 2>&1 || true
done
[[ -f services/ingestion/target/quarkus-app/quarkus-run.jar && ${REBUILD:-0} == 0 ]] \
  || ./mvnw -B -q -pl services/ingestion -am package -DskipTests
BASE_OPTS=${PILOTAGE_APP_JAVA_OPTS:--Xms64m -Xmx160m -XX:+UseSerialGC}
# the benchmarks measure throughput, not the per-source rate limit (20 000 events/s by default): lift it
BASE_OPTS="$BASE_OPTS -Dpilotage.ingestion.rate-limit.per-second=10000000 -Dpilotage.ingestion.rate-limit.burst=10000000"
JFR_MODE=""
# stops ingestion, first saving its JFR recording (JFR=1) as .pilotage/<instance>/logs/<JFR_MODE>.jfr
stop_ingestion() {
  local pid; pid=$(tr -dc '0-9' 2>/dev/null < "$ROOT/.pilotage/$PILOTAGE_INSTANCE/pids/ingestion.pid" || true)
  if [[ -n $JFR_MODE && -n $pid ]]; then
    "$JAVA_HOME/bin/jcmd" "$pid" JFR.dump name=bench filename="$ROOT/.pilotage/$PILOTAGE_INSTANCE/logs/$JFR_MODE.jfr" >/dev/null || true
  fi
  ./pilotage apps-down ingestion >/dev/null 2>&1 || true
}
# the benchmarks' exit trap: ingestion, and the infrastructure when this run started it
finish_bench() {
  stop_ingestion
  if [[ $BENCH_STARTED_INFRA == 1 && ${KEEP_INFRA:-0} != 1 ]]; then
    ./pilotage down >/dev/null 2>&1 || true
  fi
}
# Called before every measured phase of both sides: writes dirty pages out and, where allowed (root),
# drops the clean page cache, so every phase starts with the same free memory. Each run writes
# gigabytes to the broker; once the page cache had filled the machine's memory, the broker's writes
# went through direct reclaim and its CPU per record doubled (0.9 s against 2.3 s of broker CPU per 5 s
# of the same batch load, before and after dropping the cache), a cost that fell on whichever side ran
# later. SETTLE=0 leaves the cache alone.
settle_memory() {
  [[ ${SETTLE:-1} == 1 ]] || return 0
  sync
  { [[ -w /proc/sys/vm/drop_caches ]] && echo 1 > /proc/sys/vm/drop_caches; } 2>/dev/null || true
}
# Empties the deduplication ledger of this instance's ingestion schema (benchmark data only), so every
# run starts from the same state: a run adds a row per event, and the ledger keeps rows for its 7-day
# window, so without this each run measured a larger table than the last (74 000-79 000 events/s on an
# empty ledger, 64 000 after 21 million rows from earlier runs, with PostgreSQL's default 128 MiB of
# shared buffers). Ticket 0 stays confirmed (the V4 migration confirms it for the rows it carried over).
# LEDGER=keep leaves it as it is.
empty_ledger() {
  [[ ${LEDGER:-empty} == keep || $PILOTAGE_INSTANCE == run ]] && return 0
  local bin; bin=$(pg_bin_dir) || return 0
  PGPASSWORD=$PILOTAGE_PG_PASSWORD_INGESTION "$bin/psql" -q -h "$PILOTAGE_PG_HOST" -p "$PILOTAGE_PG_PORT" -U ingestion \
    "$PILOTAGE_PG_DATABASE" -c 'TRUNCATE ingestion.event_claim, ingestion.ledger_confirmation' -c 'INSERT INTO ingestion.ledger_confirmation (ticket) VALUES (0)' 2>/dev/null || true
}
# CPU time, in centiseconds, that ingestion's optimising (C2) JIT compiler threads have used so far
jit_cpu_cs() {
  local pid d stat total=0
  pid=$(cat "$ROOT/.pilotage/$PILOTAGE_INSTANCE/pids/ingestion.pid")
  for d in /proc/"$pid"/task/*; do
    [[ $(cat "$d/comm" 2>/dev/null) == C2* ]] || continue
    stat=$(cat "$d/stat" 2>/dev/null) || continue
    stat=${stat##*) }   # past "pid (comm) ": the name holds a space
    read -r -a f <<< "$stat"
    total=$(( total + f[11] + f[12] ))   # utime and stime, fields 14 and 15
  done
  echo "$total"
}
# (re)starts ingestion as <name> (its JFR file name), with its verified-token cache on ("*cache-off": off)
start_ingestion() {
  local opts="$BASE_OPTS -Dpilotage.ingestion.token-cache.enabled=$([[ $1 == *cache-off ]] && echo false || echo true)"
  [[ ${JFR:-0} == 1 ]] && opts="$opts -XX:StartFlightRecording=name=bench,settings=profile"
  stop_ingestion
  [[ ${JFR:-0} == 1 ]] && JFR_MODE=$1
  empty_ledger
  PILOTAGE_APP_JAVA_OPTS="$opts" ./pilotage apps-up ingestion >/dev/null
}
