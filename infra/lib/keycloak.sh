# shellcheck shell=bash
# Keycloak 26 in dev mode (H2 dev-file database) with the `pilotage` realm imported at start.
# The realm imported is infra/keycloak/realm-base.json (what a production import uses) merged
# with infra/keycloak/realm-dev-overlay.json (demo users, dev secrets, password grant) by
# MergeRealm.java; `${VAR}` placeholders are resolved by Keycloak from its environment.
#
# The distribution is unpacked and built once in .pilotage/cache/keycloak-<v>/ (install.sh).
# Each instance runs it from its own "home" .pilotage/<instance>/keycloak/:
#   bin/, conf/   copies (kc.sh derives kc.home.dir from its own location)
#   lib, providers, themes -> symlinks to the cached, already built, distribution
#   data/         per instance: h2/ (the database), import/ (realm JSON), tmp/
# so instances never share a database, and no instance triggers a rebuild.

REALM_BASE_JSON=$PILOTAGE_ROOT/infra/keycloak/realm-base.json
REALM_DEV_OVERLAY_JSON=$PILOTAGE_ROOT/infra/keycloak/realm-dev-overlay.json

keycloak_home() { echo "$INST_DIR/keycloak"; }

keycloak_prepare_home() {
  local home d; home=$(keycloak_home)
  mkdir -p "$home/data/import"
  rm -rf "${home:?}/bin" "${home:?}/conf"
  cp -R "$KEYCLOAK_DIST/bin" "$KEYCLOAK_DIST/conf" "$home/"
  for d in lib providers themes; do
    ln -sfn "$KEYCLOAK_DIST/$d" "$home/$d"
  done
  cp -f "$KEYCLOAK_DIST/version.txt" "$home/" 2>/dev/null || true
  rm -f "$home/data/import/"*.json
  "$JAVA" "$PILOTAGE_ROOT/infra/keycloak/MergeRealm.java" "$REALM_BASE_JSON" "$REALM_DEV_OVERLAY_JSON" \
    "$home/data/import/pilotage-realm.json" || die "could not merge the realm files (infra/keycloak/*.json)"
  # --import-realm skips a realm that already exists: when the realm files (or the values of
  # their placeholders) changed since this database was created, start from a fresh database
  local sum; sum=$( { cat "$REALM_BASE_JSON" "$REALM_DEV_OVERLAY_JSON"; echo "$PILOTAGE_PUBLIC_URL $PILOTAGE_GATEWAY_PORT"; } | cksum | cut -d' ' -f1)
  if [[ -d $home/data/h2 && ${KEYCLOAK_NEW_ADMIN_PASSWORD:-0} == 1 ]]; then
    # the master admin is created with a fresh database only: a new password needs one
    log "new Keycloak admin password: re-creating the Keycloak database of instance $INSTANCE"
    rm -rf "${home:?}/data/h2"
  elif [[ -d $home/data/h2 && $(cat "$home/data/.realm-cksum" 2>/dev/null || true) != "$sum" ]]; then
    log "the realm files changed: re-creating the Keycloak database of instance $INSTANCE"
    rm -rf "${home:?}/data/h2"
  fi
  echo "$sum" > "$home/data/.realm-cksum"
}

