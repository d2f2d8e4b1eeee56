# shellcheck shell=bash
# Installing what the harness runs, once: Kafka jars and the Keycloak distribution from Maven
# Central (through ./mvnw and infra/pom.xml, so ~/.m2 is reused), PostgreSQL from the OS
# package manager. Everything is guarded by marker files in .pilotage/cache: a second run
# downloads nothing.

INFRA_POM=$PILOTAGE_ROOT/infra/pom.xml

# Serialise installs between concurrent invocations (e.g. `up` and `test` started together).
with_cache_lock() {
  mkdir -p "$CACHE_DIR"
  if command -v flock > /dev/null 2>&1; then
    (
      flock -w 900 9 || die "timed out waiting for the cache lock $CACHE_DIR/.lock"
      "$@"
    ) 9> "$CACHE_DIR/.lock"
  else
    "$@"
  fi
}

# ---------------------------------------------------------------------------------------------
# Kafka: ~93 jars (broker, tools, slf4j-simple) in .pilotage/cache/kafka-<v>/lib
# ---------------------------------------------------------------------------------------------
_kafka_install() {
  [[ -f $KAFKA_HOME_DIR/.installed ]] && return 0
  log "downloading Kafka $KAFKA_VERSION jars from Maven Central (once) ..."
  rm -rf "$KAFKA_HOME_DIR"
  mvnw -B -q -f "$INFRA_POM" dependency:copy-dependencies@kafka-lib \
       -Dkafka.version="$KAFKA_VERSION" -Dpilotage.cache.dir="$CACHE_DIR" -Dkafka.lib.dir="$KAFKA_LIB" \
    || die "could not download Kafka (./mvnw -f infra/pom.xml dependency:copy-dependencies@kafka-lib)"
  [[ -n $(ls "$KAFKA_LIB"/kafka_2.13-"$KAFKA_VERSION".jar 2>/dev/null) ]] || die "Kafka jars missing in $KAFKA_LIB"
  date -Is > "$KAFKA_HOME_DIR/.installed"
}
ensure_kafka() { with_cache_lock _kafka_install; }

# ---------------------------------------------------------------------------------------------
# Keycloak: zip -> .pilotage/cache/keycloak-<v>/, then one "build" of the dev profile with our
# build-time options (health). Instances run it through a per-instance home (see keycloak.sh).
# ---------------------------------------------------------------------------------------------
# Build-time options of Keycloak: changing them re-runs the (20-30 s) build step once.
KEYCLOAK_BUILD_OPTS=(--health-enabled=true)

keycloak_build_marker() {
  local h
  h=$(printf '%s\n' "${KEYCLOAK_BUILD_OPTS[@]}" | cksum | cut -d' ' -f1)
  echo "$KEYCLOAK_DIST/.built-dev-$h"
}

_unzip_to() { # <zip> <dir>
  if command -v unzip > /dev/null 2>&1; then
    unzip -q -o "$1" -d "$2"
  else
    # JDK's jar tool: no permission bits, restored below
    ( cd "$2" && "$JAVA_HOME/bin/jar" xf "$1" )
  fi
}

