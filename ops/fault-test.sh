#!/usr/bin/env bash
# The fault test: the production layout on loopback, under load, while its
# parts are killed.
#   etcd, and two PostgreSQL nodes run by Patroni (ops/production/patroni.yml,
#   synchronous replication, WAL archived by pgBackRest);
#   two grantsd and two portals behind HAProxy (ops/production/haproxy.cfg,
#   gRPC health checks);
#   64 grantees create and submit applications through HAProxy, retrying
#   with the same request (grants_bench --scenario load), and an officer
#   adds contributions to a fund with grantsctl, for at least 60 s;
#   meanwhile a grantsd is killed -9 and restarted every 3 s (20 times), and
#   once the PostgreSQL primary (Patroni and postgres, -9).
# Then it checks that every acknowledged submission is in the database
# exactly once, no application is duplicated, every acknowledged
# contribution is in the fund once and the fund's figures add up, the
# audit chain and the reach totals verify, and prints the throughput dip and
# the recovery time of each fault.
# Usage: bash ops/fault-test.sh [--kills N] [--interval S] [--clients N]
#                               [--min-seconds S (60)]
# Root only (PostgreSQL runs as the postgres user). Builds first unless
# GRANTS_SKIP_BUILD=1 (ctest sets it); GRANTS_BUILD_DIR as ops/build.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GRANTS_BUILD_DIR:-$ROOT/build}"
KILLS=20 INTERVAL=3 CLIENTS=64 MIN_SECONDS=60
while (($#)); do
  case "$1" in
    --min-seconds) MIN_SECONDS=$2; shift 2 ;;
    --kills) KILLS=$2; shift 2 ;;
    --interval) INTERVAL=$2; shift 2 ;;
    --clients) CLIENTS=$2; shift 2 ;;
    *) echo "usage: $0 [--kills N] [--interval S] [--clients N] [--min-seconds S]" >&2; exit 2 ;;
  esac
done
((EUID == 0)) || { echo "fault-test: must run as root" >&2; exit 1; }
# Its own cluster only: libpq settings from outside (pg_virtualenv's, under
# ctest) would override the passwords Patroni hands its tools.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGPASSWORD PGDATABASE PGSERVICE PGPASSFILE PGOPTIONS
if [[ "${GRANTS_SKIP_BUILD:-}" != 1 ]]; then
  bash "$ROOT/ops/build.sh" --target grantsd grants-portal grantsctl grants_bench >/dev/null
fi
GRANTSD="$BUILD/services/server/grantsd"
PORTAL="$BUILD/clients/portal/grants-portal"
CTL="$BUILD/clients/grantsctl/grantsctl"
BENCH="$BUILD/tools/bench/grants_bench"
PGBIN=/usr/lib/postgresql/15/bin

work=$(mktemp -d /tmp/grants-fault.XXXXXX)
chmod 755 "$work"
pids=()
t0=$(date +%s%3N)
say() { printf 'fault-test: [%6.1f s] %s\n' "$((($(date +%s%3N) - t0)))e-3" "$*"; }
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  pkill -KILL -f "$work/" 2>/dev/null || true
  sleep 0.2
  if [[ -n "${KEEP_FAULT_DIR:-}" ]]; then echo "fault-test: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
fail() {
  echo "fault-test: FAIL: $*" >&2
  for f in "$work"/*.log; do
    [[ -s "$f" ]] && { echo "--- ${f##*/}" >&2; tail -15 "$f" >&2; }
  done
  exit 1
}
# free_ports N: N ports nothing listens on now.
free_ports() {
  /usr/bin/python3 - "$1" <<'EOF'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}
