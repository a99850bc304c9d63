#!/usr/bin/env bash
# The grantee portal in a real browser: grantsd (spooling its email) on a
# throwaway database of the test PostgreSQL, a programme and an open round
# set up by an officer with grantsctl, grants-portal in front of it, and
# headless Debian chromium driven by playwright-core (tests/portal/journey.mjs)
# through the grantee's journey in English and in Polish, with axe-core on
# every page, screenshots at phone and desktop sizes, and the refusals (CSRF,
# a tampered session cookie, another organisation's application).
# The npm packages (tests/portal/package-lock.json) are installed with
# `npm ci` into BUILD_DIR/portal-e2e/node_modules, again only when the lock
# file changes.
# A second portal with the same keys stands beside the first; the journey
# carries a session from one to the other.
# Usage: portal_e2e_test.sh BUILD_DIR REPO_ROOT CREDENTIALS_DIR
set -euo pipefail
BUILD=$1 ROOT=$2 CREDS=$3
GRANTSD="$BUILD/services/server/grantsd"
PORTAL="$BUILD/clients/portal/grants-portal"
CTL="$BUILD/clients/grantsctl/grantsctl"
CHROMIUM="${GRANTS_CHROMIUM:-/usr/bin/chromium}"
HERE="$ROOT/tests/portal"
NPM_DIR="$BUILD/portal-e2e"
SHOTS="$BUILD/portal-screenshots"
work=$(mktemp -d)
db="grants_portal_e2e_$$_$RANDOM"
grantsd_pid="" portal_pid="" portal2_pid=""

