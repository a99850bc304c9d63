#!/usr/bin/env bash
# Two grants-portal processes in front of one grantsd, driven over plain
# HTTP by tests/portal/two_portals.py: a grantee signs in through one portal
# and carries on through the other; a portal restart keeps the session; a
# changed cookie, or one sealed under another key, is refused; return_to
# cannot lead off the site; the sign-in limit holds against other spellings
# of the address; a form sent twice (one request id) makes one application;
# the per-client limit answers 429.
# Usage: two_portals_test.sh BUILD_DIR REPO_ROOT CREDENTIALS_DIR
set -euo pipefail
BUILD=$1 ROOT=$2 CREDS=$3
GRANTSD="$BUILD/services/server/grantsd"
PORTAL="$BUILD/clients/portal/grants-portal"
CTL="$BUILD/clients/grantsctl/grantsctl"
work=$(mktemp -d)
db="grants_two_portals_$$_$RANDOM"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
logs() {
  for f in "$work"/*.log; do
    [[ -f "$f" ]] && { echo "--- last lines of $(basename "$f"):"; tail -20 "$f"; }
  done >&2
}
fail() { echo "FAIL: $*" >&2; logs; exit 1; }
free_port() { /usr/bin/python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

for bin in "$GRANTSD" "$CTL" "$PORTAL"; do
  [[ -x "$bin" ]] || fail "$bin not built (bash ops/build.sh)"
done
# shellcheck source=../e2e/lib.sh
source "$ROOT/tests/e2e/lib.sh"

psql -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db" || fail "PostgreSQL unreachable"
export GRANTS_DATABASE="dbname=$db"
"$GRANTSD" migrate >/dev/null || fail "migrate failed"

port_a=$(free_port) port_b=$(free_port) port_c=$(free_port) port_d=$(free_port)
spool="$work/spool"
mkdir -p "$spool"
serve_flags=(--listen 127.0.0.1:0 --tls-cert "$CREDS/server.pem" --tls-key "$CREDS/server.key"
  --client-ca "$CREDS/ca.pem" --jwt-public-key "$CREDS/jwt-signing.pub"
  --audit-key-file "$CREDS/audit.key" --notification-spool "$spool"
  --session-signing-key "$CREDS/session-signing.key" --portal-url "http://127.0.0.1:$port_a")
if "$GRANTSD" serve --help 2>/dev/null | grep -q -- --outbox-interval-ms; then
  serve_flags+=(--outbox-interval-ms 300)
fi
"$GRANTSD" serve "${serve_flags[@]}" >"$work/grantsd.log" 2>&1 &
pids+=($!)
port=$(wait_port "${pids[-1]}" "$work/grantsd.log" grantsd)

export GRANTS_SERVER="localhost:$port" GRANTS_CA="$CREDS/ca.pem"
export GRANTS_SIGNING_KEY="$CREDS/jwt-signing.key" GRANTS_AS=officer
trap 'logs' ERR
funder=$("$CTL" -o json funder create --org-id GB-CHC-1085314 --name "Trust for London" | json_field '["id"]')
fund=$("$CTL" -o json fund create --name "Two portals fund" | json_field '["id"]')
"$CTL" fund contribute --fund "$fund" --funder "$funder" --amount 100000 >/dev/null
prog=$("$CTL" -o json programme create --code TWO --name "Two portals programme" \
  --fund "$fund" --community roma | json_field '["id"]')
round=$("$CTL" -o json round create --programme "$prog" --name "Two portals round" \
  --opens 2025-03-01T09:00 --closes 2030-04-01T12:00 --budget 45000 --min-grant 500 \
  --max-grant 5000 | json_field '["id"]')
"$CTL" round open "$round" >/dev/null
trap - ERR

# The script starts the portals itself (it restarts one of them).
openssl rand -hex 32 >"$work/other-session.key"
rc=0
PORTAL="$PORTAL" GRANTSD_ADDRESS="localhost:$port" CREDS="$CREDS" WORK="$work" \
  PORTS="$port_a $port_b $port_c $port_d" OTHER_KEY="$work/other-session.key" \
  SPOOL_DIR="$spool" ROUND_ID="$round" \
  /usr/bin/python3 "$ROOT/tests/portal/two_portals.py" || rc=$?
((rc == 0)) || fail "two_portals.py failed (exit $rc)"
echo "e2e: two portals passed"
