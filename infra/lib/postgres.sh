# shellcheck shell=bash
# PostgreSQL: one fresh cluster per instance, run by a non-root OS user.
#
# Layout: .pilotage/<instance>/pg/          ("PG home", owned by the server's OS user)
#           data/                           PGDATA
#           socket/                         unix socket directory (-k), 0700
#           postgres.log                    server log (also linked as logs/postgres.log)
# As root the server runs as the `postgres` system user that Debian's package creates. When that
# user cannot traverse the path to .pilotage/<instance> (repository under /root, a 0700 home,
# ...), the PG home is created under $PILOTAGE_PG_FALLBACK_DIR (default /var/tmp/pilotage-pg)
# and .pilotage/<instance>/pg becomes a symlink to it. No permission of a parent directory is
# ever changed.

PG_SCHEMAS=(ingestion kpi_engine alerting governance)

# The env variable holding the password of a service's database role (kpi_engine ->
# PILOTAGE_PG_PASSWORD_KPI_ENGINE); the superuser's is PILOTAGE_PG_SUPERUSER_PASSWORD.
pg_role_password_var() { echo "PILOTAGE_PG_PASSWORD_${1^^}"; }
pg_role_password_vars() { local r; for r in "${PG_SCHEMAS[@]}"; do pg_role_password_var "$r"; done; }

pg_link() { echo "$INST_DIR/pg"; }
# the physical PG home: every path handed to the server's OS user must be resolved, because
# that user may not be able to traverse the path of the symlink itself
pg_home() {
  local l; l=$(pg_link)
  if [[ -L $l ]]; then readlink -f "$l"; else echo "$l"; fi
}

pg_os_user() { if is_root; then echo postgres; else id -un; fi; }

as_pg() { # run a command as the server's OS user, from / (the caller's cwd may be unreadable)
  if is_root; then
    ( cd / && runuser -u postgres -- "$@" )
  else
    ( cd / && "$@" )
  fi
}

_pg_prepare_home() {
  local home; home=$(pg_link)
  if [[ -L $home || -d $home ]]; then return 0; fi
  if is_root; then
    id postgres > /dev/null 2>&1 || die "user 'postgres' not found (it comes with the postgresql package)"
    # our own directories may be traversed by others (they hold nothing secret but the env
    # file, which is 0600): o+x on .pilotage and .pilotage/<instance> only
    chmod o+x "$PILOTAGE_HOME_DIR" "$INST_DIR" 2>/dev/null || true
    if ( cd / && runuser -u postgres -- test -x "$INST_DIR/." ) 2>/dev/null; then
      mkdir -p "$home"
    else
      local base=${PILOTAGE_PG_FALLBACK_DIR:-/var/tmp/pilotage-pg} h
      h=$(printf '%s' "$INST_DIR" | cksum | cut -d' ' -f1)
      mkdir -p "$base"; chmod 755 "$base"
      local target="$base/$INSTANCE-$h"
      rm -rf "$target"; mkdir -p "$target"
      ln -s "$target" "$home"
      log "postgres cannot reach $INST_DIR: cluster placed in $target (symlinked from $home)"
    fi
    chown postgres: "$(pg_home)"
  else
    mkdir -p "$home"
  fi
  chmod 700 "$(pg_home)"
}

