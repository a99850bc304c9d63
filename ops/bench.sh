#!/usr/bin/env bash
# The benchmarks in one command: builds, starts a throwaway PostgreSQL
# (pg_virtualenv) and grantsd on it, runs tools/bench/grants_bench and prints
# its figures for each scenario, over gRPC (TLS, bearer tokens) and then as
# the same transactions in-process at 1..64 connections:
#   rush    the deadline rush: 64 grantees create and submit applications to
#           one open round;
#   offers  the contended award: 64 officers offer awards (OfferAward) for
#           approved applications of one closed round, every offer committing
#           its amount on that round's one commitment row; also prints offers
#           refused BUDGET_EXHAUSTED (0 expected) and the round's commitment.
#   reach   GetReachSummary at 100k and 1M accepted reports beside the plain
#           GROUP BY over the same reports (--scenario reach only; seeding a
#           million reports takes about 3 minutes).
#   export  the 360Giving export at 10k and 100k awards (--export-sizes):
#           one client streams every page of ExportGrants into a package
#           file, beside the same pages in-process and the raw page query;
#           time, grants/s, page latency, the peak RSS of the client and of
#           grantsd (--server-pid, passed here), the ratio gRPC/raw; the
#           last package validated by tests/validate_360giving.py when the
#           360Giving schema is at ../shared/standards (--scenario export
#           only).
# rush and offers run by default (--scenario all). Extra arguments go to grants_bench
# (e.g. --scenario offers --clients 64 --seconds 15 --raw-seconds 5);
# GRANTSD_BENCH_FLAGS adds flags to grantsd's (e.g. "--pool-size 4").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GRANTS_BUILD_DIR:-$ROOT/build}"
bash "$ROOT/ops/build.sh" --target grantsd grants_bench >/dev/null
CREDS="$BUILD/bench-credentials"
bash "$ROOT/ops/dev-credentials.sh" "$CREDS" >/dev/null

# shellcheck disable=SC2016 # expanded by the inner bash
inner='
set -euo pipefail
BUILD=$1 CREDS=$2 ROOT=$3; shift 3
psql -q -d postgres -c "CREATE DATABASE grants_bench" >/dev/null
export GRANTS_DATABASE="dbname=grants_bench"
"$BUILD/services/server/grantsd" migrate >/dev/null
log=$(mktemp)
"$BUILD/services/server/grantsd" serve --listen 127.0.0.1:0 \
  --tls-cert "$CREDS/server.pem" --tls-key "$CREDS/server.key" \
  --client-ca "$CREDS/ca.pem" --jwt-public-key "$CREDS/jwt-signing.pub" \
  --audit-key-file "$CREDS/audit.key" ${GRANTSD_BENCH_FLAGS:-} >"$log" 2>&1 &
pid=$!
trap "kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f $log" EXIT
port=""
for _ in $(seq 100); do
  port=$(grep -o "\"port\":[0-9]*" "$log" | head -1 | cut -d: -f2 || true)
  [[ -n "$port" ]] && break
  sleep 0.1
done
[[ -n "$port" ]] || { echo "bench: grantsd did not start" >&2; cat "$log" >&2; exit 1; }
validate=()
schema="${GRANTS_360G_SCHEMA_DIR:-$ROOT/../shared/standards/360giving/schema}"
if [[ -f "$schema/360-giving-schema.json" ]]; then
  validate=(--validator "$ROOT/tests/validate_360giving.py" --schema-dir "$schema")
fi
"$BUILD/tools/bench/grants_bench" --server "localhost:$port" --ca "$CREDS/ca.pem" \
  --signing-key "$CREDS/jwt-signing.key" --database "$GRANTS_DATABASE" \
  --audit-key-file "$CREDS/audit.key" --server-pid "$pid" "${validate[@]}" "$@"
'
pg_virtualenv -t -v 15 -- bash -c "$inner" inner "$BUILD" "$CREDS" "$ROOT" "$@"
