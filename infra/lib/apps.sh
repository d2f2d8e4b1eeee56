# shellcheck shell=bash
# The six Quarkus applications, run from their fast-jar: <module>/target/quarkus-app/quarkus-run.jar

APPS=(ingestion kpi-engine alerting governance console gateway)

app_module() {
  case $1 in
    gateway) echo gateway ;;
    ingestion|kpi-engine|alerting|governance|console) echo "services/$1" ;;
    *) die "unknown app '$1' (apps: ${APPS[*]})" ;;
  esac
}
app_jar() { echo "$PILOTAGE_ROOT/$(app_module "$1")/target/quarkus-app/quarkus-run.jar"; }
app_var() { local v=${1//-/_}; echo "PILOTAGE_${v^^}"; }   # kpi-engine -> PILOTAGE_KPI_ENGINE
app_port() { local v; v="$(app_var "$1")_PORT"; echo "${!v:-}"; }
app_db_user() { case $1 in gateway|console) echo '' ;; *) echo "${1//-/_}" ;; esac; }
app_default_port() {
  case $1 in
    gateway) echo 8080 ;; ingestion) echo 8081 ;; kpi-engine) echo 8082 ;;
    alerting) echo 8083 ;; governance) echo 8084 ;; console) echo 8085 ;;
  esac
}
# the management interface (/q/metrics): loopback only, never routed by the gateway
app_default_management_port() {
  case $1 in
    gateway) echo 9080 ;; ingestion) echo 9081 ;; kpi-engine) echo 9082 ;;
    alerting) echo 9083 ;; governance) echo 9084 ;; console) echo 9085 ;;
  esac
}
app_management_port() { local v; v="$(app_var "$1")_MANAGEMENT_PORT"; echo "${!v:-}"; }
# The secrets of the env file an app receives, besides its own database password (as
# PILOTAGE_DB_PASSWORD) and its OIDC client secret. Nothing else crosses (see spawn).
app_secret_vars() {
  case $1 in
    ingestion) echo PILOTAGE_PSEUDONYM_SECRET PILOTAGE_SOURCE_KEY_SECRET ;;
    governance) echo PILOTAGE_SOURCE_KEY_SECRET ;;
    console) echo PILOTAGE_CONSOLE_SESSION_SECRET ;;
    *) echo '' ;;
  esac
}
# JDK 25's ahead-of-time cache (JEP 483/514/515) of an app: target/quarkus-app/app.aot. Without
# one, the app records what it loads and compiles and writes the cache when it stops (a training
# run: stopping takes some seconds more); with one, it starts from it (about a third less CPU to
# ready). On by default for './pilotage up' (instance run), off for tests and benchmarks unless
# PILOTAGE_APP_AOT=1. A cache the JVM finds stale (another JDK, other flags) is ignored with a
# warning in the app's log; a rebuild of the app removes it.
app_aot_enabled() { [[ ${PILOTAGE_APP_AOT:-$([[ $INSTANCE == run ]] && echo 1 || echo 0)} == 1 ]]; }
app_aot_file() { echo "$(dirname "$(app_jar "$1")")/app.aot"; }
app_aot_opts() {
  app_aot_enabled || return 0
  local aot; aot=$(app_aot_file "$1")
  if [[ -f $aot && $aot -nt $(app_jar "$1") ]]; then
    echo "-XX:AOTCache=$aot"
  else
    rm -f "$aot"
    echo "-XX:AOTCacheOutput=$aot"
  fi
}
is_app() { local a; for a in "${APPS[@]}"; do [[ $a == "$1" ]] && return 0; done; return 1; }

apps_missing_jars() { # prints the apps whose jar is missing
  local a
  for a in "${APPS[@]}"; do [[ -f $(app_jar "$a") ]] || echo "$a"; done
}

