# shellcheck shell=bash
# Common helpers of the ./pilotage harness: logging, Java discovery, instance layout, pid files,
# process spawning and stopping, ports, HTTP probes and the instance env file.
# Sourced by ./pilotage (which sets PILOTAGE_ROOT and `set -euo pipefail`).

# ---------------------------------------------------------------------------------------------
# Versions of the infrastructure (keep in sync with infra/pom.xml and the root pom.xml)
# ---------------------------------------------------------------------------------------------
KAFKA_VERSION=4.1.2
KEYCLOAK_VERSION=26.7.3

# ---------------------------------------------------------------------------------------------
# Logging
# ---------------------------------------------------------------------------------------------
# Progress goes to stderr so that stdout stays machine-readable (e.g. `./pilotage env`).
if [[ -t 2 && -z ${NO_COLOR:-} ]]; then
  _C_DIM=$'\e[2m' _C_RED=$'\e[31m' _C_YEL=$'\e[33m' _C_GRN=$'\e[32m' _C_OFF=$'\e[0m'
else
  _C_DIM='' _C_RED='' _C_YEL='' _C_GRN='' _C_OFF=''
fi

log()  { printf '%s[pilotage:%s]%s %s\n' "$_C_DIM" "${INSTANCE:-?}" "$_C_OFF" "$*" >&2; }
ok()   { printf '%s[pilotage:%s]%s %s%s%s\n' "$_C_DIM" "${INSTANCE:-?}" "$_C_OFF" "$_C_GRN" "$*" "$_C_OFF" >&2; }
warn() { printf '%s[pilotage:%s]%s %sWARNING:%s %s\n' "$_C_DIM" "${INSTANCE:-?}" "$_C_OFF" "$_C_YEL" "$_C_OFF" "$*" >&2; }
die()  { printf '%s[pilotage:%s]%s %sERROR:%s %s\n' "$_C_DIM" "${INSTANCE:-?}" "$_C_OFF" "$_C_RED" "$_C_OFF" "$*" >&2; exit 1; }

is_root() { [[ $(id -u) -eq 0 ]]; }
now_s() { date +%s; }

# ---------------------------------------------------------------------------------------------
# Instance layout
# ---------------------------------------------------------------------------------------------
# .pilotage/cache/                     downloads (shared by every instance)
# .pilotage/<instance>/env             `export VAR=value` lines (ports, URLs, PG password)
# .pilotage/<instance>/logs/<name>.log one log per process
# .pilotage/<instance>/pids/<name>.pid one pid file per process we started
# .pilotage/<instance>/{kafka,pg,keycloak,work}/ data
init_instance() {
  INSTANCE=${PILOTAGE_INSTANCE:-run}
  [[ $INSTANCE =~ ^[A-Za-z0-9_-]+$ ]] || die "PILOTAGE_INSTANCE must match [A-Za-z0-9_-]+ (got '$INSTANCE')"
  PILOTAGE_HOME_DIR=${PILOTAGE_HOME_DIR:-$PILOTAGE_ROOT/.pilotage}
  CACHE_DIR=${PILOTAGE_CACHE_DIR:-$PILOTAGE_HOME_DIR/cache}
  INST_DIR=$PILOTAGE_HOME_DIR/$INSTANCE
  LOG_DIR=$INST_DIR/logs
  PID_DIR=$INST_DIR/pids
  ENV_FILE=$INST_DIR/env
  KAFKA_HOME_DIR=$CACHE_DIR/kafka-$KAFKA_VERSION
  KAFKA_LIB=$KAFKA_HOME_DIR/lib
  KEYCLOAK_DIST=$CACHE_DIR/keycloak-$KEYCLOAK_VERSION
}

ensure_instance_dirs() {
  mkdir -p "$LOG_DIR" "$PID_DIR"
}

# ---------------------------------------------------------------------------------------------
# Java 25
# ---------------------------------------------------------------------------------------------
java_major() { # <java home> -> major version (0 if unknown)
  local home=$1 v=''
  if [[ -r $home/release ]]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release")
  fi
  if [[ -z $v ]]; then
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
          | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n1) || true
  fi
  echo "${v:-0}"
}

