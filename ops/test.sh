#!/usr/bin/env bash
# Build, then run every test (ctest) against a throwaway PostgreSQL 15 cluster
# created by Debian's pg_virtualenv (it exports PGHOST/PGPORT/PGUSER/PGPASSWORD/
# PGDATABASE to the tests and drops the cluster afterwards).
# Usage: bash ops/test.sh [extra ctest args, e.g. -R audit]
# Exits with ctest's status; ctest's summary is the last thing printed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GRANTS_BUILD_DIR:-$ROOT/build}"
JOBS="${GRANTS_TEST_JOBS:-2}"

bash "$ROOT/ops/build.sh"

tmp="$(mktemp -d)"
trap 'bash "$ROOT/ops/clamd.sh" stop "$tmp/clamd"; rm -rf "$tmp"' EXIT
# Documents are scanned by a private clamd with the EICAR test signature.
# The in-process test servers read GRANTS_TEST_CLAMD; every grantsd the e2e
# scripts start reads GRANTS_CLAMD itself.
GRANTS_TEST_CLAMD="$(bash "$ROOT/ops/clamd.sh" start "$tmp/clamd")"
export GRANTS_TEST_CLAMD GRANTS_CLAMD="$GRANTS_TEST_CLAMD"
mkdir -p "$BUILD/Testing"
server_log="$BUILD/Testing/postgresql.log"

# Runs inside pg_virtualenv. ctest writes straight to the caller's stdout/stderr
# (fds 3/4) and its status goes to a file, so pg_virtualenv's own chatter
# ("Creating/Dropping cluster", server log dumps) can be kept out of the way.
# shellcheck disable=SC2016 # expanded by the inner bash
inner='
rc=0
ctest --test-dir "$1" --output-on-failure -j "$2" "${@:5}" >&3 2>&4 || rc=$?
log="$(pg_lsclusters --no-header 2>/dev/null | awk "\$2 == \"regress\" { print \$NF }")"
if [[ -n "$log" && -r "$log" ]]; then cp "$log" "$4" || true; fi
echo "$rc" >"$3"
'

echo "test: running ctest against a throwaway PostgreSQL 15 (pg_virtualenv; server log -> $server_log)"
pgv_rc=0
# -t: keep the cluster in a temp dir even as root (instead of /etc/postgresql/15/regress).
pg_virtualenv -t -v 15 -- bash -c "$inner" inner "$BUILD" "$JOBS" "$tmp/ctest.rc" "$server_log" "$@" \
  3>&1 4>&2 >"$tmp/pg_virtualenv.log" 2>&1 || pgv_rc=$?

if [[ ! -s "$tmp/ctest.rc" ]]; then
  echo "test: error: pg_virtualenv failed (status $pgv_rc) before ctest finished:" >&2
  cat "$tmp/pg_virtualenv.log" >&2
  exit "$((pgv_rc == 0 ? 1 : pgv_rc))"
fi
exit "$(<"$tmp/ctest.rc")"