apps_stale_jars() { # prints the apps whose jar is older than their sources (or the contracts', the POMs)
  local a jar mod
  for a in "${APPS[@]}"; do
    jar=$(app_jar "$a"); [[ -f $jar ]] || continue
    mod=$PILOTAGE_ROOT/$(app_module "$a")
    if [[ -n $(find "$mod/src/main" "$mod/pom.xml" "$PILOTAGE_ROOT/services/contracts/src/main" \
                 "$PILOTAGE_ROOT/pom.xml" -newer "$jar" -print -quit 2>/dev/null) ]]; then
      printf '%s ' "$a"
    fi
  done
}

apps_build() {
  log "building the applications: ./mvnw -B -q package -DskipTests ..."
  local t0; t0=$(now_s)
  mvnw -B -q package -DskipTests || die "build failed"
  ok "build done in $(( $(now_s) - t0 )) s"
}

# apps_up [app...]: start the given apps (default: all) and wait until each is ready.
apps_up() {
  local -a apps=("$@") a
  (( ${#apps[@]} )) || apps=("${APPS[@]}")
  for a in "${apps[@]}"; do is_app "$a" || die "unknown app '$a' (apps: ${APPS[*]})"; done

  [[ -r $ENV_FILE ]] || die "no env file $ENV_FILE: run 'infra-up' first (PILOTAGE_INSTANCE=$INSTANCE)"
  load_env_file
  local infra
  for infra in kafka postgres keycloak; do
    is_running "$infra" || die "$infra is not running for instance $INSTANCE: run 'infra-up' first"
  done

  # ports of every app (all of them: the gateway needs the URLs of the others), then the env
  # file, so each app sees everything in it
  local var port
  local -a kv=()
  for a in "${APPS[@]}"; do
    var=$(app_var "$a")
    resolve_port "${var}_PORT" "$(app_default_port "$a")" "$a"
    port=$(app_port "$a")
    kv+=("${var}_PORT=$port" "${var}_URL=http://127.0.0.1:$port")
    resolve_port "${var}_MANAGEMENT_PORT" "$(app_default_management_port "$a")" "$a"
    kv+=("${var}_MANAGEMENT_PORT=$(app_management_port "$a")")
  done
  env_set "${kv[@]}"
  load_env_file

  local -a started=()
  local jar work opts dbuser
  for a in "${apps[@]}"; do
    var=$(app_var "$a"); port=$(app_port "$a")
    if is_running "$a"; then
      log "$a already running (pid $(read_pid "$a")) on http://127.0.0.1:$port"
      continue
    fi
    jar=$(app_jar "$a")
    [[ -f $jar ]] || die "$jar not found: build first (./mvnw -B package -DskipTests, or ./pilotage up)"
    require_port_free "$port" "$a" "${var}_PORT"
    require_port_free "$(app_management_port "$a")" "$a management" "${var}_MANAGEMENT_PORT"
    work=$INST_DIR/work/$a; mkdir -p "$work"
    dbuser=$(app_db_user "$a")
    # shellcheck disable=SC2206
    opts=(${PILOTAGE_APP_JAVA_OPTS:--Xms64m -Xmx160m -XX:+UseSerialGC})
    # ingestion allocates a few KiB per event (bodies, parsed trees, encoded records), nearly all of it
    # short-lived: a young generation of half the heap (default: a third) halves its collections
    # (measured +10 % events/s on batches); its container image sets the same (services/ingestion/pom.xml)
    [[ $a == ingestion ]] && opts+=(-XX:NewRatio=1)
    local aot; aot=$(app_aot_opts "$a")
    rm -f "$work/aot-training"
    case $aot in
      -XX:AOTCacheOutput=*) opts+=("$aot"); : > "$work/aot-training"
        log "starting $a on http://127.0.0.1:$port (training run: its AOT cache is written when it stops)" ;;
      -XX:AOTCache=*) opts+=("$aot"); log "starting $a on http://127.0.0.1:$port (from its AOT cache)" ;;
      *) log "starting $a on http://127.0.0.1:$port" ;;
    esac
    (
      export QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1
      export QUARKUS_MANAGEMENT_PORT=$(app_management_port "$a") QUARKUS_MANAGEMENT_HOST=127.0.0.1
      # its confidential Keycloak client (dev secret, see infra/keycloak/realm-dev-overlay.json)
      export PILOTAGE_OIDC_CLIENT_ID=pilotage-$a PILOTAGE_OIDC_CLIENT_SECRET=pilotage-$a-dev-secret
      SPAWN_KEEP_SECRETS="PILOTAGE_OIDC_CLIENT_SECRET $(app_secret_vars "$a")"
      if [[ -n $dbuser ]]; then
        local pwvar; pwvar=$(pg_role_password_var "$dbuser")
        export PILOTAGE_DB_USER=$dbuser PILOTAGE_DB_PASSWORD=${!pwvar}
        SPAWN_KEEP_SECRETS+=" PILOTAGE_DB_PASSWORD"
      else
        unset PILOTAGE_DB_USER PILOTAGE_DB_PASSWORD
      fi
      export SPAWN_KEEP_SECRETS
      # cwd = an empty per-app directory: Quarkus reads ./config/application.properties and ./.env
      spawn "$a" "$LOG_DIR/$a.log" "$work" "$JAVA" "${opts[@]}" "-Dpilotage.app=$INSTANCE/$a" -jar "$jar"
    )
    started+=("$a")
  done
  (( ${#started[@]} )) || return 0
  apps_wait_ready "${started[@]}"
}

apps_wait_ready() {
  local timeout=${PILOTAGE_APP_READY_TIMEOUT:-120} t0 a port code pid
  t0=$(now_s)
  local -a pending=("$@") still
  while (( ${#pending[@]} )); do
    still=()
    for a in "${pending[@]}"; do
      port=$(app_port "$a")
      code=$(http_status "http://127.0.0.1:$port/q/health/ready")
      if [[ $code == 200 ]]; then
        ok "$a ready on http://127.0.0.1:$port ($(( $(now_s) - t0 )) s)"
        continue
      fi
      pid=$(read_pid "$a")
      if ! pid_alive "$pid"; then
        echo "----- last lines of $LOG_DIR/$a.log -----" >&2
        tail -n 60 "$LOG_DIR/$a.log" >&2 || true
        die "$a exited during start-up (whatever else runs keeps running: './pilotage down' or 'apps-down' stops it)"
      fi
      if (( $(now_s) - t0 > timeout )); then
        echo "----- last lines of $LOG_DIR/$a.log -----" >&2
        tail -n 60 "$LOG_DIR/$a.log" >&2 || true
        die "$a not ready after ${timeout} s (http://127.0.0.1:$port/q/health/ready answered $code; './pilotage down' or 'apps-down' stops what runs)"
      fi
      still+=("$a")
    done
    pending=("${still[@]}")
    (( ${#pending[@]} )) && sleep 0.5
  done
  return 0
}

# apps_down [app...]
apps_down() {
  local -a apps=("$@") a
  (( ${#apps[@]} )) || apps=("${APPS[@]}")
  for a in "${apps[@]}"; do is_app "$a" || die "unknown app '$a' (apps: ${APPS[*]})"; done
  # an app on a training run writes its AOT cache as it stops: give it the time to
  local timeout=${PILOTAGE_STOP_TIMEOUT:-20}
  for a in "${apps[@]}"; do
    if [[ -f $INST_DIR/work/$a/aot-training ]] && is_running "$a"; then
      (( timeout < 180 )) && timeout=180
      log "$a writes its AOT cache as it stops (can take up to a minute)"
    fi
  done
  stop_procs "$timeout" "${apps[@]}"
  for a in "${apps[@]}"; do rm -f "$INST_DIR/work/$a/aot-training"; done
}
