#!/usr/bin/env bash
# A manager's dashboard on the large org (bench/large_org.h, 10M activities), over HTTP with wrk:
# the home page's three requests (six KPIs of the team's week, the quarter's weekly trend, the
# members' ranking), round robin, at 64 connections (saturation) and at 8 (a busy office).
# The store is FUPAN_BENCH_LARGE_DB (default /tmp/fupan_large_org.db), which fupan_bench's
# analytics benchmarks generate; without it this prints nothing. Prints Markdown rows.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
bin=$PWD/$build/fupan
large_db=${FUPAN_BENCH_LARGE_DB:-/tmp/fupan_large_org.db}
[ -f "$large_db" ] || exit 0
duration=${BENCH_DURATION:-10s}
tmp=$(mktemp -d /tmp/fupan-dash.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
source bench/http_lib.sh

BENCH_LOG_LEVEL=info bench_serve "$bin" "$large_db"
grep -o 'analytics index.*' "$tmp/out.log" || true
token=$(bench_login manager fupan-bench)
team=$(bench_led_team "$token")
week=2026-W47; quarter=2026-Q4
cat >"$tmp/dashboard.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
local paths = {
  "/api/metrics/batch?metric=orders_amount&metric=payments_amount&metric=new_leads&metric=visits&metric=calls&metric=win_rate&scope=team:$team&period=$week",
  "/api/metrics/breakdown?metric=orders_amount&scope=team:$team&period=$quarter&by=week",
  "/api/metrics/breakdown?metric=orders_amount&scope=team:$team&period=$week&by=user",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

# The manager's team to-dos (issue 11): every overdue follow-up and stalled opportunity of his 51
# people counted per person, the first 100 of each listed.
cat >"$tmp/todos.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
request = function() return wrk.format("GET", "/api/todos?scope=team") end
LUA

run() {  # name script connections
  local out rps p50 p99 non2xx
  out=$(wrk -t2 -c"$3" -d"$duration" --latency -s "$2" "$url/")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '| %s, team:%s, %s connections | %s | %s | %s | %s |\n' "$1" "$team" "$3" "$rps" "$p50" "$p99" "${non2xx:-0}"
}
echo ""
echo "| run | req/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
run dashboard "$tmp/dashboard.lua" 64
run dashboard "$tmp/dashboard.lua" 8
run "team to-dos" "$tmp/todos.lua" 8