cleanup() {
  [[ -n "$portal_pid" ]] && kill -KILL "$portal_pid" 2>/dev/null || true
  [[ -n "$portal2_pid" ]] && kill -KILL "$portal2_pid" 2>/dev/null || true
  [[ -n "$grantsd_pid" ]] && kill -KILL "$grantsd_pid" 2>/dev/null || true
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
logs() {
  for f in grantsd portal; do
    [[ -f "$work/$f.log" ]] && { echo "--- last lines of $f.log:"; tail -20 "$work/$f.log"; }
  done >&2
}
fail() { echo "FAIL: $*" >&2; logs; exit 1; }

for bin in "$GRANTSD" "$CTL" "$PORTAL"; do
  [[ -x "$bin" ]] || fail "$bin not built (bash ops/build.sh)"
done
[[ -x "$CHROMIUM" ]] || fail "$CHROMIUM missing (bash ops/install-deps.sh installs Debian's chromium)"
command -v node >/dev/null && command -v npm >/dev/null ||
  fail "node and npm are needed (bash ops/install-deps.sh)"

# The npm packages, pinned by the committed lock file. `npm ci` only when the
# lock or package.json changed since the last install (a stamp holds their
# hash); the browser is Debian's, so playwright downloads none.
stamp=$(cat "$HERE/package.json" "$HERE/package-lock.json" | sha256sum | cut -d' ' -f1)
mkdir -p "$NPM_DIR"
(
  flock 9
  if [[ "$(cat "$NPM_DIR/node_modules/.grants-stamp" 2>/dev/null)" != "$stamp" ]]; then
    echo "portal e2e: npm ci in $NPM_DIR"
    cp "$HERE/package.json" "$HERE/package-lock.json" "$NPM_DIR/"
    (cd "$NPM_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefer-offline \
      --no-audit --no-fund --loglevel=error) || exit 1
    echo "$stamp" >"$NPM_DIR/node_modules/.grants-stamp"
  fi
) 9>"$NPM_DIR/.lock" || fail "npm ci failed (is the npm registry reachable?)"

psql -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db" || fail "PostgreSQL unreachable"
export GRANTS_DATABASE="dbname=$db"
"$GRANTSD" migrate >/dev/null || fail "migrate failed"

# The portal's port is chosen first: grantsd needs it for the links it mails.
portal_port=$(/usr/bin/python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
portal_url="http://127.0.0.1:$portal_port"
spool="$work/spool"
mkdir -p "$spool"
serve_flags=(--listen 127.0.0.1:0 --tls-cert "$CREDS/server.pem" --tls-key "$CREDS/server.key"
  --client-ca "$CREDS/ca.pem" --jwt-public-key "$CREDS/jwt-signing.pub"
  --audit-key-file "$CREDS/audit.key" --notification-spool "$spool"
  --session-signing-key "$CREDS/session-signing.key" --portal-url "$portal_url")
# Deliver sign-in mail promptly where grantsd lets the dispatcher run more often.
if "$GRANTSD" serve --help 2>/dev/null | grep -q -- --outbox-interval-ms; then
  serve_flags+=(--outbox-interval-ms 500)
fi

# shellcheck source=../e2e/lib.sh
source "$ROOT/tests/e2e/lib.sh"

"$GRANTSD" serve "${serve_flags[@]}" >"$work/grantsd.log" 2>&1 &
grantsd_pid=$!
port=$(wait_port "$grantsd_pid" "$work/grantsd.log" grantsd)

# An officer sets up a programme and a round that is open now.
export GRANTS_SERVER="localhost:$port" GRANTS_CA="$CREDS/ca.pem"
export GRANTS_SIGNING_KEY="$CREDS/jwt-signing.key" GRANTS_AS=officer
trap 'logs' ERR  # a grantsctl refusal stops the script (set -e) with its message
funder=$("$CTL" -o json funder create --org-id GB-CHC-1085314 --name "Trust for London" | json_field '["id"]')
fund=$("$CTL" -o json fund create --name "London Community Migration Fund" | json_field '["id"]')
"$CTL" fund contribute --fund "$fund" --funder "$funder" --amount 100000 >/dev/null
prog=$("$CTL" -o json programme create --code EUSS --name "EU Settlement Scheme outreach grants" \
  --fund "$fund" --community roma --community disabled_people | json_field '["id"]')
round_name="EUSS outreach, round 1"
name_ro="Sprijin EUSS, runda 1"
question_text="How will you reach people who have not applied yet?"
question_ro="Cum veți ajunge la oamenii care nu au aplicat încă?"
description_en="Small grants for groups helping people apply to the EU Settlement Scheme."
description_ro="Granturi mici pentru grupurile care ajută oamenii să aplice la EU Settlement Scheme."
round=$("$CTL" -o json round create --programme "$prog" --name "$round_name" \
  --description "$description_en" \
  --opens 2025-03-01T09:00 --closes 2030-04-01T12:00 --budget 45000 --min-grant 500 \
  --max-grant 5000 --london-only --required-document accounts \
  --question "reach_plan|$question_text|required|2000" |
  json_field '["id"]')
# An officer's Romanian name and description (#17 item 2); the question's
# Romanian comes later, once a Romanian group has applied (journey.mjs).
"$CTL" round translate "$round" --language ro --name "$name_ro" \
  --description "$description_ro" >/dev/null
"$CTL" round open "$round" >/dev/null
trap - ERR

"$PORTAL" --listen "127.0.0.1:$portal_port" --grantsd "localhost:$port" --ca "$CREDS/ca.pem" \
  --client-cert "$CREDS/portal.pem" --client-key "$CREDS/portal.key" \
  --session-key-file "$CREDS/portal-session.key" --post-burst 1000 \
  >"$work/portal.log" 2>&1 &
portal_pid=$!
got=$(wait_port "$portal_pid" "$work/portal.log" grants-portal)
[[ "$got" == "$portal_port" ]] || fail "grants-portal listens on $got, not $portal_port"
# A second portal with the same keys, as behind a load balancer.
"$PORTAL" --listen "127.0.0.1:0" --grantsd "localhost:$port" --ca "$CREDS/ca.pem" \
  --client-cert "$CREDS/portal.pem" --client-key "$CREDS/portal.key" \
  --session-key-file "$CREDS/portal-session.key" --post-burst 1000 \
  >"$work/portal2.log" 2>&1 &
portal2_pid=$!
portal2_port=$(wait_port "$portal2_pid" "$work/portal2.log" grants-portal)

# A chunked body is refused before it is read (cpp-httplib bounds a body by
# its Content-Length only).
chunked=$(printf 'email=a%%40example.org' | curl -s -o /dev/null -w '%{http_code}' \
  -H 'Transfer-Encoding: chunked' --data-binary @- "$portal_url/sign-in")
[[ "$chunked" == 411 ]] || fail "a chunked POST: HTTP $chunked, not 411"
# So is a POST without a length, which would be read until the client
# closes (curl sends none without data).
unsized=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -X POST "$portal_url/sign-in")
[[ "$unsized" == 411 ]] || fail "a POST without a Content-Length: HTTP $unsized, not 411"

rm -rf "$SHOTS"
mkdir -p "$SHOTS"
rc=0
PORTAL_URL="$portal_url" PORTAL2_URL="http://127.0.0.1:$portal2_port" SPOOL_DIR="$spool" SCREENSHOTS_DIR="$SHOTS" \
  NODE_MODULES_DIR="$NPM_DIR/node_modules" CHROMIUM="$CHROMIUM" ROUND_NAME="$round_name" \
  ROUND_ID="$round" QUESTION_ID=reach_plan GRANTSCTL="$CTL" \
  QUESTION_TEXT="$question_text" QUESTION_RO="$question_ro" NAME_RO="$name_ro" \
  DESCRIPTION_EN="$description_en" DESCRIPTION_RO="$description_ro" \
  node "$HERE/journey.mjs" || rc=$?
if ((rc != 0)); then
  fail "the browser journey failed (exit $rc; screenshots so far in $SHOTS)"
fi
kill -0 "$portal_pid" 2>/dev/null || fail "grants-portal died during the journey"
kill -0 "$grantsd_pid" 2>/dev/null || fail "grantsd died during the journey"
echo "e2e: portal browser journey passed (screenshots in $SHOTS)"
