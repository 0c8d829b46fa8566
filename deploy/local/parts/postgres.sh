#!/usr/bin/env bash
# Pinfold local stack: PostgreSQL, our own cluster (never the system one), Debian's server binaries.
# It never stops or changes a cluster it did not create. Every login needs a password (scram-sha-256),
# over TCP (loopback only) and the local socket alike; the superuser's is random, kept in <data>.pgpass.
#
#   postgres.sh install   install Debian's postgresql package when no server binaries are found (root)
#   postgres.sh start     initdb once, start on PINFOLD_PG_HOST:PINFOLD_PG_PORT, create role and databases
#   postgres.sh stop      stop it (data survives)
#   postgres.sh status    print "postgres up url=… pid=…" (exit 0) or "postgres down" (exit 3)
#
# Environment: PINFOLD_PG_HOST [127.0.0.1], PINFOLD_PG_PORT [5432], PINFOLD_PG_USER [pinfold],
# PINFOLD_PG_PASSWORD [pinfold], PINFOLD_PG_DATABASES ["pinfold_pins pinfold_gc pinfold_takedowns"],
# PINFOLD_PG_DURABLE [1] (0 = fsync off, for throwaway test clusters), PINFOLD_PG_OS_USER [postgres]
# (the OS user the server runs as when we are root: initdb refuses root), PINFOLD_PG_START_TIMEOUT [60].
set -euo pipefail

# shellcheck disable=SC2034 # read by lib.sh
PF_PART=postgres
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

HOST=${PINFOLD_PG_HOST:-127.0.0.1}
PORT=${PINFOLD_PG_PORT:-5432}
DB_USER=${PINFOLD_PG_USER:-pinfold}
DB_PASSWORD=${PINFOLD_PG_PASSWORD:-pinfold}
DATABASES=${PINFOLD_PG_DATABASES-pinfold_pins pinfold_gc pinfold_takedowns}
DURABLE=${PINFOLD_PG_DURABLE:-1}
OS_USER=${PINFOLD_PG_OS_USER:-postgres}
START_TIMEOUT=${PINFOLD_PG_START_TIMEOUT:-60}

INSTALL_LOG=$(pf_log_file postgres-install)

usage() {
  echo "usage: $(basename "$0") install | start | stop | status" >&2
  exit 2
}

# Prints the directory holding initdb, pg_ctl, postgres and psql (newest Debian version first).
find_bin_dir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -V -r); do
    [[ -x "$dir/postgres" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && { echo "$dir"; return 0; }
  done
  if command -v pg_ctl >/dev/null; then
    dir=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
    [[ -x "$dir/postgres" && -x "$dir/initdb" ]] && { echo "$dir"; return 0; }
  fi
  return 1
}

cmd_install() {
  pf_state_dirs
  find_bin_dir >/dev/null && return 0
  [[ $EUID -eq 0 ]] || pf_fail "no PostgreSQL server binaries found; install Debian's 'postgresql' package (needs root)" "$INSTALL_LOG"
  pf_info "installing Debian's postgresql package (apt-get)"
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql; } \
    >>"$INSTALL_LOG" 2>&1 </dev/null; then
    pf_fail "apt-get could not install the postgresql package" "$INSTALL_LOG"
  fi
  find_bin_dir >/dev/null || pf_fail "postgresql was installed but no server binaries were found" "$INSTALL_LOG"
  # The package may create and start Debian's own cluster on 5432. It is not ours: it is left alone, and
  # `start` names the taken port instead (PINFOLD_PG_PORT picks another).
}

# Runs a command as the server's OS user when we are root (initdb and postgres refuse root).
as_server_user() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u "$OS_USER" -- "$@"
  else
    "$@"
  fi
}

