# shellcheck shell=bash
# Kafka 4.1 in KRaft mode (one process: broker + controller) from the jars in the cache.

# = Topics.ALL of services/contracts (checked by deploy-tests); the broker creates no topic on demand, as in production
KAFKA_TOPICS=(pilotage.events.v1 pilotage.events.rejected.v1 pilotage.definitions.v1 pilotage.kpi-values.v1 pilotage.alerts.v1 pilotage.source-status.v1 pilotage.kpi-engine.dlq.v1 pilotage.governance.dlq.v1)
KAFKA_COMPACTED_TOPICS=" pilotage.definitions.v1 pilotage.source-status.v1 "

kafka_dir() { echo "$INST_DIR/kafka"; }

# JVM options of the short-lived tool JVMs (topic creation, listing)
KAFKA_TOOL_OPTS=(-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true
                 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

kafka_tool() { # <main class> <args...>
  "$JAVA" "${KAFKA_TOOL_OPTS[@]}" -cp "$KAFKA_LIB/*" "$@"
}

# A KRaft cluster id: 16 random bytes, base64url without padding (what StorageTool random-uuid
# prints); generated here to save a JVM start. Kafka refuses ids starting with '-'.
kafka_cluster_id() {
  local id
  while :; do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    [[ $id == -* ]] || break
  done
  echo "$id"
}

kafka_write_config() {
  local d; d=$(kafka_dir)
  mkdir -p "$d/data"
  cat > "$d/server.properties" <<EOF
# Written by ./pilotage (instance $INSTANCE) - single node KRaft, loopback only.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$PILOTAGE_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PILOTAGE_KAFKA_PORT,CONTROLLER://127.0.0.1:$PILOTAGE_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PILOTAGE_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$d/data
# single node: every internal topic with replication factor 1 (or consumer groups hang)
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.partitions=$PILOTAGE_KAFKA_PARTITIONS
# as in production (k8s/base/kafka/kafka.yaml): a topic nobody declared is an error, not a surprise
auto.create.topics.enable=false
default.replication.factor=1
min.insync.replicas=1
# topics limited by size (the benchmarks') are checked every 30 s instead of 5 min: at 100 MB/s
# five minutes are 30 GB past the limit
log.retention.check.interval.ms=30000
EOF
}

kafka_start() {
  if is_running kafka; then
    log "kafka already running (pid $(read_pid kafka)) on 127.0.0.1:$PILOTAGE_KAFKA_PORT"
    return 0
  fi
  require_port_free "$PILOTAGE_KAFKA_PORT" "Kafka" PILOTAGE_KAFKA_PORT
  require_port_free "$PILOTAGE_KAFKA_CONTROLLER_PORT" "Kafka controller" PILOTAGE_KAFKA_CONTROLLER_PORT
  kafka_write_config
  local d; d=$(kafka_dir)
  if [[ ! -f $d/data/meta.properties ]]; then
    log "formatting Kafka storage ..."
    kafka_tool kafka.tools.StorageTool format -t "$(kafka_cluster_id)" -c "$d/server.properties" \
      > "$LOG_DIR/kafka-format.log" 2>&1 \
      || { cat "$LOG_DIR/kafka-format.log" >&2; die "Kafka storage format failed"; }
  fi
  log "starting kafka on 127.0.0.1:$PILOTAGE_KAFKA_PORT (controller $PILOTAGE_KAFKA_CONTROLLER_PORT)"
  # shellcheck disable=SC2086
  spawn kafka "$LOG_DIR/kafka.log" "$d" \
    "$JAVA" ${PILOTAGE_KAFKA_HEAP:--Xms256m -Xmx768m} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
      -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
      --sun-misc-unsafe-memory-access=allow \
      -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd\'T\'HH:mm:ss.SSS \
      -Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn \
      -cp "$KAFKA_LIB/*" kafka.Kafka "$d/server.properties"
}

kafka_wait_ready() {
  local t0 pid deadline out
  t0=$(now_s); pid=$(read_pid kafka)
  if ! wait_port "$PILOTAGE_KAFKA_PORT" 90 "$pid"; then
    tail -n 40 "$LOG_DIR/kafka.log" >&2
    die "Kafka did not open 127.0.0.1:$PILOTAGE_KAFKA_PORT (log: $LOG_DIR/kafka.log)"
  fi
  # the topic list answering means the broker has joined the (single node) quorum
  deadline=$(( $(now_s) + 60 ))
  until out=$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$PILOTAGE_KAFKA_BOOTSTRAP" --list 2>&1); do
    if (( $(now_s) > deadline )) || ! pid_alive "$pid"; then
      echo "$out" | tail -n 20 >&2
      die "Kafka topic listing does not work (log: $LOG_DIR/kafka.log)"
    fi
    sleep 1
  done
  kafka_create_topics "$out"
  ok "kafka ready on $PILOTAGE_KAFKA_BOOTSTRAP ($(( $(now_s) - t0 )) s after start-up wait began)"
}

kafka_create_topics() { # <current topic list>
  local existing=$'\n'"$1"$'\n' t pids=() i rc=0
  local -a missing=()
  for t in "${KAFKA_TOPICS[@]}"; do
    [[ $existing == *$'\n'"$t"$'\n'* ]] || missing+=("$t")
  done
  (( ${#missing[@]} )) || return 0
  log "creating topics (${PILOTAGE_KAFKA_PARTITIONS} partitions): ${missing[*]}"
  for t in "${missing[@]}"; do
    local extra=()
    [[ $KAFKA_COMPACTED_TOPICS == *" $t "* ]] && extra=(--config cleanup.policy=compact)
    kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$PILOTAGE_KAFKA_BOOTSTRAP" \
      --create --if-not-exists --topic "$t" --partitions "$PILOTAGE_KAFKA_PARTITIONS" \
      --replication-factor 1 "${extra[@]}" > "$LOG_DIR/kafka-topic-$t.log" 2>&1 &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
      cat "$LOG_DIR/kafka-topic-${missing[$i]}.log" >&2; rc=1
    fi
    rm -f "$LOG_DIR/kafka-topic-${missing[$i]}.log"
  done
  (( rc == 0 )) || die "topic creation failed"
}

kafka_stop() { stop_procs "${1:-30}" kafka; }
