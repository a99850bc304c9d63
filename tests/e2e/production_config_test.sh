#!/usr/bin/env bash
# The production layout's files parse as their programs read them:
# systemd-analyze verify on the two units (with the binaries from the build
# in their place), haproxy -c on haproxy.cfg with haproxy.env's settings,
# and patroni --validate-config on patroni.yml with patroni.env's. (The
# fault test, ops/fault-test.sh, runs haproxy.cfg and patroni.yml for real.)
# Usage: production_config_test.sh BUILD_DIR REPO_ROOT
set -euo pipefail
BUILD=$1 ROOT=$2
PROD="$ROOT/ops/production"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# systemd: each unit with its ExecStart pointing at the built binary.
for unit in grantsd grants-portal; do
  bin="$BUILD/services/server/grantsd"
  [[ $unit == grants-portal ]] && bin="$BUILD/clients/portal/grants-portal"
  sed "s|/usr/local/bin/$unit|$bin|" "$PROD/$unit.service" >"$work/$unit.service"
  out=$(systemd-analyze verify "$work/$unit.service" 2>&1) || fail "$unit.service: $out"
  # Only complaints about this machine (no grants user, no /etc/grants) may remain.
  if grep -v -e "grants" -e "^$" <<<"$out" | grep -q .; then fail "$unit.service: $out"; fi
done

# HAProxy: the file with haproxy.env's values (the CA and certificate
# swapped for test ones, the sockets for scratch paths).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 \
  -subj /CN=grants.example.org -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
cat "$work/cert.pem" "$work/key.pem" >"$work/site.pem"
(
  set -a
  # shellcheck disable=SC1091
  source "$PROD/haproxy.env"
  set +a
  GRANTS_LB_LOG=stdout GRANTS_LB_STATS_SOCKET="$work/admin.sock"
  GRANTS_LB_PORTAL_CERT="$work/site.pem" GRANTS_LB_CA="$work/cert.pem"
  export GRANTS_LB_LOG GRANTS_LB_STATS_SOCKET GRANTS_LB_PORTAL_CERT GRANTS_LB_CA
  haproxy -c -q -f "$PROD/haproxy.cfg"
) || fail "haproxy -c refused ops/production/haproxy.cfg"

# The health check's frames are what grpc-health-frames.py spells out.
while read -r rule; do
  grep -qF -- "$rule" "$PROD/haproxy.cfg" || fail "haproxy.cfg lacks '$rule'"
done < <(/usr/bin/python3 "$PROD/grpc-health-frames.py")

# Patroni: the file with patroni.env's values.
(
  set -a
  # shellcheck disable=SC1091
  source "$PROD/patroni.env"
  set +a
  # Addresses of this machine, on ports nothing uses.
  export PATRONI_POSTGRESQL_DATA_DIR="$work/pgdata"
  export PATRONI_RESTAPI_LISTEN=127.0.0.1:1 PATRONI_POSTGRESQL_LISTEN=127.0.0.1:2
  # Patroni 3.0.2's validator still asks for bootstrap.pg_hba, which
  # Patroni itself no longer reads (postgresql.pg_hba is set): not a fault.
  out=$(cd / && patroni --validate-config "$PROD/patroni.yml" 2>&1) || true
  out=$(grep -v -e "^bootstrap.pg_hba  *is not defined.$" -e "^$" <<<"$out" || true)
  [[ -z "$out" ]] || { echo "$out" >&2; exit 1; }
) || fail "patroni --validate-config refused ops/production/patroni.yml"
echo "production config: ok"
