# shellcheck shell=bash
# The real receivers of alert notifications, for `up` (so a person sees what was sent) and for
# `test` (so tests assert on what was actually received):
#   greenmail       GreenMail standalone: an SMTP server + its REST API to read the mailboxes
#                   (com.icegreen:greenmail-standalone from Maven Central)
#   slack-receiver  WireMock standalone standing in for Slack incoming webhooks and any outgoing
#                   webhook: answers 200 "ok" to every POST by default and journals every request;
#                   tests add stubs (500 then 200, delays) and read the journal over its admin API
#                   (org.wiremock:wiremock-standalone from Maven Central)
# Both jars are copied into .pilotage/cache/receivers-<versions>/ once (infra/pom.xml,
# dependency:copy@receivers), run on loopback, with pid files in the instance's pid dir.
# Env file: PILOTAGE_SMTP_HOST, PILOTAGE_SMTP_PORT, PILOTAGE_MAIL_API_URL, PILOTAGE_SLACK_URL
# (the receiver's base URL; a webhook is any path under it, e.g. $PILOTAGE_SLACK_URL/services/T/B/X).

GREENMAIL_VERSION=2.1.3
WIREMOCK_VERSION=3.13.1
RECEIVER_PROCS=(greenmail slack-receiver)

receivers_dir() { echo "$CACHE_DIR/receivers-greenmail-$GREENMAIL_VERSION-wiremock-$WIREMOCK_VERSION"; }

_receivers_install() {
  local d; d=$(receivers_dir)
  [[ -f $d/.installed ]] && return 0
  log "downloading GreenMail $GREENMAIL_VERSION and WireMock $WIREMOCK_VERSION standalone jars from Maven Central (once) ..."
  rm -rf "$d"
  mvnw -B -q -f "$INFRA_POM" dependency:copy@receivers \
       -Dgreenmail.version="$GREENMAIL_VERSION" -Dwiremock.version="$WIREMOCK_VERSION" -Dreceivers.dir="$d" \
    || die "could not download the receivers (./mvnw -f infra/pom.xml dependency:copy@receivers)"
  [[ -s $d/greenmail-standalone.jar && -s $d/wiremock-standalone.jar ]] || die "receiver jars missing in $d"
  date -Is > "$d/.installed"
}
ensure_receivers() { with_cache_lock _receivers_install; }

# Ports and URLs into the env file (called by infra_configure's caller, after it).
receivers_configure() {
  resolve_port PILOTAGE_SMTP_PORT 2525 greenmail
  resolve_port PILOTAGE_MAIL_API_PORT 8025 greenmail
  resolve_port PILOTAGE_SLACK_PORT 8090 slack-receiver
  env_set \
    "PILOTAGE_SMTP_HOST=127.0.0.1" \
    "PILOTAGE_SMTP_PORT=$PILOTAGE_SMTP_PORT" \
    "PILOTAGE_MAIL_API_PORT=$PILOTAGE_MAIL_API_PORT" \
    "PILOTAGE_MAIL_API_URL=http://127.0.0.1:$PILOTAGE_MAIL_API_PORT" \
    "PILOTAGE_SLACK_PORT=$PILOTAGE_SLACK_PORT" \
    "PILOTAGE_SLACK_URL=http://127.0.0.1:$PILOTAGE_SLACK_PORT"
  load_env_file
}

RECEIVER_JAVA_OPTS=(-Xms16m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true)

receivers_start() {
  local d; d=$(receivers_dir)
  if is_running greenmail; then
    log "greenmail already running (pid $(read_pid greenmail)) on smtp 127.0.0.1:$PILOTAGE_SMTP_PORT"
  else
    require_port_free "$PILOTAGE_SMTP_PORT" "GreenMail SMTP" PILOTAGE_SMTP_PORT
    require_port_free "$PILOTAGE_MAIL_API_PORT" "GreenMail API" PILOTAGE_MAIL_API_PORT
    log "starting greenmail: smtp 127.0.0.1:$PILOTAGE_SMTP_PORT, API $PILOTAGE_MAIL_API_URL"
    mkdir -p "$INST_DIR/receivers"
    # auth disabled: any sender, any recipient gets a mailbox (readable through the API)
    spawn greenmail "$LOG_DIR/greenmail.log" "$INST_DIR/receivers" \
      "$JAVA" "${RECEIVER_JAVA_OPTS[@]}" "-Dpilotage.app=$INSTANCE/greenmail " \
        -Dgreenmail.smtp.hostname=127.0.0.1 "-Dgreenmail.smtp.port=$PILOTAGE_SMTP_PORT" \
        -Dgreenmail.api.hostname=127.0.0.1 "-Dgreenmail.api.port=$PILOTAGE_MAIL_API_PORT" \
        -Dgreenmail.auth.disabled -Dgreenmail.startup.timeout=30000 \
        -jar "$d/greenmail-standalone.jar"
  fi
  if is_running slack-receiver; then
    log "slack-receiver already running (pid $(read_pid slack-receiver)) on $PILOTAGE_SLACK_URL"
  else
    require_port_free "$PILOTAGE_SLACK_PORT" "Slack stand-in (WireMock)" PILOTAGE_SLACK_PORT
    local root=$INST_DIR/receivers/wiremock
    mkdir -p "$root/mappings" "$root/__files"
    # the default answer of a Slack incoming webhook: 200 "ok" (lowest priority: tests' stubs win)
    cat > "$root/mappings/default-ok.json" <<'EOF'
{ "priority": 10, "request": { "method": "POST", "urlPattern": "/.*" },
  "response": { "status": 200, "body": "ok", "headers": { "Content-Type": "text/plain" } } }
EOF
    log "starting slack-receiver (WireMock) on $PILOTAGE_SLACK_URL (requests: $PILOTAGE_SLACK_URL/__admin/requests)"
    spawn slack-receiver "$LOG_DIR/slack-receiver.log" "$root" \
      "$JAVA" "${RECEIVER_JAVA_OPTS[@]}" "-Dpilotage.app=$INSTANCE/slack-receiver " \
        -jar "$d/wiremock-standalone.jar" --bind-address 127.0.0.1 --port "$PILOTAGE_SLACK_PORT" \
        --root-dir "$root" --disable-banner --max-request-journal-entries 20000 \
        --container-threads 40 --async-response-enabled true
  fi
}

receivers_wait_ready() {
  local t0 deadline; t0=$(now_s); deadline=$(( t0 + 60 ))
  until [[ $(http_status "$PILOTAGE_MAIL_API_URL/api/service/readiness") == 200 ]]; do
    if (( $(now_s) > deadline )) || ! is_running greenmail; then
      tail -n 30 "$LOG_DIR/greenmail.log" >&2 || true
      die "GreenMail not ready (log: $LOG_DIR/greenmail.log)"
    fi
    sleep 0.25
  done
  until [[ $(http_status "$PILOTAGE_SLACK_URL/__admin/health") == 200 ]]; do
    if (( $(now_s) > deadline )) || ! is_running slack-receiver; then
      tail -n 30 "$LOG_DIR/slack-receiver.log" >&2 || true
      die "slack-receiver (WireMock) not ready (log: $LOG_DIR/slack-receiver.log)"
    fi
    sleep 0.25
  done
  ok "receivers ready: smtp 127.0.0.1:$PILOTAGE_SMTP_PORT (mail API $PILOTAGE_MAIL_API_URL), slack $PILOTAGE_SLACK_URL ($(( $(now_s) - t0 )) s)"
}

receivers_stop() { stop_procs "${1:-10}" "${RECEIVER_PROCS[@]}"; }