_keycloak_unpack() {
  [[ -f $KEYCLOAK_DIST/.unpacked ]] && return 0
  local zip=$CACHE_DIR/keycloak-$KEYCLOAK_VERSION.zip
  if [[ ! -f $zip.ok ]]; then
    log "downloading Keycloak $KEYCLOAK_VERSION distribution (177 MB) from Maven Central (once) ..."
    rm -f "$zip"
    mvnw -B -q -f "$INFRA_POM" dependency:copy@keycloak-dist \
         -Dkeycloak.version="$KEYCLOAK_VERSION" -Dpilotage.cache.dir="$CACHE_DIR" \
      || die "could not download Keycloak (./mvnw -f infra/pom.xml dependency:copy@keycloak-dist)"
    [[ -s $zip ]] || die "Keycloak zip missing: $zip"
    touch "$zip.ok"
  fi
  log "unpacking Keycloak ..."
  rm -rf "$KEYCLOAK_DIST"
  _unzip_to "$zip" "$CACHE_DIR"
  [[ -f $KEYCLOAK_DIST/bin/kc.sh ]] || die "unexpected Keycloak zip layout (no $KEYCLOAK_DIST/bin/kc.sh)"
  chmod +x "$KEYCLOAK_DIST"/bin/*.sh
  touch "$KEYCLOAK_DIST/.pristine"
  date -Is > "$KEYCLOAK_DIST/.unpacked"
}
ensure_keycloak_dist() { with_cache_lock _keycloak_unpack; }

keycloak_needs_build() { [[ ! -f $(keycloak_build_marker) ]]; }

# `kc.sh build` only builds the prod profile and `start-dev` re-runs the build whenever the
# persisted options differ. To build the dev profile without starting a server, run
# `kc.sh start-dev` with JAVA pointing at a wrapper that lets the build run and turns the
# relaunch that follows it (exit code 10 -> exec java -Dkc.config.built=true ...) into exit 0.
_keycloak_build() {
  keycloak_needs_build || return 0
  local t0; t0=$(now_s)
  # start from the pristine image of the zip so that the build always happens (deterministic)
  if [[ ! -f $KEYCLOAK_DIST/.pristine ]]; then
    rm -f "$KEYCLOAK_DIST/.unpacked"
    _keycloak_unpack
  fi
  rm -f "$KEYCLOAK_DIST/.pristine"
  log "building the Keycloak dev image once (${KEYCLOAK_BUILD_OPTS[*]}), ~20-30 s ..."
  mkdir -p "$CACHE_DIR/logs"
  if ! ( cd "$KEYCLOAK_DIST" && exec timeout 900 env JAVA="$PILOTAGE_ROOT/infra/keycloak/build-only-java.sh" \
           PILOTAGE_REAL_JAVA="$JAVA_HOME/bin/java" \
           sh bin/kc.sh start-dev "${KEYCLOAK_BUILD_OPTS[@]}" ) > "$CACHE_DIR/logs/keycloak-build.log" 2>&1 < /dev/null; then
    tail -n 30 "$CACHE_DIR/logs/keycloak-build.log" >&2
    die "Keycloak build failed (log: $CACHE_DIR/logs/keycloak-build.log)"
  fi
  grep -q 'augmentation completed' "$CACHE_DIR/logs/keycloak-build.log" \
    || { tail -n 30 "$CACHE_DIR/logs/keycloak-build.log" >&2; die "Keycloak build did not run"; }
  rm -f "$KEYCLOAK_DIST"/.built-dev-*
  date -Is > "$(keycloak_build_marker)"
  log "Keycloak image built in $(( $(now_s) - t0 )) s"
}
keycloak_build() { with_cache_lock _keycloak_build; }

# ---------------------------------------------------------------------------------------------
# PostgreSQL: Debian/Ubuntu package (binaries in /usr/lib/postgresql/<major>/bin)
# ---------------------------------------------------------------------------------------------
pg_bin_dir() { # newest installed major, or the one matching an existing cluster (<PG_VERSION>)
  local want=${1:-} d
  if [[ -n $want && -x /usr/lib/postgresql/$want/bin/initdb ]]; then
    echo "/usr/lib/postgresql/$want/bin"; return 0
  fi
  [[ -n ${PILOTAGE_PG_BIN:-} && -x ${PILOTAGE_PG_BIN}/initdb ]] && { echo "$PILOTAGE_PG_BIN"; return 0; }
  # shellcheck disable=SC2012
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  [[ -n $d && -x $d/initdb ]] && { echo "$d"; return 0; }
  d=$(command -v initdb 2>/dev/null || true)
  [[ -n $d ]] && { dirname "$d"; return 0; }
  return 1
}

_apt_install_postgresql() {
  export DEBIAN_FRONTEND=noninteractive
  # Do not let the package create and start its own "main" cluster on port 5432: the harness
  # runs its own clusters. (Only written when postgresql-common was never installed.)
  if [[ ! -e /etc/postgresql-common/createcluster.conf ]]; then
    mkdir -p /etc/postgresql-common
    echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf
  fi
  apt-get update -q
  apt-get install -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    --no-install-recommends postgresql
}

ensure_postgres() {
  if PG_BIN=$(pg_bin_dir); then return 0; fi
  command -v apt-get > /dev/null 2>&1 \
    || die "PostgreSQL server binaries not found and no apt-get: install PostgreSQL (initdb, pg_ctl, psql) or set PILOTAGE_PG_BIN=<dir with initdb>"
  log "PostgreSQL not installed: apt-get install postgresql ..."
  if is_root; then
    _apt_install_postgresql > "$CACHE_DIR/apt-postgresql.log" 2>&1 \
      || { tail -n 20 "$CACHE_DIR/apt-postgresql.log" >&2; die "apt-get install postgresql failed"; }
  elif command -v sudo > /dev/null 2>&1 && sudo -n true 2>/dev/null; then
    # shellcheck disable=SC2024 # the log is ours, only apt-get needs root
    sudo -n bash -c "$(declare -f _apt_install_postgresql); _apt_install_postgresql" > "$CACHE_DIR/apt-postgresql.log" 2>&1 \
      || { tail -n 20 "$CACHE_DIR/apt-postgresql.log" >&2; die "sudo apt-get install postgresql failed"; }
  else
    die "PostgreSQL is not installed and this user cannot install it: run 'sudo apt-get install -y postgresql' (or as root) and retry"
  fi
  PG_BIN=$(pg_bin_dir) || die "PostgreSQL installed but no /usr/lib/postgresql/*/bin/initdb found"
}

