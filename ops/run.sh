#!/usr/bin/env bash
# Build and run the whole system locally: dev credentials, private PostgreSQL,
# migrations, then grantsd in the foreground and the grantee portal beside it
# (Ctrl-C stops the portal, grantsd and PostgreSQL).
# Usage: bash ops/run.sh          build, migrate and serve
#        bash ops/run.sh stop     stop a running grantsd and PostgreSQL
# Env: GRANTS_BUILD_DIR, GRANTS_PORT (50051), GRANTS_METRICS_LISTEN (127.0.0.1:9464),
#      GRANTS_PORTAL_PORT (8080),
#      GRANTS_PG_DIR, GRANTS_PG_PORT (see ops/pg.sh), GRANTS_CLAMD (a clamd to
#      scan documents; default a private one, ops/clamd.sh), GRANTS_SMTP_URL (deliver
#      messages to this relay instead of .run/spool; with GRANTS_SMTP_TLS,
#      GRANTS_SMTP_USER, GRANTS_SMTP_PASSWORD_FILE: see grantsd serve --help).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GRANTS_BUILD_DIR:-$ROOT/build}"
RUN="$ROOT/.run"
CREDS="$RUN/credentials"
PIDFILE="$RUN/grantsd.pid"
ENVFILE="$RUN/grantsctl.env"
PORT="${GRANTS_PORT:-50051}"
METRICS_LISTEN="${GRANTS_METRICS_LISTEN:-127.0.0.1:9464}"
PORTAL_PORT="${GRANTS_PORTAL_PORT:-8080}"
PORTAL_URL="http://127.0.0.1:$PORTAL_PORT"
PORTAL_PIDFILE="$RUN/portal.pid"
PORTAL="$BUILD/clients/portal/grants-portal"
GRANTSD="$BUILD/services/server/grantsd"
GRANTSCTL="$BUILD/clients/grantsctl/grantsctl"

log() { echo "run: $*"; }

# rel PATH: PATH relative to the repo root when it lies inside it.
rel() { printf '%s' "${1#"$ROOT"/}"; }

# stop_grantsd: SIGTERM the grantsd recorded in the pidfile, wait up to 30 s.
stop_grantsd() {
  [[ -f "$PIDFILE" ]] || return 0
  local pid
  pid="$(<"$PIDFILE")"
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    [[ "$(ps -o comm= -p "$pid" 2>/dev/null)" == grantsd ]]; then
    log "stopping grantsd (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 300; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "grantsd (pid $pid) did not stop within 30 s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$PIDFILE"
}

# stop_portal: SIGTERM the portal recorded in its pidfile.
stop_portal() {
  [[ -f "$PORTAL_PIDFILE" ]] || return 0
  local ppid
  ppid="$(<"$PORTAL_PIDFILE")"
  if [[ "$ppid" =~ ^[0-9]+$ ]] && [[ "$(ps -o comm= -p "$ppid" 2>/dev/null)" == grants-portal ]]; then
    log "stopping the portal (pid $ppid)"
    kill -TERM "$ppid" 2>/dev/null || true
  fi
  rm -f "$PORTAL_PIDFILE"
}

# open_demo_round: unless a round is open, an officer sets up a demo
# programme and a round open for 30 days, so the demo grantee can apply
# through the portal. Failure only warns.
open_demo_round() {
  local out rc=0
  out="$(
    set -e
    # shellcheck disable=SC1090
    source "$ENVFILE"
    id() { /usr/bin/python3 -c "import json,sys;print(json.load(sys.stdin)['id'])"; }
    if [[ -n "$("$GRANTSCTL" -o csv round list --state open | sed 1d)" ]]; then
      echo "a round is open already"; exit 0
    fi
    stamp=$(date +%Y%m%d%H%M%S)
    funder=$("$GRANTSCTL" -o json funder create --org-id "GB-CHC-$((1000000 + RANDOM))" \
      --name "Demo Foundation" | id)
    fund=$("$GRANTSCTL" -o json fund create --name "Demo pooled fund $stamp" | id)
    "$GRANTSCTL" fund contribute --fund "$fund" --funder "$funder" --amount 50000 >/dev/null
    programme=$("$GRANTSCTL" -o json programme create --code "DEMO$((RANDOM % 900 + 100))" \
      --name "Demo community outreach grants" --fund "$fund" \
      --community roma --community disabled_people --community low_income_families | id)
    round=$("$GRANTSCTL" -o json round create --programme "$programme" \
      --name "Demo outreach round" \
      --opens "$(TZ=Europe/London date -d '+1 minute' +%Y-%m-%dT%H:%M)" \
      --closes "$(TZ=Europe/London date -d '+30 days' +%Y-%m-%dT12:00)" \
      --budget 20000 --min-grant 500 --max-grant 5000 | id)
    "$GRANTSCTL" round open "$round" >/dev/null
    echo "round $round opens in a minute, for 30 days"
  )" || rc=$?
  if ((rc == 0)); then log "demo round: $out"; else log "warning: no demo round: $out"; fi
}

