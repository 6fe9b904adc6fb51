#!/usr/bin/env bash
# The manager's week of reports over HTTP with wrk, on a fresh demo store (twelve weeks of the
# demo team's reports): GET /api/reports/team-week for the manager's own team (its members' states,
# read receipts, comments and the team's roll-up data block), last week's and this week's in turn;
# then a report opened (its live data block compared with the frozen one). At 64 connections
# (saturation) and at 8 (a busy office). Prints Markdown rows.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
bin=$PWD/$build/fupan
tmp=$(mktemp -d /tmp/fupan-reports.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
source bench/http_lib.sh
"$bin" demo --db "$tmp/demo.db" >/dev/null
bench_serve "$bin" "$tmp/demo.db" --notification-period 0
token=$(bench_login manager fupan-demo)
week=$(curl -sf "$url/api/reports/team-week" -H "Authorization: Bearer $token")
read -r team this members <<<"$(python3 -c 'import json,sys; w=json.loads(sys.argv[1]); print(w["team"]["id"], w["period"], len(w["members"]))' "$week")"
last=$(python3 -c 'import datetime,sys; y,w=sys.argv[1].split("-W"); d=datetime.date.fromisocalendar(int(y),int(w),1)-datetime.timedelta(days=7); c=d.isocalendar(); print(f"{c[0]}-W{c[1]:02d}")' "$this")
report=$(curl -sf "$url/api/reports/team-week?team=$team&period=$last" -H "Authorization: Bearer $token" |
  python3 -c 'import json,sys; w=json.load(sys.stdin); print(next(m["report"]["id"] for m in w["members"] if m["report"]))')
cat >"$tmp/week.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
local paths = {
  "/api/reports/team-week?team=$team&period=$last",
  "/api/reports/team-week?team=$team&period=$this",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
cat >"$tmp/report.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
request = function() return wrk.format("GET", "/api/reports/$report") end
LUA
echo "team $team: $members people expected; weeks $last and $this; report $report"
echo "| requests | connections | req/s | p50 | p99 |"
echo "|---|---|---|---|---|"
for script in week report; do
  for c in 64 8; do bench_row "$script" "$tmp/$script.lua" "$c"; done
done