# Where the unix socket goes: inside the PG home unless the path is too long for a socket
# (108 bytes); then no unix socket at all (everything uses TCP on 127.0.0.1).
pg_socket_dir() {
  local s; s="$(pg_home)/socket"
  if (( ${#s} + 20 < 100 )); then echo "$s"; else echo ''; fi
}

# A server of ours whose pid file was never written (the launcher was interrupted between
# `pg_ctl start` and writing it) is found by its postmaster.pid and adopted, so that `down`
# stops it and `up` does not trip over its port.
pg_adopt_orphan() {
  is_running postgres && return 0
  local data pid; data=$(pg_home)/data
  [[ -d $data ]] || return 0
  pid=$( (head -n1 "$data/postmaster.pid" || as_pg head -n1 "$data/postmaster.pid") 2>/dev/null | tr -dc '0-9') || true
  if [[ -n $pid ]] && pid_alive "$pid" && pid_matches "$pid" "$(proc_marker postgres)"; then
    log "adopting postgres (pid $pid) started by an interrupted run"
    echo "$pid" > "$(pid_file postgres)"
  fi
}

pg_start() {
  local home data sock
  pg_adopt_orphan
  if is_running postgres; then
    log "postgres already running (pid $(read_pid postgres)) on 127.0.0.1:$PILOTAGE_PG_PORT"
    return 0
  fi
  require_port_free "$PILOTAGE_PG_PORT" "PostgreSQL" PILOTAGE_PG_PORT
  _pg_prepare_home
  home=$(pg_home); data=$home/data
  # binaries matching an existing cluster, else the newest installed
  if [[ -f $data/PG_VERSION ]]; then
    PG_BIN=$(pg_bin_dir "$(cat "$data/PG_VERSION")") || die "no PostgreSQL binaries found"
  fi
  if [[ ! -f $data/PG_VERSION ]]; then
    # a half-initialised data directory (interrupted initdb) is useless: start over
    [[ -e $data ]] && as_pg rm -rf "$data"
    log "initdb (PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}')) in $data"
    local pwfile="$home/.pwfile"
    ( umask 077; printf '%s\n' "$PILOTAGE_PG_SUPERUSER_PASSWORD" > "$pwfile" )
    is_root && chown postgres: "$pwfile"
    as_pg "$PG_BIN/initdb" -D "$data" -U postgres --pwfile="$pwfile" -E UTF8 --no-locale \
          --auth-local=trust --auth-host=scram-sha-256 > "$LOG_DIR/postgres-initdb.log" 2>&1 \
      || { rm -f "$pwfile"; cat "$LOG_DIR/postgres-initdb.log" >&2; die "initdb failed"; }
    rm -f "$pwfile"
  fi
  # authentication: trust on the unix socket (only the server's OS user can reach it: the
  # socket dir is 0700), scram-sha-256 with a password over TCP for everybody
  cat > "$home/pg_hba.conf.new" <<'EOF'
# Written by ./pilotage
# TYPE  DATABASE  USER      ADDRESS        METHOD
local   all       postgres                 trust
host    all       all       127.0.0.1/32   scram-sha-256
EOF
  is_root && chown postgres: "$home/pg_hba.conf.new"
  as_pg cp "$home/pg_hba.conf.new" "$data/pg_hba.conf"
  rm -f "$home/pg_hba.conf.new"

  sock=$(pg_socket_dir)
  if [[ -n $sock ]]; then as_pg mkdir -p -m 700 "$sock"; fi
  local -a opts=(-c listen_addresses=127.0.0.1 -p "$PILOTAGE_PG_PORT" -c "unix_socket_directories='$sock'"
                 -c max_connections=200 -c password_encryption=scram-sha-256)
  if [[ $INSTANCE != run ]]; then
    # throw-away data: trade durability for speed (never for `run`)
    opts+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
  fi
  is_root && { touch "$home/postgres.log"; chown postgres: "$home/postgres.log"; }
  ln -sfn "$home/postgres.log" "$LOG_DIR/postgres.log"
  log "starting postgres on 127.0.0.1:$PILOTAGE_PG_PORT"
  local -a scrub; SPAWN_KEEP_SECRETS='' secrets_scrubbed scrub   # the server gets no secret of ours
  if ! as_pg "${scrub[@]}" "$PG_BIN/pg_ctl" -D "$data" -l "$home/postgres.log" -w -t 60 -o "${opts[*]}" start \
         > "$LOG_DIR/postgres-ctl.log" 2>&1; then
    cat "$LOG_DIR/postgres-ctl.log" >&2; tail -n 30 "$home/postgres.log" >&2 || true
    die "PostgreSQL did not start"
  fi
  local pid
  pid=$(head -n1 "$data/postmaster.pid" 2>/dev/null || as_pg head -n1 "$data/postmaster.pid")
  echo "$pid" > "$(pid_file postgres)"
  pg_setup
  ok "postgres ready on 127.0.0.1:$PILOTAGE_PG_PORT (pid $pid)"
}

pg_psql() { # <database>: run SQL from stdin as the superuser (socket when there is one, else TCP)
  local sock; sock=$(pg_socket_dir)
  if [[ -n $sock ]]; then
    as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$PILOTAGE_PG_PORT" -U postgres -d "$1"
  else
    PGPASSWORD=$PILOTAGE_PG_SUPERUSER_PASSWORD "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 \
      -p "$PILOTAGE_PG_PORT" -U postgres -d "$1"
  fi
}

# Database `pilotage`, and per service a LOGIN role + a schema it owns (role name = schema
# name), its own password ($PILOTAGE_PG_PASSWORD_<ROLE>), search_path = own schema, no access to
# the other schemas. The superuser's password is $PILOTAGE_PG_SUPERUSER_PASSWORD. Idempotent.
pg_setup() {
  local roles; roles=$(printf "'%s'," "${PG_SCHEMAS[@]}"); roles="ARRAY[${roles%,}]"
  local r var passwords=''
  for r in "${PG_SCHEMAS[@]}"; do
    var=$(pg_role_password_var "$r")
    passwords+="\\set pw '${!var}'"$'\n'"SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', '$r', :'pw') \\gexec"$'\n'
  done
  # the passwords travel on stdin, never on a command line
  pg_psql postgres > "$LOG_DIR/postgres-setup.log" 2>&1 <<EOF || { cat "$LOG_DIR/postgres-setup.log" >&2; die "PostgreSQL setup failed"; }
\\set pw '$PILOTAGE_PG_SUPERUSER_PASSWORD'
ALTER ROLE postgres PASSWORD :'pw';
SELECT 'CREATE DATABASE pilotage' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'pilotage') \\gexec
SELECT format('CREATE ROLE %I LOGIN', r) FROM unnest($roles) r
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) \\gexec
$passwords
SELECT format('ALTER ROLE %I SET search_path = %I', r, r) FROM unnest($roles) r \\gexec
REVOKE ALL ON DATABASE pilotage FROM PUBLIC;
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE pilotage TO %I', r) FROM unnest($roles) r \\gexec
\\c pilotage
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', r, r) FROM unnest($roles) r \\gexec
SELECT format('ALTER SCHEMA %I OWNER TO %I', r, r) FROM unnest($roles) r \\gexec
-- read-only reporting for BI tools: views the KPI engine keeps in schema kpi_reporting (docs/reporting.md)
SELECT 'CREATE ROLE kpi_reporting LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kpi_reporting') \\gexec
\\set pw '$PILOTAGE_PG_PASSWORD_KPI_REPORTING'
ALTER ROLE kpi_reporting WITH LOGIN PASSWORD :'pw';
ALTER ROLE kpi_reporting SET search_path = kpi_reporting;
ALTER ROLE kpi_reporting SET default_transaction_read_only = on;
GRANT CONNECT ON DATABASE pilotage TO kpi_reporting;
CREATE SCHEMA IF NOT EXISTS kpi_reporting AUTHORIZATION kpi_engine;
EOF
}

