#!/usr/bin/env bash
# Manage the project's private PostgreSQL 15 cluster (not the system cluster):
# unix socket only, trust auth, role + database "grants".
# Usage: ops/pg.sh start|stop|status|env
#   GRANTS_PG_DIR  cluster directory (default <repo>/.run/pg; falls back to
#                  /var/lib/grants/<hash> if the postgres user cannot reach it)
#   GRANTS_PG_PORT port number of the socket (default 5439)
#   GRANTS_PG_EXTRA_CONF  a file of settings added on start (e.g. WAL
#                  archiving, ops/restore-drill.sh)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGBIN=/usr/lib/postgresql/15/bin
PORT="${GRANTS_PG_PORT:-5439}"
umask 022

die() {
  echo "pg: error: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 start|stop|status|env" >&2
  exit 2
}

(($# == 1)) || usage
cmd="$1"
case "$cmd" in start | stop | status | env) ;; *) usage ;; esac

((EUID == 0)) || die "must run as root (PostgreSQL is run as the postgres user via runuser)"
if ! id -u postgres >/dev/null 2>&1 || [[ ! -x "$PGBIN/pg_ctl" ]]; then
  die "PostgreSQL 15 is not installed (run ops/install-deps.sh)"
fi
[[ "$PORT" =~ ^[0-9]+$ ]] || die "GRANTS_PG_PORT must be a number, got '$PORT'"

# All paths below are absolute; run from / so the postgres user never trips over
# an unreadable working directory.
cd /

as_pg() { runuser -u postgres -- "$@"; }

# Pick the cluster directory; the postgres user must be able to traverse into it.
if [[ -n "${GRANTS_PG_DIR:-}" ]]; then
  mkdir -p "$GRANTS_PG_DIR"
  PG_DIR="$(cd "$GRANTS_PG_DIR" && pwd)"
  as_pg test -x "$PG_DIR" ||
    die "the postgres user cannot access GRANTS_PG_DIR=$PG_DIR (check the permissions of its parent directories)"
else
  PG_DIR="$ROOT/.run/pg"
  mkdir -p "$PG_DIR"
  # sun_path is limited to 107 bytes: leave room for "/socket/.s.PGSQL.<port>".
  if ! as_pg test -x "$PG_DIR" || ((${#PG_DIR} > 80)); then
    hash="$(printf '%s' "$ROOT" | sha256sum)"
    PG_DIR="/var/lib/grants/${hash:0:12}"
    mkdir -p "$PG_DIR"
    if [[ "$cmd" == start ]]; then
      echo "pg: note: the postgres user cannot use $ROOT/.run/pg; using $PG_DIR instead" >&2
    fi
  fi
fi
DATA="$PG_DIR/data"
SOCKET="$PG_DIR/socket"
LOGDIR="$PG_DIR/log"
LOGFILE="$LOGDIR/postgresql.log"

is_running() {
  [[ -f "$DATA/PG_VERSION" ]] && as_pg "$PGBIN/pg_ctl" status -D "$DATA" >/dev/null 2>&1
}

# conninfo_value V: quote V for a libpq connection string if needed.
conninfo_value() {
  local v="$1"
  if [[ "$v" =~ ^[A-Za-z0-9_./:-]+$ ]]; then
    printf '%s' "$v"
  else
    v="${v//\\/\\\\}"
    printf "'%s'" "${v//\'/\\\'}"
  fi
}

# pg_conf_value V: quote V as a postgresql.conf string.
pg_conf_value() { printf "'%s'" "${1//\'/\'\'}"; }

ensure_role_and_db() {
  as_pg "$PGBIN/psql" -X -q -A -t -h "$SOCKET" -p "$PORT" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
SELECT 'CREATE ROLE grants LOGIN CREATEDB'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'grants') \gexec
SELECT 'CREATE ROLE grants_writer NOLOGIN'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'grants_writer') \gexec
SELECT 'CREATE ROLE grantsd LOGIN IN ROLE grants_writer'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'grantsd') \gexec
SELECT 'CREATE DATABASE grants OWNER grants ENCODING ''UTF8'''
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'grants') \gexec
SQL
}

start() {
  mkdir -p "$DATA" "$SOCKET" "$LOGDIR"
  chown postgres:postgres "$DATA" "$SOCKET" "$LOGDIR"
  chmod 700 "$DATA" "$SOCKET" "$LOGDIR"

  if is_running; then
    echo "pg: already running (socket $SOCKET, port $PORT)"
    ensure_role_and_db
    return 0
  fi

  if [[ ! -f "$DATA/PG_VERSION" ]]; then
    if [[ -n "$(ls -A "$DATA")" ]]; then
      die "$DATA is not empty but holds no cluster; remove it and retry"
    fi
    echo "pg: initialising cluster in $DATA"
    if ! as_pg "$PGBIN/initdb" -D "$DATA" --auth=trust --username=postgres \
      --encoding=UTF8 --locale=C.UTF-8 >"$LOGDIR/initdb.log" 2>&1; then
      cat "$LOGDIR/initdb.log" >&2
      die "initdb failed"
    fi
    echo "include_if_exists = 'grants.conf'" >>"$DATA/postgresql.conf"
  fi

  # Rewritten on every start so GRANTS_PG_PORT / directory changes take effect.
  cat >"$DATA/grants.conf" <<CONF
# Written by ops/pg.sh on every start; edits are overwritten.
listen_addresses = ''
unix_socket_directories = $(pg_conf_value "$SOCKET")
unix_socket_permissions = 0700
port = $PORT
fsync = on
CONF
  if [[ -n "${GRANTS_PG_EXTRA_CONF:-}" ]]; then
    cat "$GRANTS_PG_EXTRA_CONF" >>"$DATA/grants.conf"
  fi
  chown postgres:postgres "$DATA/grants.conf"

  if ! as_pg "$PGBIN/pg_ctl" start -D "$DATA" -l "$LOGFILE" -w -t 60 -s; then
    echo "pg: last lines of $LOGFILE:" >&2
    tail -n 20 "$LOGFILE" >&2 || true
    die "PostgreSQL failed to start"
  fi
  ensure_role_and_db
  echo "pg: started (socket $SOCKET, port $PORT, log $LOGFILE)"
}

stop() {
  if ! is_running; then
    echo "pg: not running"
    return 0
  fi
  if ! as_pg "$PGBIN/pg_ctl" stop -D "$DATA" -m fast -w -t 60 -s; then
    is_running && die "PostgreSQL failed to stop (see $LOGFILE)"
  fi
  echo "pg: stopped"
}

status() {
  if is_running; then
    echo "running (socket $SOCKET, port $PORT, data $DATA)"
  else
    echo "stopped"
  fi
}

# GRANTS_DATABASE: the owner, who migrates; GRANTS_SERVE_DATABASE: grantsd's
# own login role, in grants_writer (migration 0017: it cannot rewrite the
# audit trail).
env_line() {
  local base conninfo
  base="host=$(conninfo_value "$SOCKET") port=$PORT dbname=grants"
  conninfo="$base user=grants"
  printf "GRANTS_DATABASE='%s'\n" "${conninfo//\'/\'\\\'\'}"
  conninfo="$base user=grantsd"
  printf "GRANTS_SERVE_DATABASE='%s'\n" "${conninfo//\'/\'\\\'\'}"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) env_line ;;
esac