keycloak_start() {
  if is_running keycloak; then
    log "keycloak already running (pid $(read_pid keycloak)) on $PILOTAGE_KEYCLOAK_URL"
    return 0
  fi
  require_port_free "$PILOTAGE_KEYCLOAK_PORT" "Keycloak HTTP" PILOTAGE_KEYCLOAK_PORT
  require_port_free "$PILOTAGE_KEYCLOAK_MANAGEMENT_PORT" "Keycloak management" PILOTAGE_KEYCLOAK_MANAGEMENT_PORT
  keycloak_prepare_home
  local home; home=$(keycloak_home)
  if [[ -d $home/data/h2 ]]; then
    log "starting keycloak on $PILOTAGE_KEYCLOAK_URL (existing database, ~10-15 s)"
  else
    log "starting keycloak on $PILOTAGE_KEYCLOAK_URL (fresh database + realm import, ~30-40 s)"
  fi
  (
    # The bootstrap admin of the master realm is created only when the database is new.
    export KC_BOOTSTRAP_ADMIN_USERNAME=$PILOTAGE_KEYCLOAK_ADMIN
    export KC_BOOTSTRAP_ADMIN_PASSWORD=$PILOTAGE_KEYCLOAK_ADMIN_PASSWORD
    # placeholders of the realm files: the gateway's public URL (Swagger UI redirect, CORS origin)
    export PILOTAGE_PUBLIC_URL PILOTAGE_GATEWAY_PORT
    # of all the secrets, Keycloak gets its bootstrap admin password only (see spawn)
    export SPAWN_KEEP_SECRETS=KC_BOOTSTRAP_ADMIN_PASSWORD
    export JAVA_OPTS_KC_HEAP=${PILOTAGE_KEYCLOAK_HEAP:--Xms128m -Xmx512m}
    unset JAVA_OPTS JAVA_OPTS_APPEND KC_DB KC_DB_URL KC_HOSTNAME KC_HTTP_PORT
    # Throw-away instances (test, ...) start Keycloak with the C1 JIT only: 6-10 s faster
    # start-up (fresh database + realm import) on 2 busy cores; `run` keeps the full JIT.
    local extra
    if [[ $INSTANCE == run ]]; then extra=${PILOTAGE_KEYCLOAK_JAVA_OPTS:-}
    else extra=${PILOTAGE_KEYCLOAK_JAVA_OPTS--XX:TieredStopAtLevel=1}; fi
    if [[ -n $extra ]]; then export JAVA_OPTS_APPEND=$extra; fi
    spawn keycloak "$LOG_DIR/keycloak.log" "$home" \
      "$home/bin/kc.sh" start-dev "${KEYCLOAK_BUILD_OPTS[@]}" \
        --http-host=127.0.0.1 --http-port="$PILOTAGE_KEYCLOAK_PORT" \
        --http-management-port="$PILOTAGE_KEYCLOAK_MANAGEMENT_PORT" \
        --hostname="$PILOTAGE_KEYCLOAK_URL" --import-realm
  )
}

keycloak_ready_url() { echo "http://127.0.0.1:$PILOTAGE_KEYCLOAK_MANAGEMENT_PORT/health/ready"; }

keycloak_wait_ready() {
  local pid t0 deadline
  pid=$(read_pid keycloak); t0=$(now_s)
  deadline=$(( t0 + ${PILOTAGE_KEYCLOAK_TIMEOUT:-240} ))
  while [[ $(http_status "$(keycloak_ready_url)") != 200 ]]; do
    if ! pid_alive "$pid"; then
      tail -n 40 "$LOG_DIR/keycloak.log" >&2
      die "Keycloak exited during start-up (log: $LOG_DIR/keycloak.log)"
    fi
    if (( $(now_s) > deadline )); then
      tail -n 40 "$LOG_DIR/keycloak.log" >&2
      die "Keycloak not ready after ${PILOTAGE_KEYCLOAK_TIMEOUT:-240} s (log: $LOG_DIR/keycloak.log)"
    fi
    sleep 1
  done
  # the realm must answer too (import done)
  [[ $(http_status "http://127.0.0.1:$PILOTAGE_KEYCLOAK_PORT/realms/pilotage/.well-known/openid-configuration") == 200 ]] \
    || die "Keycloak is up but realm 'pilotage' is missing (delete $(keycloak_home)/data/h2 to re-import)"
  ok "keycloak ready on $PILOTAGE_KEYCLOAK_URL (realm pilotage)"
}

keycloak_stop() { stop_procs "${1:-30}" keycloak; }
