#!/usr/bin/env bash
# The layering check's own test: a tree with one include pointing up each
# floor fails and names every one; the same tree without them passes.
set -euo pipefail
CHECK="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/check_layers.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"/{common,domain,storage,services/awards,clients/portal}
echo '#include "common/money.h"' >"$tmp/domain/ok.h"
echo '#include "domain/awards.h"' >"$tmp/storage/ok.h"
echo '#include "storage/pool.h"' >"$tmp/services/awards/ok.cc"
echo '#include "clients/client/connection.h"' >"$tmp/clients/portal/ok.cc"
bash "$CHECK" --root "$tmp" >/dev/null || { echo "FAIL: a clean tree was refused"; exit 1; }

echo '#include "services/awards/award_service.h"' >"$tmp/storage/up.h"
echo '#include <grpcpp/grpcpp.h>' >"$tmp/domain/grpc.h"
echo '#include <pqxx/pqxx>' >"$tmp/common/pq.h"
echo '#include "storage/pool.h"' >"$tmp/clients/portal/db.cc"
echo '#include "domain/awards.h"' >"$tmp/common/down.h"
rc=0
out="$(bash "$CHECK" --root "$tmp" 2>&1)" || rc=$?
((rc == 1)) || { echo "FAIL: exit $rc, want 1: $out"; exit 1; }
for want in storage/up.h domain/grpc.h common/pq.h clients/portal/db.cc common/down.h; do
  grep -q "$want" <<<"$out" || { echo "FAIL: $want not named: $out"; exit 1; }
done
grep -q "ok.h\|ok.cc" <<<"$out" && { echo "FAIL: a legal include named: $out"; exit 1; }
echo "check_layers_test: ok"
