#!/usr/bin/env bash
# The production layout's files parse as their programs read them, and
# HAProxy's per-client limits hold (below):
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

# The portal's limits and refusal pages, as the load balancer reads them.
mkdir "$work/door"
"$BUILD/clients/portal/grants-portal" --write-door-maps "$work/door" || fail "--write-door-maps"

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
  GRANTS_LB_DOOR_MAPS="$work/door"
  export GRANTS_LB_LOG GRANTS_LB_STATS_SOCKET GRANTS_LB_PORTAL_CERT GRANTS_LB_CA GRANTS_LB_DOOR_MAPS
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

# The per-client limits, for real: haproxy.cfg in front of a stand-in
# portal (plain HTTP) and a stand-in grantsd that answers the health check
# with a SERVING frame over TLS and holds every other connection.
read -r LB_GRPC LB_PORTAL BACK GBACK < <(/usr/bin/python3 -c '
import socket
s = [socket.socket() for _ in range(4)]
for x in s: x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))')
/usr/bin/python3 - "$BACK" "$GBACK" "$work/cert.pem" "$work/key.pem" >"$work/backend.log" 2>&1 <<'PY' &
import http.server, socket, ssl, sys, threading
class OK(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers()
        self.wfile.write(b"ok")
    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.do_GET()
    def log_message(self, *a): pass
threading.Thread(target=http.server.ThreadingHTTPServer(
    ("127.0.0.1", int(sys.argv[1])), OK).serve_forever, daemon=True).start()
tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
tls.load_cert_chain(sys.argv[3], sys.argv[4])
tls.set_alpn_protocols(["h2"])
SERVING = bytes.fromhex("00000700000000000100000000020801")
def serve(conn):
    try:
        c = tls.wrap_socket(conn, server_side=True)  # a client that sends nothing waits here
        got = b""
        while not got.endswith(bytes.fromhex("0000050001000000010000000000")):
            chunk = c.recv(4096)
            if not chunk: return
            got += chunk
        c.sendall(SERVING)
        while c.recv(4096): pass
    except Exception:
        pass
listener = socket.create_server(("127.0.0.1", int(sys.argv[2])))
while True:
    conn, _ = listener.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
PY
backend=$!
GRANTS_LB_LOG=stdout GRANTS_LB_STATS_SOCKET="$work/lb.sock" GRANTS_LB_DOOR_MAPS="$work/door" \
  GRANTS_LB_GRPC_BIND="127.0.0.1:$LB_GRPC" GRANTS_LB_PORTAL_BIND="127.0.0.1:$LB_PORTAL" \
  GRANTS_LB_GRPC_CONN_PER_CLIENT=3 GRANTS_LB_GRPC_CONN_RATE=1000 GRANTS_LB_PORTAL_REQ_RATE=8 \
  GRANTS_TLS_NAME=grants.example.org GRANTS_LB_CA="$work/cert.pem" \
  GRANTS_LB_GRANTSD1="127.0.0.1:$GBACK" GRANTS_LB_GRANTSD2="127.0.0.1:$GBACK" \
  GRANTS_LB_PORTAL1="127.0.0.1:$BACK" GRANTS_LB_PORTAL2="127.0.0.1:$BACK" \
  haproxy -db -f "$PROD/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
lb=$!
trap 'kill "$backend" "$lb" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; tail -20 "$work/haproxy.log" >&2; exit 1; }
# Ready when HAProxy has both stand-in grantsd UP by their health check.
lb_up() {
  /usr/bin/python3 - "$work/lb.sock" <<'PY2'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(b"show stat\n")
out = b""
while chunk := s.recv(65536): out += chunk
rows = [l.split(",") for l in out.decode().splitlines()]
up = [r for r in rows if len(r) > 36 and r[0] == "grantsd" and r[17] == "UP" and r[36].startswith("L7OK")]
sys.exit(0 if len(up) == 2 else 1)
PY2
}
for _ in $(seq 100); do lb_up 2>/dev/null && break; sleep 0.1; done
lb_up || fail "HAProxy did not pass a stand-in grantsd that answers SERVING"
front="http://127.0.0.1:$LB_PORTAL"
curl -s -o /dev/null "$front/"
# The page HAProxy answers with for `key` of the map `file` (door.h).
door_page() { grep "^$2 " "$work/door/$1" | cut -d' ' -f2-; }
# (The readiness probe above was the client's first request.) A form
# bigger than the portal reads is refused at the door with the portal's
# page in the cookie's language (the second); a document's form of the
# same size goes through (the third), one bigger than a document's form is
# refused (the fourth), and so is a chunked body (the fifth).
post() { # bytes path [curl options]: "<status> <file of the body>"
  local out code; out=$(mktemp -p "$work")
  code=$(head -c "$1" /dev/zero | curl -s -o "$out" -w "%{http_code}" -X POST \
    --data-binary @- "${@:3}" "$front$2")
  echo "$code $out"
}
id=0b5a4c1e-8f3d-4c2a-9e7b-1d2c3b4a5f60
form_limit=$(awk '$1 == "form" {print $2}' "$work/door/limits.map")
document_limit=$(awk '$1 == "document" {print $2}' "$work/door/limits.map")
read -r code body < <(post $((form_limit + 1)) /applications -b grants_lang=ro)
[[ "$code" == 413 ]] || fail "a form over $form_limit bytes: got $code, not 413"
[[ "$(cat "$body")" == "$(door_page 413.map ro-form)" ]] || fail "the 413 page is not the portal's in Romanian: $(head -c 300 "$body")"
grep -q 'lang="ro"' "$body" || fail "the 413 page has no lang=ro"
read -r code _ < <(post $((form_limit + 1)) "/applications/$id/documents")
[[ "$code" == 200 ]] || fail "a document's form of $((form_limit + 1)) bytes: got $code, not 200"
read -r code body < <(post $((document_limit + 1)) "/reports/$id" -b grants_lang=ar)
[[ "$code" == 413 ]] || fail "a document's form over $document_limit bytes: got $code, not 413"
[[ "$(cat "$body")" == "$(door_page 413.map ar-document)" ]] || fail "the document 413 page is not the portal's in Arabic"
read -r code _ < <(post 10 /sign-in -H 'Transfer-Encoding: chunked')
[[ "$code" == 411 ]] || fail "a chunked body: got $code, not 411"
codes=$(for _ in 1 2 3 4 5; do curl -s -o /dev/null -w '%{http_code} ' "$front/sign-in"; done)
[[ "$codes" == "200 200 200 429 429 " ]] || fail "portal request limit: got $codes"
headers=$(curl -s -D - -o "$work/429.html" -b grants_lang=pl "$front/sign-in")
grep -qi '^retry-after: 10' <<<"$headers" || fail "a 429 without Retry-After: $headers"
[[ "$(cat "$work/429.html")" == "$(door_page 429.map pl)" ]] || fail "the 429 page is not the portal's in Polish"
# gRPC: 3 connections at once from one address are let through, a 4th is
# closed before it reaches a server.
/usr/bin/python3 - "$LB_GRPC" <<'PY' || fail "gRPC connection limit"
import socket, sys, time
port = int(sys.argv[1])
held = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
time.sleep(0.3)
extra = socket.create_connection(("127.0.0.1", port))
extra.settimeout(2)
try:
    data = extra.recv(1)  # closed by HAProxy: b"" (or a reset)
except ConnectionResetError:
    data = b""
except socket.timeout:
    sys.exit("the 4th connection was kept open")
if data != b"":
    sys.exit("the 4th connection got data")
for s in held:
    s.settimeout(0.3)
    try:
        if s.recv(1) == b"":
            sys.exit("one of the first 3 connections was closed")
    except socket.timeout:
        pass  # still open, as it should be
PY
echo "front-door limits: ok (forms over their limits 413 and a chunked body 411, each with the portal's page in the cookie's language; portal 429 after 8 requests in 10 s, gRPC 4th connection refused)"
