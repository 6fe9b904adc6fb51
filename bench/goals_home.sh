#!/usr/bin/env bash
# The goals on a manager's home page, over HTTP with wrk, on a fresh demo store (its goals: this
# year's targets down to every rep, weekly activity targets): the team's progress with its members
# (27 targets), the manager's own progress and their day plan, round robin; then the team's
# progress alone. At 64 connections (saturation) and at 8 (a busy office). Prints Markdown rows.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
bin=$PWD/$build/fupan
duration=${BENCH_DURATION:-10s}
tmp=$(mktemp -d /tmp/fupan-goals.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
"$bin" demo --db "$tmp/demo.db" >/dev/null
"$bin" serve --db "$tmp/demo.db" --port 0 --web-dir "" --log-level warn --threads "${BENCH_THREADS:-2}" >"$tmp/out.log" 2>&1 &
pid=$!
url=""
for _ in $(seq 300); do url=$(grep -o 'http://[0-9.:]*' "$tmp/out.log" || true); [ -n "$url" ] && break; sleep 0.1; done
token=$(curl -sf -X POST "$url/api/auth/login" -H 'content-type: application/json' \
  -d '{"username":"manager","password":"fupan-demo"}' | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
team=$(curl -sf "$url/api/auth/me" -H "Authorization: Bearer $token" |
  python3 -c 'import json,sys; me=json.load(sys.stdin); u=me.get("user", me); print(next(t["team_id"] for t in u["teams"] if t["role"] == "leader"))')
cat >"$tmp/home.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
local paths = {
  "/api/targets/progress?scope=team:$team&members=true",
  "/api/targets/progress",
  "/api/plans/day",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
cat >"$tmp/team.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
request = function() return wrk.format("GET", "/api/targets/progress?scope=team:$team&members=true") end
LUA
echo "| requests | connections | req/s | p50 | p99 |"
echo "|---|---|---|---|---|"
for script in home team; do
  for c in 64 8; do
    wrk -t2 -c$c -d"$duration" --latency -s "$tmp/$script.lua" "$url" >"$tmp/wrk.txt"
    rps=$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$tmp/wrk.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$tmp/wrk.txt")
    echo "| $script | $c | $rps | $p50 | $p99 |"
  done
done
