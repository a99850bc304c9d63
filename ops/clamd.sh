#!/usr/bin/env bash
# A private clamd (ClamAV's daemon, Debian's clamav-daemon package) for tests
# and the local run: its own socket, log and signature directory holding
# only ops/clamav/test-signatures.ndb (the EICAR test signature), since
# ClamAV's published signatures come from the internet (freshclam). In
# production grantsd asks the system's clamav-daemon (docs/production.md).
# Usage: bash ops/clamd.sh start DIR   start in DIR (socket DIR/clamd.sock),
#                                      wait until it answers, print the socket
#        bash ops/clamd.sh stop DIR    stop the clamd started in DIR
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cmd="${1:-}"
dir="${2:-}"
[[ -n "$cmd" && -n "$dir" ]] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

case "$cmd" in
start)
  mkdir -p "$dir/db"
  dir="$(cd "$dir" && pwd)"
  cp "$ROOT/ops/clamav/test-signatures.ndb" "$dir/db/"
  cat >"$dir/clamd.conf" <<CONF
LocalSocket $dir/clamd.sock
LocalSocketMode 660
Foreground yes
DatabaseDirectory $dir/db
LogFile $dir/clamd.log
PidFile $dir/clamd.pid
StreamMaxLength 64M
SelfCheck 3600
CONF
  rm -f "$dir/clamd.sock"
  clamd -c "$dir/clamd.conf" >/dev/null 2>&1 &
  echo $! >"$dir/clamd.bgpid"
  for _ in $(seq 1 150); do
    if [[ -S "$dir/clamd.sock" ]] &&
      python3 - "$dir/clamd.sock" <<'PY' 2>/dev/null; then
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(2)
s.connect(sys.argv[1])
s.sendall(b"zPING\0")
sys.exit(0 if s.recv(16).startswith(b"PONG") else 1)
PY
      echo "$dir/clamd.sock"
      exit 0
    fi
    kill -0 "$(<"$dir/clamd.bgpid")" 2>/dev/null || break
    sleep 0.2
  done
  echo "clamd: did not start; its log:" >&2
  cat "$dir/clamd.log" >&2 2>/dev/null || true
  exit 1
  ;;
stop)
  if [[ -f "$dir/clamd.bgpid" ]]; then
    kill "$(<"$dir/clamd.bgpid")" 2>/dev/null || true
    rm -f "$dir/clamd.bgpid"
  fi
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
