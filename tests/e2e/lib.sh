# Shared by the end-to-end scripts that start the real binaries; source it
# after defining fail MESSAGE (which prints the script's logs and exits 1).

# expect_in PATTERN TEXT: fails unless TEXT has a line matching PATTERN.
expect_in() { grep -q -- "$1" <<<"$2" || fail "expected '$1' in: $2"; }
# json_field PATH: prints PATH (e.g. '["id"]') of the JSON on stdin.
json_field() { /usr/bin/python3 -c "import json,sys;print(json.load(sys.stdin)$1)"; }

# wait_port PID LOG NAME: prints the port of the {"event":"listening",
# "port":N} line that grantsd and grants-portal log once they listen; fails
# when the process exits first or says nothing for 15 s.
wait_port() {
  local pid=$1 log=$2 name=$3 port=""
  for _ in $(seq 150); do
    port=$(grep -o '"port": *[0-9]*' "$log" | head -1 | grep -o '[0-9]*$' || true)
    [[ -n "$port" ]] && { echo "$port"; return; }
    kill -0 "$pid" 2>/dev/null || fail "$name exited early"
    sleep 0.1
  done
  fail "$name did not report its port"
}