# wait_for_grantsd: until grantsd's port accepts connections (up to 30 s);
# fails if grantsd exits first.
wait_for_grantsd() {
  local i
  for ((i = 0; i < 300; i++)); do
    kill -0 "$pid" 2>/dev/null || return 1
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

# register_demo_organisation: the grantee organisation ORG-DEMO registers
# itself, as the help text's example expects. The request id is fixed, so a
# re-run (data persists) gets the first registration back; ORGANISATION_EXISTS
# means an earlier run registered it some other way. Failure only warns.
register_demo_organisation() {
  local out rc=0
  out="$(
    # shellcheck disable=SC1090
    source "$ENVFILE"
    GRANTS_AS=grantee GRANTS_ORG=ORG-DEMO GRANTS_SUBJECT=dev-grantee "$GRANTSCTL" \
      --request-id run-sh-register-ORG-DEMO organisation register \
      --name "Demo Community Group" --legal-form unregistered_group --income 12000 \
      --borough E09000030 --contact-name "Demo Coordinator" \
      --contact-email demo@example.org --language en 2>&1
  )" || rc=$?
  if ((rc == 0)) || [[ "$out" == *ORGANISATION_EXISTS* ]]; then
    log "demo grantee organisation ORG-DEMO is registered"
  else
    log "warning: could not register the demo organisation ORG-DEMO: $out"
  fi
}

case "${1:-}" in
  "") ;;
  stop)
    stop_portal
    stop_grantsd
    bash "$ROOT/ops/clamd.sh" stop "$RUN/clamd"
    bash "$ROOT/ops/pg.sh" stop
    exit 0
    ;;
  *)
    echo "usage: $0 [stop]" >&2
    exit 2
    ;;
esac

# Only what it runs: the server, the portal and the CLI (the test suite is
# the test command's to build).
bash "$ROOT/ops/build.sh" --target grantsd grants-portal grantsctl
for bin in "$GRANTSD" "$GRANTSCTL" "$PORTAL"; do
  [[ -x "$bin" ]] || {
    echo "run: error: $bin was not built" >&2
    exit 1
  }
done

bash "$ROOT/ops/dev-credentials.sh" "$CREDS"
stop_grantsd # left over from an earlier run
bash "$ROOT/ops/pg.sh" start
eval "$(bash "$ROOT/ops/pg.sh" env)"
export GRANTS_DATABASE GRANTS_SERVE_DATABASE

# Documents are scanned before anyone can open them: the system's clamd
# when GRANTS_CLAMD names it, else a private one knowing only the EICAR
# test signature (ClamAV's own signatures need the internet).
if [[ -z "${GRANTS_CLAMD:-}" ]]; then
  bash "$ROOT/ops/clamd.sh" stop "$RUN/clamd"
  GRANTS_CLAMD="$(bash "$ROOT/ops/clamd.sh" start "$RUN/clamd")"
  own_clamd=1
fi
export GRANTS_CLAMD

SPOOL="$ROOT/.run/spool"
mkdir -p "$SPOOL"
# grantsd reads the GRANTS_SMTP_* variables itself; a relay replaces the spool.
delivery=(--notification-spool "$SPOOL")
[[ -z "${GRANTS_SMTP_URL:-}" ]] || delivery=()

log "migrating database"
"$GRANTSD" migrate --database "$GRANTS_DATABASE"