find_java() {
  local c
  if [[ -n ${JAVA_HOME:-} && -x ${JAVA_HOME}/bin/java ]] && (( $(java_major "$JAVA_HOME") >= 25 )); then
    :
  else
    JAVA_HOME=''
    for c in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* /opt/java/*25*; do
      if [[ -x $c/bin/java ]] && (( $(java_major "$c") >= 25 )); then JAVA_HOME=$c; break; fi
    done
    [[ -n $JAVA_HOME ]] || die "No JDK 25 found (looked at \$JAVA_HOME, /usr/lib/jvm/temurin-25*, /usr/lib/jvm/*25*, /opt/java/*25*).
  Install a JDK 25 (e.g. Eclipse Temurin 25: https://adoptium.net, or apt package temurin-25-jdk
  from packages.adoptium.net) and/or point JAVA_HOME at it."
  fi
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
  JAVA="$JAVA_HOME/bin/java"
}

# ---------------------------------------------------------------------------------------------
# Pid files and processes
# ---------------------------------------------------------------------------------------------
pid_file() { echo "$PID_DIR/$1.pid"; }

read_pid() { # <name> -> pid or nothing
  local f; f=$(pid_file "$1")
  if [[ -s $f ]]; then tr -dc '0-9' < "$f"; fi
}

# A string that must appear in the command line of process <name> of this instance; protects
# against pid reuse (we never signal a process whose command line does not carry it).
proc_marker() {
  case $1 in
    kafka)    echo "$INST_DIR/kafka/server.properties" ;;
    postgres) echo "$(pg_home)/data" ;;
    keycloak) echo "$INST_DIR/keycloak/bin" ;;
    *)        echo "-Dpilotage.app=$INSTANCE/$1 " ;;   # trailing space: whole-word match
  esac
}

# alive = exists and is not a zombie (an exited child of a pid 1 that reaps slowly)
pid_alive() {
  [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null || return 1
  local st; st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || true
  [[ $st != Z ]]
}

pid_matches() { # <pid> <marker>
  [[ -r /proc/$1/cmdline ]] || return 1
  tr '\0' ' ' < "/proc/$1/cmdline" | grep -qF -- "$2"
}

# 0 when the pid file of <name> points at a live process of ours; a stale pid file is removed.
is_running() {
  local name=$1 pid
  pid=$(read_pid "$name")
  [[ -n $pid ]] || return 1
  if pid_alive "$pid" && pid_matches "$pid" "$(proc_marker "$name")"; then
    return 0
  fi
  rm -f "$(pid_file "$name")"
  return 1
}

# Names of the exported variables that hold a secret (passwords, keys, tokens, client secrets).
is_secret_var() { [[ $1 =~ (PASSWORD|SECRET|TOKEN|_KEY)($|_) || $1 == PGPASSWORD ]]; }

# secrets_scrubbed <array var>: sets it to an `env -u VAR...` prefix that removes every secret
# variable but those named in $SPAWN_KEEP_SECRETS.
secrets_scrubbed() {
  local -n __out=$1
  local v keep=" ${SPAWN_KEEP_SECRETS:-} "
  __out=(env)
  for v in $(compgen -e); do
    if is_secret_var "$v" && [[ $keep != *" $v "* ]]; then __out+=(-u "$v"); fi
  done
}

# Start a detached process (own session and process group) whose pid file is written by the
# process itself just before exec, so the pid file always holds the real pid.
# The process gets no secret from the environment but those named in $SPAWN_KEEP_SECRETS
# (space-separated variable names): each process receives only its own secrets.
# usage: spawn <name> <log file> <workdir> <command...>
spawn() {
  local name=$1 logf=$2 wd=$3; shift 3
  local -a scrub; secrets_scrubbed scrub
  set -- "${scrub[@]}" "$@"
  local pf; pf=$(pid_file "$name")
  rm -f "$pf"
  if [[ -s $logf ]]; then mv -f "$logf" "$logf.1"; fi
  printf '=== %s: starting %s (instance %s)\n' "$(date -Is)" "$name" "$INSTANCE" > "$logf"
  if command -v setsid > /dev/null 2>&1; then
    # shellcheck disable=SC2016 # $$ and $@ belong to the inner bash
    ( cd "$wd" && setsid -f bash -c 'echo $$ > "$0"; exec "$@"' "$pf" "$@" < /dev/null >> "$logf" 2>&1 )
  else
    # shellcheck disable=SC2016
    ( cd "$wd" && nohup bash -c 'echo $$ > "$0"; exec "$@"' "$pf" "$@" < /dev/null >> "$logf" 2>&1 & )
  fi
  local i
  for i in $(seq 1 100); do
    [[ -s $pf ]] && return 0
    sleep 0.05
  done
  die "could not start $name (no pid file after 5 s); see $logf"
}

# Signal a process and, when it leads its own process group (spawn does that), the group.
signal_tree() { # <signal> <pid>
  local sig=$1 pid=$2 pgid
  pgid=$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ') || true
  if [[ -n $pgid && $pgid == "$pid" ]]; then
    kill "-$sig" -- "-$pid" 2>/dev/null || true
  else
    kill "-$sig" "$pid" 2>/dev/null || true
  fi
}

group_alive() { # <pid>: the process or any (non-zombie) member of its process group still exists
  pid_alive "$1" && return 0
  local p
  for p in $(ps -o pid= -g "$1" 2>/dev/null || true); do
    pid_alive "$p" && return 0
  done
  return 1
}

# Stop processes by name: SIGTERM to each (in parallel), wait up to <timeout> s, then SIGKILL
# whatever is left (including children in the process group). Removes the pid files.
# usage: stop_procs <timeout> <name...>
stop_procs() {
  local timeout=$1; shift
  local name pid
  local -a names=() pids=()
  for name in "$@"; do
    if is_running "$name"; then
      pid=$(read_pid "$name")
      names+=("$name"); pids+=("$pid")
      log "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
    else
      rm -f "$(pid_file "$name")"
    fi
  done
  (( ${#pids[@]} )) || return 0
  local deadline=$(( $(now_s) + timeout )) left i
  while :; do
    left=0
    for i in "${!pids[@]}"; do
      if pid_alive "${pids[$i]}"; then left=1; fi
    done
    (( left )) || break
    (( $(now_s) < deadline )) || break
    sleep 0.2
  done
  for i in "${!pids[@]}"; do
    pid=${pids[$i]}
    if group_alive "$pid"; then
      if pid_alive "$pid"; then
        warn "${names[$i]} (pid $pid) did not stop within ${timeout}s: SIGKILL"
      fi
      signal_tree KILL "$pid"
    fi
    rm -f "$(pid_file "${names[$i]}")"
  done
  # give the kernel a moment to reap what we killed
  for i in "${!pids[@]}"; do
    local n=0
    while group_alive "${pids[$i]}" && (( n++ < 25 )); do sleep 0.2; done
  done
}

rss_mb() { # <pid> -> RSS of the process and its children in MiB
  local pid=$1 kb=0 p r
  for p in $pid $(ps -o pid= --ppid "$pid" 2>/dev/null || true); do
    r=$(ps -o rss= -p "$p" 2>/dev/null | tr -dc '0-9' || true)
    kb=$(( kb + ${r:-0} ))
  done
  echo $(( kb / 1024 ))
}

# ---------------------------------------------------------------------------------------------
# Ports
# ---------------------------------------------------------------------------------------------
port_in_use() { # <port>: 0 when something accepts connections on 127.0.0.1:<port> or listens on it
  local p=$1
  if command -v ss > /dev/null 2>&1; then
    if [[ -n $(ss -Htln "sport = :$p" 2>/dev/null) ]]; then return 0; fi
  fi
  (exec 3<> "/dev/tcp/127.0.0.1/$p") 2>/dev/null
}

_ALLOCATED_PORTS=' '
# pick_free_port <var>: a free port in 20000-31999 (below the kernel's ephemeral range), never
# one already handed out by this invocation.
pick_free_port() {
  local __var=$1 p i
  for i in $(seq 1 500); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 12000 ))
    [[ $_ALLOCATED_PORTS == *" $p "* ]] && continue
    port_in_use "$p" && continue
    _ALLOCATED_PORTS+="$p "
    printf -v "$__var" '%s' "$p"
    return 0
  done
  die "could not find a free port on 127.0.0.1"
}

# resolve_port <VAR> <default> <process name>
# Sets VAR (and exports it) to the port to use:
#  - the process is already running: the port recorded in the env file;
#  - instance `run`: $VAR from the environment, else the default;
#  - other instances (e.g. `test`): the port recorded in the env file when it is free again,
#    else a free port. The inherited environment is ignored on purpose (a shell that sourced
#    the `run` env file must not make tests collide with the running stack).
resolve_port() {
  local var=$1 def=$2 proc=$3 cur val
  cur=$(env_get "$var")
  if [[ -n $cur ]] && is_running "$proc"; then
    val=$cur
  elif [[ $INSTANCE == run ]]; then
    val=${!var:-$def}
    [[ $val =~ ^[0-9]+$ ]] || die "$var must be a port number (got '$val')"
    _ALLOCATED_PORTS+="$val "
  elif [[ -n $cur && ( $_ALLOCATED_PORTS != *" $cur "* || ${!var:-} == "$cur" ) ]] && ! port_in_use "$cur"; then
    val=$cur
    _ALLOCATED_PORTS+="$val "
  else
    pick_free_port val
  fi
  printf -v "$var" '%s' "$val"
  export "${var?}"
}

require_port_free() { # <port> <what> <VAR>
  if port_in_use "$1"; then
    die "port $1 ($2) is already in use by a process this harness did not start (ours would have a pid file).
  Stop it, or choose another port: $3=<port> ./pilotage ..."
  fi
}

wait_port() { # <port> <timeout s> <pid>: 0 when the port accepts, 1 on timeout or process death
  local port=$1 deadline=$(( $(now_s) + $2 )) pid=${3:-}
  while (( $(now_s) < deadline )); do
    (exec 3<> "/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    if [[ -n $pid ]] && ! pid_alive "$pid"; then return 1; fi
    sleep 0.25
  done
  return 1
}

# ---------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------
http_status() { # <url> -> prints the HTTP status code (000 when unreachable)
  local url=$1
  if command -v curl > /dev/null 2>&1; then
    curl -s -o /dev/null -w '%{http_code}' --connect-timeout 2 --max-time 5 "$url" 2>/dev/null || true
    return 0
  fi
  # Fallback without curl: plain HTTP/1.0 over bash's /dev/tcp (only http://host:port/path)
  local rest=${url#http://} hostport path host port line
  hostport=${rest%%/*}; path=/${rest#*/}; host=${hostport%%:*}; port=${hostport##*:}
  [[ $host == localhost ]] && host=127.0.0.1
  if exec 3<> "/dev/tcp/$host/$port" 2>/dev/null; then
    printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$hostport" >&3
    IFS= read -r -t 5 line <&3 || line=''
    exec 3<&- 3>&-
    line=${line#* }; echo "${line:0:3}"
  else
    echo 000
  fi
}

# ---------------------------------------------------------------------------------------------
# Env file (.pilotage/<instance>/env): lines `export VAR=value`
# ---------------------------------------------------------------------------------------------
env_get() { # <VAR> -> value recorded in the env file, or nothing
  [[ -r $ENV_FILE ]] || return 0
  # shellcheck disable=SC1090
  ( set +u; . "$ENV_FILE" > /dev/null 2>&1; printf '%s' "${!1-}" )
}

# env_set VAR=value...: add or replace lines, atomically.
env_set() {
  mkdir -p "$INST_DIR"
  local tmp kv k
  tmp=$(mktemp "$INST_DIR/.env.XXXXXX")
  if [[ -r $ENV_FILE ]]; then cp "$ENV_FILE" "$tmp"; else
    printf '# Pilotage instance "%s": written by ./pilotage (infra-up, apps-up). Source it.\n' "$INSTANCE" > "$tmp"
  fi
  for kv in "$@"; do
    k=${kv%%=*}
    grep -v -E "^export $k=" "$tmp" > "$tmp.n" || true
    printf 'export %s=%q\n' "$k" "${kv#*=}" >> "$tmp.n"
    mv -f "$tmp.n" "$tmp"
  done
  chmod 600 "$tmp"
  mv -f "$tmp" "$ENV_FILE"
}

env_unset() { # VAR...
  [[ -r $ENV_FILE ]] || return 0
  local k tmp; tmp=$(mktemp "$INST_DIR/.env.XXXXXX")
  cp "$ENV_FILE" "$tmp"
  for k in "$@"; do
    grep -v -E "^export $k=" "$tmp" > "$tmp.n" || true
    mv -f "$tmp.n" "$tmp"
  done
  chmod 600 "$tmp"
  mv -f "$tmp" "$ENV_FILE"
}

load_env_file() {
  # shellcheck disable=SC1090
  [[ -r $ENV_FILE ]] && { set +u; . "$ENV_FILE"; set -u; }
  return 0
}

random_password() {
  if command -v openssl > /dev/null 2>&1; then
    openssl rand -hex 16
  else
    od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
  fi
}

# ---------------------------------------------------------------------------------------------
# Maven wrapper
# ---------------------------------------------------------------------------------------------
mvnw() {
  # Guice inside Maven 3.9 calls sun.misc.Unsafe: silence JDK 24+'s warning about it.
  local opts=${MAVEN_OPTS:-}
  [[ $opts == *sun-misc-unsafe-memory-access* ]] || opts="$opts --sun-misc-unsafe-memory-access=allow"
  ( cd "$PILOTAGE_ROOT" && MAVEN_OPTS=$opts ./mvnw "$@" )
}
