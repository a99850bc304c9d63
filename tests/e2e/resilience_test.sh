#!/usr/bin/env bash
# End to end: retries that survive a restarting grantsd and never make a
# change twice. grantsctl --request-id returns the original result for a
# repeated mutation; grantsctl retries UNAVAILABLE by itself with the same
# request_id (through a proxy that drops its first connections) and, when
# it gives up, prints the id to retry with; the Python example client rides
# out a kill -9 and restart of grantsd.
# Usage: resilience_test.sh BUILD_DIR REPO_ROOT CREDENTIALS_DIR
set -euo pipefail
BUILD=$1 ROOT=$2 CREDS=$3
GRANTSD="$BUILD/services/server/grantsd"
CTL="$BUILD/clients/grantsctl/grantsctl"
work=$(mktemp -d)
db="grants_res_$$_$RANDOM"
pid="" proxy="" py=""

cleanup() {
  for p in "$pid" "$proxy" "$py"; do [[ -n "$p" ]] && kill -KILL "$p" 2>/dev/null || true; done
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [[ -f "$work/grantsd.log" ]] && tail -20 "$work/grantsd.log" >&2; exit 1; }
# shellcheck source=lib.sh
source "$ROOT/tests/e2e/lib.sh"

psql -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db" || fail "PostgreSQL unreachable"
GRANTS_DATABASE="dbname=$db" "$GRANTSD" migrate >/dev/null
psql -q -v ON_ERROR_STOP=1 -d postgres -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'grantsd_e2e') THEN
    CREATE ROLE grantsd_e2e LOGIN PASSWORD 'grantsd-e2e' IN ROLE grants_writer;
  END IF; END \$\$" || fail "cannot create grantsd's role"
serve_flags=(--tls-cert "$CREDS/server.pem" --tls-key "$CREDS/server.key"
  --client-ca "$CREDS/ca.pem" --jwt-public-key "$CREDS/jwt-signing.pub"
  --audit-key-file "$CREDS/audit.key"
  --database "dbname=$db user=grantsd_e2e password=grantsd-e2e")
start_grantsd() { # LISTEN: starts grantsd, sets pid and port
  : >"$work/grantsd.log"
  "$GRANTSD" serve "${serve_flags[@]}" --listen "$1" >>"$work/grantsd.log" 2>&1 &
  pid=$!
  port=$(wait_port "$pid" "$work/grantsd.log" grantsd)
}
start_grantsd 127.0.0.1:0

export GRANTS_SERVER="localhost:$port" GRANTS_CA="$CREDS/ca.pem"
export GRANTS_SIGNING_KEY="$CREDS/jwt-signing.key" GRANTS_AS=officer
funder=$("$CTL" -o json funder create --org-id GB-CHC-1085314 --name "Trust for London" | json_field '["id"]')
fund=$("$CTL" -o json fund create --name "Resilience Fund" | json_field '["id"]')

# A contribution whose reply was lost, sent again with its request_id: the
# original comes back, and the money is in the fund once.
key="contribution-$RANDOM-$RANDOM"
first=$("$CTL" -o json --request-id "$key" fund contribute --fund "$fund" --funder "$funder" --amount 1000)
again=$("$CTL" -o json --request-id "$key" fund contribute --fund "$fund" --funder "$funder" --amount 1000)
[[ "$first" == "$again" ]] || fail "the retry answered differently: $first / $again"
[[ "$(psql -qtA -d "$db" -c "SELECT count(*) FROM contributions")" == 1 ]] ||
  fail "the retried contribution was recorded twice"
# The same key with another payload is refused, not applied.
rc=0
err=$("$CTL" --request-id "$key" fund contribute --fund "$fund" --funder "$funder" --amount 2000 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "reusing a key for another change should exit 1, got $rc"
expect_in "REQUEST_ID_REUSED" "$err"

# grantsd unreachable for its first two connections (as while it restarts):
# grantsctl retries by itself, the same request_id each time.
/usr/bin/python3 "$ROOT/tests/e2e/flaky_proxy.py" "$port" 2 "$work/proxy" &
proxy=$!
for _ in $(seq 50); do [[ -s "$work/proxy" ]] && break; sleep 0.1; done
pport=$(head -1 "$work/proxy")
key2="contribution-$RANDOM-$RANDOM"
out=$("$CTL" -o json --server "localhost:$pport" --request-id "$key2" fund contribute \
  --fund "$fund" --funder "$funder" --amount 500 2>"$work/ctl.err") ||
  fail "no answer through the proxy ($(tail -1 "$work/proxy") connections): $(cat "$work/ctl.err")"
[[ -n "$out" ]] || fail "no answer through the proxy"
[[ "$(sed -n 2p "$work/proxy")" -ge 3 ]] || fail "grantsctl did not retry through the proxy"
[[ "$(psql -qtA -d "$db" -c "SELECT count(*) FROM contributions")" == 2 ]] ||
  fail "the retried contribution is not there exactly once"
kill "$proxy"; wait "$proxy" 2>/dev/null || true; proxy=""

# Without retries it fails UNAVAILABLE and says which request_id to retry.
/usr/bin/python3 "$ROOT/tests/e2e/flaky_proxy.py" "$port" 1 "$work/proxy2" &
proxy=$!
for _ in $(seq 50); do [[ -s "$work/proxy2" ]] && break; sleep 0.1; done
rc=0
err=$("$CTL" --retries 0 --server "localhost:$(head -1 "$work/proxy2")" fund contribute \
  --fund "$fund" --funder "$funder" --amount 7 2>&1) || rc=$?
[[ $rc == 1 ]] || fail "an unreachable server should exit 1, got $rc: $err"
expect_in "UNAVAILABLE" "$err"
expect_in "run the same command with --request-id " "$err"
kill "$proxy"; wait "$proxy" 2>/dev/null || true; proxy=""

# With nothing listening, the retries all fit in --timeout.
t0=$(date +%s%N)
rc=0
err=$("$CTL" --timeout 2 --server localhost:1 fund list 2>&1) || rc=$?
ms=$((($(date +%s%N) - t0) / 1000000))
[[ $rc == 1 ]] || fail "a server that is not there should exit 1, got $rc: $err"
((ms < 4000)) || fail "--timeout 2 took ${ms} ms with its retries"

# A long-lived Python client lists rounds every 0.25 s while grantsd is
# killed and restarted on the same port: every call succeeds.
token=$("$CTL" token mint --key "$CREDS/jwt-signing.key" --role officer --subject py1)
/usr/bin/python3 "$ROOT/ops/examples/grants_client.py" --server "localhost:$port" \
  --ca "$CREDS/ca.pem" --token "$token" --repeat 16 --interval 0.25 >"$work/py.out" 2>&1 &
py=$!
sleep 1.5
kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
sleep 0.5
start_grantsd "127.0.0.1:$port"
wait "$py" || fail "the Python client failed across the restart: $(cat "$work/py.out")"
py=""
expect_in "listed 16/16" "$(cat "$work/py.out")"
echo "resilience e2e: ok"