{
  echo "# Written by ops/run.sh: source it to talk to the local grantsd with grantsctl."
  printf 'export GRANTS_SERVER=%q\n' "127.0.0.1:$PORT"
  printf 'export GRANTS_CA=%q\n' "$CREDS/ca.pem"
  printf 'export GRANTS_SIGNING_KEY=%q\n' "$CREDS/jwt-signing.key"
  printf 'export GRANTS_AS=%q\n' officer
} >"$ENVFILE"

cat <<EOF_HELP

How to call it (from $ROOT, in another terminal):
  source $(rel "$ENVFILE")
  $(rel "$GRANTSCTL") funder list
  # as the finance machine (mutual TLS client certificate):
  $(rel "$GRANTSCTL") --client-cert $(rel "$CREDS")/finance.pem --client-key $(rel "$CREDS")/finance.key ...
  # as the demo grantee (its organisation ORG-DEMO is registered once grantsd is up):
  GRANTS_AS=grantee GRANTS_ORG=ORG-DEMO $(rel "$GRANTSCTL") organisation get ORG-DEMO
  # raw gRPC (needs server reflection, or add -import-path/-proto):
  grpcurl -cacert $(rel "$CREDS")/ca.pem -cert $(rel "$CREDS")/finance.pem -key $(rel "$CREDS")/finance.key 127.0.0.1:$PORT list
Grantee portal: $PORTAL_URL
Messages to grantees (sign-in links, receipts, decisions, offers, payments, reminders): ${GRANTS_SMTP_URL:-$(rel "$SPOOL")/*.eml}
Metrics: http://$METRICS_LISTEN/metrics    Stop: Ctrl-C or bash ops/run.sh stop

EOF_HELP

# shellcheck disable=SC2317 # invoked via trap
shutdown() {
  trap - INT TERM
  log "shutting down"
  stop_portal
  stop_grantsd
  if [[ -n "${pid:-}" ]]; then
    wait "$pid" 2>/dev/null || true
  fi
  [[ -z "${own_clamd:-}" ]] || bash "$ROOT/ops/clamd.sh" stop "$RUN/clamd"
  bash "$ROOT/ops/pg.sh" stop
}
trap 'shutdown; exit 130' INT
trap 'shutdown; exit 143' TERM

"$GRANTSD" serve \
  --listen "127.0.0.1:$PORT" \
  --database "$GRANTS_SERVE_DATABASE" \
  --tls-cert "$CREDS/server.pem" \
  --tls-key "$CREDS/server.key" \
  --client-ca "$CREDS/ca.pem" \
  --jwt-public-key "$CREDS/jwt-signing.pub" \
  --audit-key-file "$CREDS/audit.key" \
  --audit-checkpoint-key "$CREDS/audit-checkpoint.key" \
  --metrics-listen "$METRICS_LISTEN" \
  --session-signing-key "$CREDS/session-signing.key" \
  --portal-url "$PORTAL_URL" \
  "${delivery[@]}" &
pid=$!
echo "$pid" >"$PIDFILE"
log "grantsd running (pid $pid) on 127.0.0.1:$PORT"
if wait_for_grantsd; then
  register_demo_organisation
  open_demo_round
  stop_portal
  "$PORTAL" --listen "127.0.0.1:$PORTAL_PORT" --grantsd "localhost:$PORT" \
    --ca "$CREDS/ca.pem" --client-cert "$CREDS/portal.pem" \
    --client-key "$CREDS/portal.key" \
    --session-key-file "$CREDS/portal-session.key" >/dev/null &
  echo "$!" >"$PORTAL_PIDFILE"
  log "grantee portal on $PORTAL_URL (sign in with any address; the link arrives in $(rel "$SPOOL"))"
fi

rc=0
wait "$pid" || rc=$?
# grantsd exited by itself (or via `ops/run.sh stop`).
trap - INT TERM
stop_portal
log "grantsd exited with status $rc"
rm -f "$PIDFILE"
[[ -z "${own_clamd:-}" ]] || bash "$ROOT/ops/clamd.sh" stop "$RUN/clamd"
bash "$ROOT/ops/pg.sh" stop
exit "$rc"
