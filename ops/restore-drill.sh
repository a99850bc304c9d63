#!/usr/bin/env bash
# The restore drill (issue #16): proves that the backups restore, to a point
# in time, with the money and the evidence intact. In a scratch directory it
#   1. starts a PostgreSQL 15 cluster that archives its WAL with pgBackRest,
#      migrates it, serves grantsd on it and loads the demo (ops/demo.sh);
#   2. takes a full pgBackRest backup;
#   3. makes two known writes (a contribution before the target time, one
#      after), recording the money as grantsd and the tables show it at the
#      target time;
#   4. restores the backup and the archived WAL up to the target time into a
#      fresh cluster, starts grantsd on it, and checks: `audit verify` and
#      `reach verify` pass, the money (funds, contributions, commitments,
#      awards, payments, recoveries) equals the source's at the target time,
#      the first write is there and the second is not;
#   5. prints the recovery time (restore started -> grantsd answering).
# Usage (as root): bash ops/restore-drill.sh     exits non-zero on any failure
# Production backups use the same commands against ops/production/pgbackrest.conf
# (docs/production.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GRANTS_BUILD_DIR:-$ROOT/build}"
GRANTSD="$BUILD/services/server/grantsd"
CTL="$BUILD/clients/grantsctl/grantsctl"
STANZA=grants

log() { echo "restore-drill: $*"; }
die() {
  echo "restore-drill: FAILED: $*" >&2
  exit 1
}

((EUID == 0)) || die "run as root (PostgreSQL and pgBackRest run as the postgres user)"
command -v pgbackrest >/dev/null || die "pgbackrest is not installed (bash ops/install-deps.sh)"
for bin in "$GRANTSD" "$CTL"; do [[ -x "$bin" ]] || die "$bin is not built"; done

WORK="$(mktemp -d /var/tmp/grants-drill.XXXXXX)"
chmod 755 "$WORK"
SOURCE="$WORK/source"
RESTORED="$WORK/restored"
CONF="$WORK/pgbackrest.conf"
# Ports from the pid, clear of the dev cluster's 5439 and pg_virtualenv's.
SOURCE_PORT=$((20000 + $$ % 10000))
RESTORED_PORT=$((SOURCE_PORT + 1))
GRPC_SOURCE=$((SOURCE_PORT + 20000))
GRPC_RESTORED=$((GRPC_SOURCE + 1))
pids=()

cleanup() {
  local rc=$?
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for dir in "$SOURCE" "$RESTORED"; do
    GRANTS_PG_DIR="$dir" bash "$ROOT/ops/pg.sh" stop >/dev/null 2>&1 || true
  done
  if ((rc == 0)); then rm -rf "$WORK"; else log "left $WORK for inspection"; fi
}
trap cleanup EXIT

pgbr() { runuser -u postgres -- pgbackrest --config="$CONF" --stanza="$STANZA" "$@"; }

# cluster_env DIR PORT: GRANTS_DATABASE / GRANTS_SERVE_DATABASE of that cluster.
cluster_env() { GRANTS_PG_DIR="$1" GRANTS_PG_PORT="$2" bash "$ROOT/ops/pg.sh" env; }