# Where the cluster lives. Root runs the server as another OS user, which must be able to reach the
# folder; when a parent (e.g. /root) is closed to it, the cluster goes to /var/lib/pinfold instead.
choose_locations() {
  DATA=$(pf_data_dir postgres)
  SOCKET_DIR="$PINFOLD_STATE/run/pg"
  LOG=$(pf_log_file postgres)
  SUPERUSER_PGPASS="$DATA.pgpass"
  if [[ $EUID -eq 0 ]] && ! runuser -u "$OS_USER" -- test -x "$PINFOLD_STATE/data" 2>/dev/null; then
    local home
    home="/var/lib/pinfold/$(echo -n "$PINFOLD_STATE" | sha1sum | cut -c1-12)"
    mkdir -p "$home"
    chmod 755 /var/lib/pinfold "$home"
    DATA="$home/postgres"
    SOCKET_DIR="$home/run"
    LOG="$home/postgres.log"
    SUPERUSER_PGPASS="$DATA.pgpass"
    echo "$DATA" >"$PINFOLD_STATE/data/postgres.location"
  fi
}

ensure_os_user() {
  [[ $EUID -eq 0 ]] || return 0
  id "$OS_USER" >/dev/null 2>&1 && return 0
  useradd --system --no-create-home --shell /usr/sbin/nologin "$OS_USER" >>"$INSTALL_LOG" 2>&1 \
    || pf_fail "could not create the OS user '$OS_USER' that runs the server" "$INSTALL_LOG"
}

owned_dir() {
  mkdir -p "$1"
  [[ $EUID -eq 0 ]] && chown "$OS_USER:" "$1"
  chmod 700 "$1"
}

# The superuser's password, from its pgpass line ("*:*:*:postgres:<password>").
superuser_password() {
  local line
  line=$(head -n 1 "$SUPERUSER_PGPASS" 2>/dev/null) || return 1
  [[ -n "${line##*:}" ]] && echo "${line##*:}"
}

# A new random superuser password in the pgpass file (private to us: libpq ignores a readable one).
new_superuser_password() {
  local password
  password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  (umask 077 && echo "*:*:*:postgres:$password" >"$SUPERUSER_PGPASS")
  echo "$password"
}

init_once() {
  if [[ -f "$DATA/PG_VERSION" ]]; then
    superuser_password >/dev/null || set_superuser_password_offline
    return 0
  fi
  pf_info "initialising a new cluster in $DATA"
  owned_dir "$DATA"
  local pwfile status=0
  pwfile=$(mktemp)
  new_superuser_password >"$pwfile"
  [[ $EUID -eq 0 ]] && chown "$OS_USER:" "$pwfile"
  as_server_user "$BIN/initdb" -D "$DATA" -U postgres -E UTF8 --no-locale --pwfile="$pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 >>"$LOG" 2>&1 || status=$?
  rm -f "$pwfile"
  ((status == 0)) || pf_fail "initdb failed" "$LOG"
  echo "include_if_exists = 'pinfold.conf'" >>"$DATA/postgresql.conf"
}

# A cluster made before passwords were required has a superuser without one: set it in single-user
# mode (no listener, no login), before pg_hba.conf starts asking for it.
set_superuser_password_offline() {
  local password
  pf_info "giving the superuser of $DATA a password (the cluster predates password logins)"
  password=$(new_superuser_password)
  if ! as_server_user "$BIN/postgres" --single -D "$DATA" postgres >>"$LOG" 2>&1 \
    <<<"ALTER ROLE postgres PASSWORD '$password';"; then
    rm -f "$SUPERUSER_PGPASS"
    pf_fail "could not set the superuser password of $DATA in single-user mode" "$LOG"
  fi
}

write_settings() {
  local durability=""
  if [[ "$DURABLE" == 0 ]]; then
    durability=$'fsync = off\nsynchronous_commit = off\nfull_page_writes = off'
  fi
  cat >"$DATA/pinfold.conf" <<EOF
# Written by deploy/local/parts/postgres.sh at every start.
listen_addresses = '$HOST'
port = $PORT
unix_socket_directories = '$SOCKET_DIR'
unix_socket_permissions = 0700
max_connections = 200
password_encryption = scram-sha-256
$durability
EOF
  # Replaces whatever an older version wrote (it trusted the local socket): passwords everywhere.
  cat >"$DATA/pg_hba.conf" <<'EOF'
# Written by deploy/local/parts/postgres.sh at every start: every login needs its password.
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 scram-sha-256
host    all       all   127.0.0.1/32  scram-sha-256
host    all       all   ::1/128       scram-sha-256
EOF
  if [[ $EUID -eq 0 ]]; then chown "$OS_USER:" "$DATA/pinfold.conf" "$DATA/pg_hba.conf"; fi
  return 0
}

