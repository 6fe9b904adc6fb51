#!/usr/bin/env bash
# A rep's commission statement over HTTP with wrk, on a fresh demo store (the demo's standard plan,
# last quarter approved, this month open): GET /api/commissions/statements/{id} as the demo rep,
# of last month (computed live from the facts: credits, target, clawbacks, adjustments) and of a
# month of last quarter (approved: read back with its lines), in turn; then the manager's list of
# the team's statements of last month. At 64 connections (saturation) and at 8 (a busy office).
# Prints Markdown rows.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
bin=$PWD/$build/fupan
tmp=$(mktemp -d /tmp/fupan-commissions.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
source bench/http_lib.sh
"$bin" demo --db "$tmp/demo.db" >/dev/null
bench_serve "$bin" "$tmp/demo.db" --notification-period 0
rep_token=$(bench_login rep fupan-demo)
manager_token=$(bench_login manager fupan-demo)
rep=$(curl -sf "$url/api/auth/me" -H "Authorization: Bearer $rep_token" |
  python3 -c 'import json,sys; me=json.load(sys.stdin); print(me.get("user", me)["id"])')
read -r last approved <<<"$(python3 -c '
import datetime
t = datetime.date.today().replace(day=1)
last = (t - datetime.timedelta(days=1)).replace(day=1)
q0 = datetime.date(t.year, 3 * ((t.month - 1) // 3) + 1, 1)
approved = (q0 - datetime.timedelta(days=1)).replace(day=1)
print(last.strftime("%Y-%m"), approved.strftime("%Y-%m"))')"
lines=$(curl -sf "$url/api/commissions/statements/$rep?period=$last" -H "Authorization: Bearer $rep_token" |
  python3 -c 'import json,sys; s=json.load(sys.stdin); print(len(s["lines"]))')
bench_script "$tmp/statement.lua" "$rep_token" "/api/commissions/statements/$rep?period=$last" \
  "/api/commissions/statements/$rep?period=$approved"
bench_script "$tmp/team.lua" "$manager_token" "/api/commissions/statements?period=$last"
echo "rep $rep: $last (computed live, $lines lines) and $approved (approved, read back)"
echo "| requests | connections | req/s | p50 | p99 |"
echo "|---|---|---|---|---|"
for script in statement team; do
  for c in 64 8; do bench_row "$script" "$tmp/$script.lua" "$c"; done
done