# apt_install <what> <package...>: installs Debian packages as root, or through a password-less
# sudo, logging to the cache; dies naming the command to run by hand otherwise.
apt_install() {
  local what=$1; shift
  command -v apt-get > /dev/null 2>&1 || die "$what is missing and there is no apt-get: install $* and retry"
  log "$what not installed: apt-get install $* ..."
  local cmd="export DEBIAN_FRONTEND=noninteractive; apt-get update -q && apt-get install -y -q --no-install-recommends $*"
  local logf="$CACHE_DIR/apt-${1}.log"
  if is_root; then
    bash -c "$cmd" > "$logf" 2>&1 || { tail -n 20 "$logf" >&2; die "apt-get install $* failed"; }
  elif command -v sudo > /dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n bash -c "$cmd" > "$logf" 2>&1 || { tail -n 20 "$logf" >&2; die "sudo apt-get install $* failed"; }
  else
    die "$what is missing and this user cannot install it: run 'sudo apt-get install -y $*' and retry"
  fi
}

# `ps` (procps) finds process groups and children when stopping and in `status`.
ensure_procps() {
  command -v ps > /dev/null 2>&1 && return 0
  apt_install "'ps'" procps
}

# The console's browser tests drive Debian's Chromium headless through its ChromeDriver.
ensure_browser() {
  [[ -x ${PILOTAGE_CHROMIUM:-/usr/bin/chromium} && -x ${PILOTAGE_CHROMEDRIVER:-/usr/bin/chromedriver} ]] && return 0
  apt_install "Chromium (the console's browser tests)" chromium chromium-driver
  [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || die "chromium installed but /usr/bin/chromium or /usr/bin/chromedriver is missing"
}

# The demo's generator and the benchmarks' drivers are Python 3 scripts (standard library only).
ensure_python3() {
  command -v python3 > /dev/null 2>&1 && return 0
  apt_install "Python 3 (the demo and the benchmarks)" python3
}

ensure_installed() {
  mkdir -p "$CACHE_DIR"
  ensure_procps
  ensure_python3
  ensure_kafka
  ensure_postgres
  ensure_keycloak_dist
}