# wait_for WHAT SECONDS CMD...: until CMD succeeds.
wait_for() {
  local what=$1 secs=$2 i
  shift 2
  for ((i = 0; i < secs * 10; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  fail "$what not ready after $secs s"
}
as_pg() { runuser -u postgres -- "$@"; }
# lb CMD: a command on HAProxy's stats socket.
lb() {
  /usr/bin/python3 - "$work/haproxy.sock" "$1" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
s.sendall(sys.argv[2].encode() + b"\n"); out = b""
while chunk := s.recv(65536): out += chunk
print(out.decode())
EOF
}
# up_servers BACKEND: how many of its servers HAProxy has UP.
# (UP and passing its last check: HAProxy starts servers UP before any.)
up_servers() {
  lb "show stat" | awk -F, -v b="$1" '$1 == b && $2 != "BACKEND" && $18 == "UP" && $37 ~ /^L[67]OK/' | wc -l
}

read -r ETCD ETCD_PEER PG1 PG2 REST1 REST2 G1 G2 P1 P2 LB_GRPC LB_PORTAL < <(free_ports 12)
say "work dir $work"

# --- etcd: one member (production runs three: ops/production/etcd.env).
etcd --name fault --data-dir "$work/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD" --advertise-client-urls "http://127.0.0.1:$ETCD" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" \
  --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
  --initial-cluster "fault=http://127.0.0.1:$ETCD_PEER" >"$work/etcd.log" 2>&1 &
pids+=($!)
disown
wait_for etcd 20 curl -fsS "http://127.0.0.1:$ETCD/health"

# --- PostgreSQL under Patroni, the production configuration unchanged;
# what differs per node comes from the environment, as on real hosts.
SUPER_PW=$(openssl rand -hex 12) REPL_PW=$(openssl rand -hex 12) REWIND_PW=$(openssl rand -hex 12)
GRANTSD_PW=$(openssl rand -hex 12)
install -d -o postgres -m 700 "$work/pg" "$work/backrest" "$work/backrest-log"
# One copy per node, so each node's processes can be told apart.
for n in 1 2; do install -o postgres -m 600 "$ROOT/ops/production/patroni.yml" "$work/pg/patroni$n.yml"; done
: >"$work/pgbackrest.conf"
install -d -o postgres /var/run/postgresql
# start_node N: Patroni for node N (its postgres starts under it).
start_node() {
  local n=$1 pg rest
  pg=$([[ $n == 1 ]] && echo "$PG1" || echo "$PG2")
  rest=$([[ $n == 1 ]] && echo "$REST1" || echo "$REST2")
  (cd / && exec runuser -u postgres -- env \
    PATRONI_NAME="pg$n" \
    PATRONI_RESTAPI_LISTEN="127.0.0.1:$rest" PATRONI_RESTAPI_CONNECT_ADDRESS="127.0.0.1:$rest" \
    PATRONI_POSTGRESQL_LISTEN="127.0.0.1:$pg" PATRONI_POSTGRESQL_CONNECT_ADDRESS="127.0.0.1:$pg" \
    PATRONI_POSTGRESQL_DATA_DIR="$work/pg/data$n" PATRONI_POSTGRESQL_PGPASS="$work/pg/pgpass$n" \
    PATRONI_ETCD3_HOSTS="127.0.0.1:$ETCD" \
    PATRONI_SUPERUSER_PASSWORD="$SUPER_PW" PATRONI_REPLICATION_PASSWORD="$REPL_PW" \
    PATRONI_REWIND_PASSWORD="$REWIND_PW" \
    PGBACKREST_CONFIG="$work/pgbackrest.conf" PGBACKREST_REPO1_PATH="$work/backrest" \
    PGBACKREST_LOG_PATH="$work/backrest-log" PGBACKREST_LOCK_PATH="$work/backrest-log/lock$n" \
    PGBACKREST_PG1_PATH="$work/pg/data$n" PGBACKREST_PG1_PORT="$pg" \
    patroni "$work/pg/patroni$n.yml") >>"$work/patroni$n.log" 2>&1 &
  node_pid[$n]=$!
  disown
}
declare -A node_pid=()
start_node 1
wait_for "the first PostgreSQL node as primary" 60 curl -fsS "http://127.0.0.1:$REST1/primary"
start_node 2
wait_for "the second node as synchronous standby" 90 curl -fsS "http://127.0.0.1:$REST2/sync"
say "PostgreSQL: pg1 primary, pg2 synchronous standby (Patroni, etcd)"
as_pg env PGBACKREST_CONFIG="$work/pgbackrest.conf" PGBACKREST_REPO1_PATH="$work/backrest" \
  PGBACKREST_LOG_PATH="$work/backrest-log" PGBACKREST_LOCK_PATH="$work/backrest-log/lock" \
  pgbackrest --stanza=grants --pg1-path="$work/pg/data1" --pg1-port="$PG1" \
  --pg1-socket-path=/var/run/postgresql stanza-create >"$work/backrest.log" 2>&1 ||
  fail "pgbackrest stanza-create"

hosts="host=127.0.0.1,127.0.0.1 port=$PG1,$PG2 target_session_attrs=read-write connect_timeout=2"
owner_db="$hosts dbname=grants user=postgres password=$SUPER_PW"
PGPASSWORD=$SUPER_PW psql -q -h 127.0.0.1 -p "$PG1" -U postgres -d postgres \
  -c "CREATE DATABASE grants" || fail "cannot create the database"
GRANTS_DATABASE="$owner_db" "$GRANTSD" migrate >"$work/migrate.log" 2>&1 || fail "migrate"
PGPASSWORD=$SUPER_PW psql -q -h 127.0.0.1 -p "$PG1" -U postgres -d grants \
  -c "CREATE ROLE grantsd LOGIN PASSWORD '$GRANTSD_PW' IN ROLE grants_writer" ||
  fail "cannot create grantsd's role"

# --- two grantsd, two portals, HAProxy.
creds="$work/creds"
bash "$ROOT/ops/dev-credentials.sh" "$creds" >/dev/null
declare -A gpid=()
start_grantsd() { # N
  local port
  port=$([[ $1 == 1 ]] && echo "$G1" || echo "$G2")
  "$GRANTSD" serve --listen "127.0.0.1:$port" \
    --database "$hosts dbname=grants user=grantsd password=$GRANTSD_PW" \
    --tls-cert "$creds/server.pem" --tls-key "$creds/server.key" --client-ca "$creds/ca.pem" \
    --jwt-public-key "$creds/jwt-signing.pub" --audit-key-file "$creds/audit.key" \
    --db-connect-timeout 2 --db-statement-timeout-ms 5000 --health-probe-interval-ms 500 \
    >>"$work/grantsd$1.log" 2>&1 &
  gpid[$1]=$!
  disown
}
start_grantsd 1
start_grantsd 2
for n in 1 2; do
  start_portal_port=$([[ $n == 1 ]] && echo "$P1" || echo "$P2")
  "$PORTAL" --listen "127.0.0.1:$start_portal_port" --grantsd "localhost:$LB_GRPC" \
    --ca "$creds/ca.pem" --client-cert "$creds/portal.pem" --client-key "$creds/portal.key" \
    --session-key-file "$creds/portal-session.key" --trust-forwarded-for \
    >"$work/portal$n.log" 2>&1 &
  pids+=($!)
  disown
done
mkdir -p "$work/door"
"$PORTAL" --write-door-maps "$work/door"
GRANTS_LB_LOG=stdout GRANTS_LB_STATS_SOCKET="$work/haproxy.sock" GRANTS_LB_DOOR_MAPS="$work/door" \
  GRANTS_LB_GRPC_BIND="127.0.0.1:$LB_GRPC" GRANTS_LB_PORTAL_BIND="127.0.0.1:$LB_PORTAL" \
  GRANTS_LB_GRPC_CONN_PER_CLIENT=1000 GRANTS_LB_GRPC_CONN_RATE=100000 \
  GRANTS_LB_PORTAL_REQ_RATE=100000 \
  GRANTS_TLS_NAME=localhost GRANTS_LB_CA="$creds/ca.pem" \
  GRANTS_LB_GRANTSD1="127.0.0.1:$G1" GRANTS_LB_GRANTSD2="127.0.0.1:$G2" \
  GRANTS_LB_PORTAL1="127.0.0.1:$P1" GRANTS_LB_PORTAL2="127.0.0.1:$P2" \
  haproxy -db -f "$ROOT/ops/production/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
pids+=($!)
disown
both_up() { [[ "$(up_servers grantsd)" == 2 && "$(up_servers portal)" == 2 ]]; }
wait_for "HAProxy seeing both grantsd and both portals healthy" 30 both_up
say "HAProxy: 2 grantsd and 2 portals UP (gRPC health checks)"

# --- the load: grantees through HAProxy, and an officer's contributions.
export GRANTS_SERVER="localhost:$LB_GRPC" GRANTS_CA="$creds/ca.pem"
export GRANTS_SIGNING_KEY="$creds/jwt-signing.key" GRANTS_AS=officer
id_of() { /usr/bin/python3 -c "import json,sys;print(json.load(sys.stdin)['id'])"; }
funder=$("$CTL" -o json funder create --org-id GB-CHC-1085314 --name "Trust for London" | id_of)
fund=$("$CTL" -o json fund create --name "Fault test fund" | id_of)
# Long enough for the faults (one failover takes up to Patroni's ttl, 15 s)
# and a few seconds after the last.
seconds=$((KILLS * INTERVAL + 30))
((seconds >= MIN_SECONDS)) || seconds=$MIN_SECONDS
"$BENCH" --scenario load --server "localhost:$LB_GRPC" --ca "$creds/ca.pem" \
  --signing-key "$creds/jwt-signing.key" --database "$owner_db" \
  --audit-key-file "$creds/audit.key" --clients "$CLIENTS" --seconds "$seconds" \
  --acks-file "$work/acks" >"$work/load.log" 2>&1 &
load=$!
pids+=($load)
# Contributions of GBP 101, 102, ..., each acknowledged one written
# down; grantsctl retries UNAVAILABLE itself with the same request_id.
(
  i=0
  end=$(($(date +%s) + seconds))
  while (($(date +%s) < end)); do
    i=$((i + 1))
    # When grantsctl gives up it says to run the command again with the same
    # --request-id: the officer does, up to three times.
    ok=""
    for _ in 1 2 3; do
      if "$CTL" --retries 10 --timeout 60 --request-id "fault-contribution-$i" fund contribute \
        --fund "$fund" --funder "$funder" --amount $((100 + i)) >/dev/null 2>>"$work/contributions.log"; then
        ok=yes
        break
      fi
    done
    if [[ -n "$ok" ]]; then
      echo "$(((100 + i) * 100))" >>"$work/contributed"  # pence
    else
      echo "contribution $i failed" >>"$work/contributions.err"
    fi
    sleep 0.2
  done
) &
contributions=$!
pids+=($contributions)

# --- the faults.
event() { echo "$(date +%s%3N) $*" >>"$work/events"; say "$*"; }
leader() { # the node number Patroni's primary runs on, or nothing
  local n
  for n in 1 2; do
    curl -fsS "http://127.0.0.1:$([[ $n == 1 ]] && echo "$REST1" || echo "$REST2")/primary" \
      >/dev/null 2>&1 && { echo "$n"; return; }
  done
}
# The throughput before the faults: 5 s of load once it has started.
wait_for "the load" 60 grep -q "grantees starting" "$work/load.log"
sleep 5
down_seen=""
primary_at=$((KILLS / 2))
for ((k = 1; k <= KILLS; k++)); do
  n=$((k % 2 + 1))
  kill -0 "${gpid[$n]}" 2>/dev/null || fail "grantsd$n died by itself: $(tail -3 "$work/grantsd$n.log")"
  kill -KILL "${gpid[$n]}"
  event "kill -9 grantsd$n ($k of $KILLS)"
  sleep 0.5
  start_grantsd "$n"
  if ((k == primary_at)); then
    old=$(leader)
    [[ -n "$old" ]] || fail "no primary before the primary kill"
    data="$work/pg/data$old"
    postmaster=$(head -1 "$data/postmaster.pid")
    pkill -KILL -f "patroni $work/pg/patroni$old.yml" || true
    kill -KILL "$postmaster" 2>/dev/null || true
    pkill -KILL -P "$postmaster" || true
    event "kill -9 the PostgreSQL primary pg$old (Patroni and postgres)"
    new=$((3 - old))
    for ((i = 0; i < 600; i++)); do
      [[ "$(up_servers grantsd)" == 0 ]] && down_seen=yes
      [[ "$(leader)" == "$new" ]] && break
      sleep 0.1
    done
    [[ "$(leader)" == "$new" ]] || fail "pg$new was not promoted within 60 s"
    event "pg$new promoted (Patroni)"
    [[ -n "$down_seen" ]] ||
      fail "HAProxy never saw the grantsd NOT_SERVING while there was no primary"
    say "HAProxy had both grantsd DOWN (health NOT_SERVING) while there was no primary"
    rm -f "$data/postmaster.pid"
    start_node "$old"
  fi
  sleep "$((INTERVAL - 1)).5"
done
event "faults over"
wait "$load" || fail "the load reported failed operations: $(tail -5 "$work/load.log")"
wait "$contributions" || true
say "$(grep '^load: .* acknowledged' "$work/load.log")"
wait_for "HAProxy seeing both grantsd healthy again" 30 both_up
for ((i = 0; i < 300; i++)); do
  curl -fsS "http://127.0.0.1:$([[ $old == 1 ]] && echo "$REST1" || echo "$REST2")/replica" >/dev/null 2>&1 && break
  sleep 0.2
done
if curl -fsS "http://127.0.0.1:$([[ $old == 1 ]] && echo "$REST1" || echo "$REST2")/replica" >/dev/null 2>&1; then
  say "pg$old rejoined as a standby of pg$new"
else
  say "note: pg$old has not rejoined as a standby yet"
fi

# --- the checks.
q() { PGPASSWORD=$SUPER_PW psql -X -qtA -v ON_ERROR_STOP=1 -d "$hosts dbname=grants user=postgres" "$@"; }
acked=$(wc -l <"$work/acks")
((acked > 0)) || fail "no submission was acknowledged"
# Every acknowledged submission, by id and reference: there, once, submitted.
q -c "CREATE TEMP TABLE acks (at_ms bigint, id uuid, reference text)" \
  -c "\\copy acks FROM '$work/acks' WITH (FORMAT text, DELIMITER ' ')" \
  -c "SELECT count(*) FILTER (WHERE a.id IS NULL),
             count(*) FILTER (WHERE a.state <> 'submitted' OR a.reference <> k.reference),
             (SELECT count(*) - count(DISTINCT id) FROM acks)
        FROM acks k LEFT JOIN applications a ON a.id = k.id" >"$work/ack-check" ||
  fail "cannot check the acknowledged submissions"
IFS='|' read -r missing wrong repeated <"$work/ack-check"
[[ "$missing" == 0 ]] || fail "$missing acknowledged submissions are not in the database"
[[ "$wrong" == 0 ]] || fail "$wrong acknowledged submissions are not submitted as acknowledged"
[[ "$repeated" == 0 ]] || fail "$repeated submissions were acknowledged twice"
# No group applied twice to the round, and nothing submitted unacknowledged
# (every grantee retried until it had its answer).
dup=$(q -c "SELECT count(*) FROM (SELECT organisation_id, round_id FROM applications
             GROUP BY 1, 2 HAVING count(*) > 1) d")
[[ "$dup" == 0 ]] || fail "$dup groups have two applications to one round"
submitted=$(q -c "SELECT count(*) FROM applications WHERE state = 'submitted'")
[[ "$submitted" == "$acked" ]] ||
  fail "$submitted applications are submitted, but $acked submissions were acknowledged"
# Every acknowledged contribution once, and the fund's figures add up.
[[ ! -s "$work/contributions.err" ]] || fail "contributions failed: $(tail -3 "$work/contributions.err")"
n_contrib=$(wc -l <"$work/contributed")
sum_contrib=$(awk '{ s += $1 } END { print s + 0 }' "$work/contributed")
read -r db_n db_sum fund_contributed fund_drawn drawn_rounds < <(q -F ' ' -c "
  SELECT (SELECT count(*) FROM contributions WHERE fund_id = f.id),
         (SELECT sum(amount_minor) FROM contributions WHERE fund_id = f.id),
         f.contributed_minor, f.drawn_minor,
         (SELECT coalesce(sum(c.budget_minor), 0) FROM round_commitments c
            JOIN rounds r ON r.id = c.round_id JOIN programmes p ON p.id = r.programme_id
           WHERE p.fund_id = f.id AND r.state <> 'cancelled')
    FROM funds f WHERE f.id = '$fund'")
[[ "$db_n" == "$n_contrib" && "$db_sum" == "$sum_contrib" ]] ||
  fail "contributions: $n_contrib acknowledged (sum $sum_contrib), $db_n in the fund (sum $db_sum)"
[[ "$fund_contributed" == "$db_sum" ]] || fail "the fund says $fund_contributed contributed, its contributions sum to $db_sum"
[[ "$fund_drawn" == "$drawn_rounds" ]] || fail "the fund says $fund_drawn drawn, its rounds' budgets sum to $drawn_rounds"
"$CTL" audit verify >"$work/audit-verify.log" 2>&1 || fail "audit verify: $(cat "$work/audit-verify.log")"
"$CTL" reach verify >"$work/reach-verify.log" 2>&1 || fail "reach verify: $(cat "$work/reach-verify.log")"
say "checked: $acked acknowledged submissions each in the database once, no group twice; $n_contrib contributions (GBP $(printf '%d.%02d' $((sum_contrib / 100)) $((sum_contrib % 100)))) each once, the fund's figures add up; audit verify and reach verify pass"

# --- the throughput around each fault.
/usr/bin/python3 - "$work/acks" "$work/events" <<'PY'
import statistics, sys
acks = sorted(int(l.split()[0]) for l in open(sys.argv[1]))
events = [(int(l.split()[0]), l.split(None, 1)[1].strip()) for l in open(sys.argv[2])]
start, end = acks[0], acks[-1]
first_fault = events[0][0]
def rate(t0, t1):  # acknowledged submissions a second in [t0, t1)
    import bisect
    return (bisect.bisect_left(acks, t1) - bisect.bisect_left(acks, t0)) * 1000 / (t1 - t0)
base = rate(start + 1000, first_fault)
print(f"fault-test: throughput before the first fault {base:.1f} submissions/s; "
      f"over the whole run {rate(start, end):.1f}/s")
print(f"fault-test: {'fault':<55} {'dip (1 s)':>10} {'recovered':>10}")
worst = 0
# For each fault: the lowest 1-s throughput in the 3 s after it, and how long
# from the fault until, after that low, a 1-s window is back at half the
# throughput before the faults.
for at, what in events:
    if what.startswith("faults over") or "promoted" in what:
        continue
    trough = min(range(at, at + 3000, 100), key=lambda t: rate(t, t + 1000))
    dip = rate(trough, trough + 1000)
    rec = 0 if dip >= base / 2 else next(
        (t + 1000 - at for t in range(trough, end, 100) if rate(t, t + 1000) >= base / 2), None)
    worst = max(worst, rec if rec is not None else 10**9)
    print(f"fault-test: {what:<55} {100 * dip / base:>9.0f}% "
          f"{'never' if rec is None else f'{rec / 1000:.1f} s':>10}")
sys.exit(0 if worst < 60000 else 1)
PY
say "passed"
