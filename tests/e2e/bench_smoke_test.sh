#!/usr/bin/env bash
# The benchmarks still run: every scenario of tools/bench at a tiny size
# against a grantsd on the test PostgreSQL. It checks that each run ends
# with no errors and prints its figures (ops, the raw sweep and the ratio,
# the budget check, the reach consistency, the export's pages); it does not
# judge the figures, which belong to ops/bench.sh on a quiet machine.
# Usage: bench_smoke_test.sh BUILD_DIR REPO_ROOT CREDENTIALS_DIR
set -euo pipefail
BUILD=$1 ROOT=$2 CREDS=$3
GRANTSD="$BUILD/services/server/grantsd"
BENCH="$BUILD/tools/bench/grants_bench"
work=$(mktemp -d)
db="grants_bench_smoke_$$_$RANDOM"
pid=""

cleanup() {
  if [[ -n "$pid" ]]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [[ -f "$work/grantsd.log" ]] && tail -20 "$work/grantsd.log" >&2; exit 1; }
# shellcheck source=lib.sh
source "$ROOT/tests/e2e/lib.sh"
expect_in() { grep -Eq -- "$1" <<<"$2" || fail "expected '$1' in: $2"; }

psql -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db" || fail "PostgreSQL unreachable"
export GRANTS_DATABASE="dbname=$db"
"$GRANTSD" migrate >/dev/null
"$GRANTSD" serve --listen 127.0.0.1:0 --tls-cert "$CREDS/server.pem" \
  --tls-key "$CREDS/server.key" --client-ca "$CREDS/ca.pem" \
  --jwt-public-key "$CREDS/jwt-signing.pub" --audit-key-file "$CREDS/audit.key" \
  >"$work/grantsd.log" 2>&1 &
pid=$!
port=$(wait_port "$pid" "$work/grantsd.log" grantsd)

# Runs grants_bench with the target's flags and prints what it printed;
# fails (in the caller's $(...), which set -e then ends) when it fails.
bench() {
  "$BENCH" --server "localhost:$port" --ca "$CREDS/ca.pem" \
    --signing-key "$CREDS/jwt-signing.key" --database "$GRANTS_DATABASE" \
    --audit-key-file "$CREDS/audit.key" --server-pid "$pid" "$@" \
    >"$work/bench.out" 2>&1 || fail "grants_bench $* failed: $(tail -5 "$work/bench.out")"
  ! grep -E 'errors [1-9]|NOT CONSISTENT' "$work/bench.out" \
    || fail "grants_bench $* counted errors"
  cat "$work/bench.out"
  cat "$work/bench.out" >&2  # the figures, for ctest's log
}

# Rush and offers: the callback client's operations complete, none fails,
# and the raw sweep and ratio are printed.
out=$(bench --scenario all --clients 8 --seconds 1 --raw-seconds 1 \
  --raw-levels 1,2 --approved 8000)
rush=$(sed -n '/^gRPC, TLS, bearer tokens/{n;p}' <<<"$out")
expect_in '^ +[1-9][0-9]* ops .* errors 0$' "$rush"
offers=$(sed -n '/^gRPC, TLS, one officer/{n;p}' <<<"$out")
expect_in '^ +[1-9][0-9]* offers .* errors 0$' "$offers"
expect_in '2 connections: +[1-9][0-9]* ops' "$out"
[[ $(grep -c '^ratio gRPC/raw at 8 clients: [0-9.]*[1-9]' <<<"$out") == 2 ]] \
  || fail "expected two non-zero ratios in: $out"
expect_in 'refused BUDGET_EXHAUSTED: 0' "$out"

# Reach and export at a few thousand rows.
out=$(bench --scenario reach --reach-sizes 2000,4000 --reach-batch 2000 \
  --summary-calls 20 --group-by-calls 2 --verify-max 4000)
expect_in 'VerifyReach.*: consistent' "$out"
out=$(bench --scenario export --export-sizes 500,1000 --export-batch 500 \
  --export-page-size 100)
expect_in '^ +1000 grants in .* grants/s' "$out"
expect_in 'ratio gRPC/raw: [0-9.]*[1-9]' "$out"
echo "bench smoke: every scenario ran without errors"