# serve DATABASE PORT LOG: grantsd on that database, in the background.
serve() {
  mkdir -p "$WORK/spool-$2"
  "$GRANTSD" serve --listen "127.0.0.1:$2" --database "$1" \
    --tls-cert "$WORK/creds/server.pem" --tls-key "$WORK/creds/server.key" \
    --client-ca "$WORK/creds/ca.pem" --jwt-public-key "$WORK/creds/jwt-signing.pub" \
    --audit-key-file "$WORK/creds/audit.key" \
    --audit-checkpoint-key "$WORK/creds/audit-checkpoint.key" \
    --metrics-listen "" --notification-spool "$WORK/spool-$2" >"$3" 2>&1 &
  pids+=("$!")
  local i
  for ((i = 0; i < 300; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then return 0; fi
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  cat "$3" >&2
  die "grantsd on port $2 did not start"
}

ctl() {
  GRANTS_CA="$WORK/creds/ca.pem" GRANTS_SIGNING_KEY="$WORK/creds/jwt-signing.key" \
    GRANTS_AS="${GRANTS_AS:-officer}" "$CTL" --server "127.0.0.1:$1" "${@:2}"
}

# money DATABASE: every money figure, one per line, for comparing clusters.
money() {
  psql -X -qtA -d "$1" -v ON_ERROR_STOP=1 <<'SQL'
SELECT 'funds', id, name, contributed_minor, drawn_minor FROM funds ORDER BY id;
SELECT 'contributions', count(*), sum(amount_minor) FROM contributions;
SELECT 'commitments', round_id, budget_minor, committed_minor FROM round_commitments ORDER BY round_id;
SELECT 'awards', state, count(*), sum(amount_minor) FROM awards GROUP BY state ORDER BY state;
SELECT 'payments', state, count(*), sum(amount_minor), sum(paid_minor)
  FROM payments GROUP BY state ORDER BY state;
SELECT 'recoveries', state, count(*), sum(amount_minor) FROM recoveries GROUP BY state ORDER BY state;
SQL
}

log "work directory $WORK"
bash "$ROOT/ops/dev-credentials.sh" "$WORK/creds" >/dev/null
mkdir -p "$WORK/repo" "$WORK/log" "$WORK/lock"
chown postgres:postgres "$WORK/repo" "$WORK/log" "$WORK/lock"
cat >"$CONF" <<CONF
[global]
repo1-path=$WORK/repo
repo1-retention-full=2
log-path=$WORK/log
lock-path=$WORK/lock
log-level-console=warn
start-fast=y

[$STANZA]
pg1-path=$SOURCE/data
pg1-socket-path=$SOURCE/socket
pg1-port=$SOURCE_PORT
pg1-user=postgres
CONF
chmod 644 "$CONF"

# 1. The source: WAL archived by pgBackRest from the first write.
cat >"$WORK/archive.conf" <<CONF
wal_level = replica
archive_mode = on
archive_command = 'pgbackrest --config=$CONF --stanza=$STANZA archive-push %p'
archive_timeout = 60
CONF
GRANTS_PG_DIR="$SOURCE" GRANTS_PG_PORT="$SOURCE_PORT" GRANTS_PG_EXTRA_CONF="$WORK/archive.conf" \
  bash "$ROOT/ops/pg.sh" start >/dev/null
eval "$(cluster_env "$SOURCE" "$SOURCE_PORT")"
SOURCE_OWNER="$GRANTS_DATABASE"
pgbr stanza-create
"$GRANTSD" migrate --database "$SOURCE_OWNER" >/dev/null
serve "$GRANTS_SERVE_DATABASE" "$GRPC_SOURCE" "$WORK/grantsd-source.log"
log "loading the demo into the source (a minute or two)"
cat >"$WORK/grantsctl.env" <<ENV
export GRANTS_SERVER=127.0.0.1:$GRPC_SOURCE
export GRANTS_CA=$WORK/creds/ca.pem
export GRANTS_SIGNING_KEY=$WORK/creds/jwt-signing.key
export GRANTS_AS=officer
ENV
GRANTS_CTL_ENV="$WORK/grantsctl.env" GRANTS_DEMO_OUT="$WORK/demo" bash "$ROOT/ops/demo.sh" >"$WORK/demo.log" 2>&1 ||
  { tail -20 "$WORK/demo.log" >&2; die "the demo did not load"; }
awards=$(psql -X -qtA -d "$SOURCE_OWNER" -c "SELECT count(*) FROM awards WHERE state = 'accepted'")
((awards >= 34)) || die "the demo made $awards accepted awards, not 34"

# 2. A full backup, checked.
pgbr check
pgbr backup --type=full
log "full backup taken: $(pgbr info --output=json | python3 -c \
  'import json,sys;b=json.load(sys.stdin)[0]["backup"][-1];print(b["label"], b["info"]["size"], "bytes")')"

# 3. Two known writes either side of the target time. pgBackRest keeps a
# backup's stop time in whole seconds: the target must come a clear second
# after it, or no backup qualifies.
sleep 2
fund=$(ctl "$GRPC_SOURCE" -o csv fund list | sed -n 2p | cut -d, -f1 | tr -d '"')
funder=$(ctl "$GRPC_SOURCE" -o csv funder list | sed -n 2p | cut -d, -f1 | tr -d '"')
[[ -n "$fund" && -n "$funder" ]] || die "no fund or funder in the demo"
ctl "$GRPC_SOURCE" fund contribute --fund "$fund" --funder "$funder" --amount 1234.56 >/dev/null
target=$(psql -X -qtA -d "$SOURCE_OWNER" -c "SELECT now()")
money "$SOURCE_OWNER" >"$WORK/money-at-target"
ctl "$GRPC_SOURCE" -o csv fund list >"$WORK/funds-at-target"
sleep 1.1
ctl "$GRPC_SOURCE" fund contribute --fund "$fund" --funder "$funder" --amount 5678.90 >/dev/null
psql -X -qtA -d "${SOURCE_OWNER% user=*} user=postgres" -c "SELECT pg_switch_wal()" >/dev/null
pgbr check >/dev/null # waits until the WAL just switched is archived
log "target time $target: after the GBP 1,234.56 contribution, before the GBP 5,678.90"

# 4. Restore to the target time into a fresh cluster, and serve it.
started=$(date +%s.%N)
mkdir -p "$RESTORED/data"
chown postgres:postgres "$RESTORED/data"
chmod 700 "$RESTORED/data"
pgbr restore --pg1-path="$RESTORED/data" --type=time --target="$target" \
  --target-action=promote --archive-mode=off
GRANTS_PG_DIR="$RESTORED" GRANTS_PG_PORT="$RESTORED_PORT" bash "$ROOT/ops/pg.sh" start >/dev/null
eval "$(cluster_env "$RESTORED" "$RESTORED_PORT")"
RESTORED_OWNER="$GRANTS_DATABASE"
for ((i = 0; i < 600; i++)); do
  [[ "$(psql -X -qtA -d "$RESTORED_OWNER" -c 'SELECT pg_is_in_recovery()')" == f ]] && break
  sleep 0.1
done
[[ "$(psql -X -qtA -d "$RESTORED_OWNER" -c 'SELECT pg_is_in_recovery()')" == f ]] ||
  die "the restored cluster did not finish recovery"
"$GRANTSD" migrate --database "$RESTORED_OWNER" >/dev/null
serve "$GRANTS_SERVE_DATABASE" "$GRPC_RESTORED" "$WORK/grantsd-restored.log"
ctl "$GRPC_RESTORED" fund list >/dev/null
recovery=$(python3 -c "import sys;print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" \
  "$started" "$(date +%s.%N)")

# 5. The evidence and the money.
audit=$(GRANTS_AS=auditor ctl "$GRPC_RESTORED" audit verify) || die "audit verify: $audit"
[[ "$audit" == ok:* ]] || die "audit verify: $audit"
reach=$(GRANTS_AS=auditor ctl "$GRPC_RESTORED" reach verify) || die "reach verify: $reach"
money "$RESTORED_OWNER" >"$WORK/money-restored"
diff -u "$WORK/money-at-target" "$WORK/money-restored" >&2 ||
  die "the restored money differs from the source's at the target time"
ctl "$GRPC_RESTORED" -o csv fund list >"$WORK/funds-restored"
diff -u "$WORK/funds-at-target" "$WORK/funds-restored" >&2 ||
  die "the restored fund balances differ from the source's at the target time"
[[ "$(psql -X -qtA -d "$RESTORED_OWNER" -c \
  "SELECT count(*) FROM contributions WHERE amount_minor = 123456")" == 1 ]] ||
  die "the write before the target time is missing"
[[ "$(psql -X -qtA -d "$RESTORED_OWNER" -c \
  "SELECT count(*) FROM contributions WHERE amount_minor = 567890")" == 0 ]] ||
  die "the write after the target time was restored"
log "audit: $audit"
log "reach: $(sed -n 2p <<<"$reach")"
log "money: these figures equal the source's at the target time:"
sed 's/^/  /' "$WORK/money-restored"
log "PASSED: restored to $target in ${recovery} s (restore started -> grantsd answering)"
