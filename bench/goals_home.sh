#!/usr/bin/env bash
# The goals on a manager's home page, over HTTP with wrk, on a fresh demo store (its goals: this
# year's targets down to every rep, weekly activity targets): the team's progress with its members
# (27 targets), the manager's own progress and their day plan, round robin; then the team's
# progress alone. At 64 connections (saturation) and at 8 (a busy office). Prints Markdown rows.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
bin=$PWD/$build/fupan
tmp=$(mktemp -d /tmp/fupan-goals.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
source bench/http_lib.sh
"$bin" demo --db "$tmp/demo.db" >/dev/null
bench_serve "$bin" "$tmp/demo.db"
token=$(bench_login manager fupan-demo)
team=$(bench_led_team "$token")
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
  for c in 64 8; do bench_row "$script" "$tmp/$script.lua" "$c"; done
done
