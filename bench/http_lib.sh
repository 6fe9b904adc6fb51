# What the wrk scripts share (sourced, after `tmp` is set): a server on a store, a login, the
# manager's team, and a Markdown row of figures per run.

# Starts `fupan serve` on store $2 with binary $1 (more serve options after them); sets url and
# pid (the caller's EXIT trap stops it). BENCH_THREADS: server threads (2); BENCH_LOG_LEVEL (warn).
bench_serve() {
  local bin=$1 db=$2
  shift 2
  "$bin" serve --db "$db" --port 0 --web-dir "" --log-level "${BENCH_LOG_LEVEL:-warn}" \
    --threads "${BENCH_THREADS:-2}" "$@" >"$tmp/out.log" 2>&1 &
  pid=$!
  url=""
  for _ in $(seq 1200); do
    url=$(grep -o 'http://[0-9.:]*' "$tmp/out.log" || true)
    [ -n "$url" ] && break
    sleep 0.1
  done
}

# Prints the session token of user $1 with password $2.
bench_login() {
  curl -sf -X POST "$url/api/auth/login" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\"}" | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p'
}

# Prints the id of the team the holder of token $1 leads.
bench_led_team() {
  curl -sf "$url/api/auth/me" -H "Authorization: Bearer $1" |
    python3 -c 'import json,sys; me=json.load(sys.stdin); u=me.get("user", me); print(next(t["team_id"] for t in u["teams"] if t["role"] == "leader"))'
}

# Runs wrk script $2 at $3 connections for BENCH_DURATION (10s) and prints the row
# "| $1 | $3 | req/s | p50 | p99 |".
bench_row() {
  local out rps p50 p99
  out=$(wrk -t2 -c"$3" -d"${BENCH_DURATION:-10s}" --latency -s "$2" "$url/")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  echo "| $1 | $3 | $rps | $p50 | $p99 |"
}

# Writes to file $1 a wrk script that GETs the paths after $2 (a bearer token) in turn.
bench_script() {
  local file=$1 token=$2
  shift 2
  {
    echo "wrk.headers[\"Authorization\"] = \"Bearer $token\""
    echo "local paths = {"
    for path in "$@"; do echo "  \"$path\","; done
    echo "}"
    echo "local i = 0"
    echo "request = function()"
    echo "  i = i % #paths + 1"
    echo "  return wrk.format(\"GET\", paths[i])"
    echo "end"
  } >"$file"
}