pg_stop() {
  local home data pid
  home=$(pg_home); data=$home/data
  pg_adopt_orphan
  pid=$(read_pid postgres)
  if ! is_running postgres; then
    # not started by us (or already stopped); nothing to do
    rm -f "$(pid_file postgres)"
    return 0
  fi
  log "stopping postgres (pid $pid)"
  local bin=${PG_BIN:-}
  [[ -n $bin ]] || bin=$(pg_bin_dir "$(cat "$data/PG_VERSION" 2>/dev/null || true)") || true
  if [[ -n $bin ]]; then
    as_pg "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop > /dev/null 2>&1 || true
  fi
  if pid_alive "$pid"; then
    warn "pg_ctl stop did not stop postgres: SIGINT (fast), then SIGQUIT, then SIGKILL"
    kill -INT "$pid" 2>/dev/null || true
    local n=0; while pid_alive "$pid" && (( n++ < 50 )); do sleep 0.2; done
    kill -QUIT "$pid" 2>/dev/null || true
    n=0; while pid_alive "$pid" && (( n++ < 25 )); do sleep 0.2; done
    if pid_alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$(pid_file postgres)"
}

# Remove the cluster of the instance, following the symlink to the fallback location.
pg_wipe() {
  local home; home=$(pg_link)
  if [[ -L $home ]]; then
    local target; target=$(readlink "$home")
    case $target in
      */pilotage-pg/*) rm -rf "$target" ;;
      *) warn "not removing unexpected PG home target $target" ;;
    esac
    rm -f "$home"
  else
    rm -rf "$home"
  fi
}