# The cluster listens on loopback only: Pinfold's local stack is not a database server for the network.
require_loopback_host() {
  case "$HOST" in
    127.* | localhost | ::1) ;;
    *) pf_fail "PINFOLD_PG_HOST: '$HOST' is not a loopback address; the local cluster listens on loopback only (name an existing server to use one elsewhere)" ;;
  esac
}

# Creates (or updates) the login role and the databases; safe to run at every start.
provision() {
  local db sql
  for db in $DATABASES; do
    [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || pf_fail "PINFOLD_PG_DATABASES: '$db' is not a plain database name (a-z, 0-9, _)" "$LOG"
  done
  sql=$(
    cat <<'EOF'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'pass')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'pass') \gexec
EOF
  )
  for db in $DATABASES; do
    sql+=$'\n'"SELECT format('CREATE DATABASE %I OWNER %I', '$db', :'user') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$db') \\gexec"
  done
  if ! PGPASSFILE=$SUPERUSER_PGPASS "$BIN/psql" -X -q -w -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$PORT" -U postgres -d postgres \
    -v user="$DB_USER" -v pass="$DB_PASSWORD" >>"$LOG" 2>&1 <<<"$sql"; then
    pf_fail "could not create the role '$DB_USER' or the databases ($DATABASES)" "$LOG"
  fi
}

cmd_start() {
  require_loopback_host
  cmd_install
  BIN=$(find_bin_dir)
  ensure_os_user
  choose_locations
  local pid
  if pid=$(pf_pid postgres); then
    provision
    pf_info "already running (pid $pid) on $HOST:$PORT"
    return 0
  fi
  pf_require_free_port "$HOST" "$PORT" "PostgreSQL, PINFOLD_PG_PORT; Pinfold never stops a server it did not start" "$LOG"
  owned_dir "$SOCKET_DIR"
  touch "$LOG"
  [[ $EUID -eq 0 ]] && chown "$OS_USER:" "$LOG"
  init_once
  write_settings

  pf_info "starting on $HOST:$PORT"
  if ! as_server_user "$BIN/pg_ctl" start -D "$DATA" -l "$LOG" -w -t "$START_TIMEOUT" >/dev/null 2>>"$LOG"; then
    as_server_user "$BIN/pg_ctl" stop -D "$DATA" -m immediate >/dev/null 2>&1 || true
    pf_fail "the server did not start within ${START_TIMEOUT}s" "$LOG"
  fi
  # The data folder is on the postmaster's command line (-D): it tells our cluster from any other.
  pf_record_pid postgres "$(head -1 "$DATA/postmaster.pid")" "$DATA"
  "$BIN/pg_isready" -q -h "$HOST" -p "$PORT" -t 10 || pf_fail "the server runs but does not accept TCP connections on $HOST:$PORT" "$LOG"
  provision
  pf_info "ready on $HOST:$PORT (databases: ${DATABASES:-none})"
  pf_watch_owner postgres "$PF_ROOT/deploy/local/parts/postgres.sh" stop
}

cmd_stop() {
  pf_pid postgres >/dev/null || return 0
  BIN=$(find_bin_dir) || pf_fail "no PostgreSQL server binaries found to stop the server with"
  choose_locations
  pf_info "stopping"
  if ! as_server_user "$BIN/pg_ctl" stop -D "$DATA" -m fast -w -t 60 >/dev/null 2>>"$LOG"; then
    pf_terminate postgres 30
  fi
  rm -f "$(pf_pid_file postgres)"
}

cmd_status() {
  pf_status_line postgres "url=postgresql://$HOST:$PORT"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) usage ;;
esac
