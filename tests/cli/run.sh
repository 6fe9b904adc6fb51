#!/usr/bin/env bash
# The `fupan` command line: exit codes, messages on stderr, users, migrations, backup and restore.
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=${FUPAN_BIN:-$PWD/build/fupan}
tmp=$(mktemp -d /tmp/fupan-cli.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

check() {  # name expected-exit command...
  local name=$1 want=$2; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" = "$want" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL $name: exit $got, wanted $want"; cat "$tmp/out" "$tmp/err"; fi
}
contains() {  # name file text
  if grep -qF -- "$3" "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1: no '$3' in $2"; cat "$2"; fi
}

db=$tmp/cli.db
check "migrate creates the schema" 0 "$bin" migrate --db "$db"
contains "migrate reports the version" "$tmp/out" "schema version 13"
check "migrate again applies nothing" 0 "$bin" migrate --db "$db"
contains "second migrate" "$tmp/out" "applied 0 migration"
check "user add" 0 "$bin" user add --db "$db" --username boss --name 老板 --role admin --role manager --password 'a-long-password'
check "user add refuses a taken name" 1 "$bin" user add --db "$db" --username boss --name 又一个 --role rep --password 'a-long-password'
contains "taken name on stderr" "$tmp/err" "is taken"
check "user add refuses a bad role" 1 "$bin" user add --db "$db" --username li.na --name 李娜 --role boss --password 'a-long-password'
contains "bad role on stderr" "$tmp/err" "unknown role"
check "user add refuses a short password" 1 "$bin" user add --db "$db" --username li.na --name 李娜 --role rep --password short
check "user list" 0 "$bin" user list --db "$db"
contains "list shows the user and roles" "$tmp/out" "boss	老板	manager,admin	active"
check "passwd" 0 env FUPAN_PASSWORD=another-long-one "$bin" user passwd --db "$db" --username boss
check "passwd of nobody" 1 "$bin" user passwd --db "$db" --username nobody --password another-long-one
check "demo refuses a store with an org" 1 "$bin" demo --db "$db"
check "demo --if-missing is quiet then" 0 "$bin" demo --db "$db" --if-missing
check "backup" 0 "$bin" backup --db "$db" --to "$tmp/backup.db"
check "backup will not overwrite" 1 "$bin" backup --db "$db" --to "$tmp/backup.db"
check "user added after the backup" 0 "$bin" user add --db "$db" --username later --name 后来者 --role rep --password 'a-long-password'
check "restore" 0 "$bin" restore --db "$db" --from "$tmp/backup.db"
check "list after restore" 0 "$bin" user list --db "$db"
if grep -q later "$tmp/out"; then failed=$((failed + 1)); echo "FAIL restore: the later user survived"; else passed=$((passed + 1)); fi
check "restore from a missing file" 1 "$bin" restore --db "$db" --from "$tmp/none.db"
check "unknown subcommand" 106 "$bin" frobnicate
check "bad PostgreSQL URL fails cleanly" 1 "$bin" migrate --db postgresql://nobody@127.0.0.1:1/none
contains "connection error on stderr" "$tmp/err" "cannot connect to PostgreSQL"

# Imports (docs/import.md): every sample into a demo store, in dependency order.
idb=$tmp/import.db
check "demo store for imports" 0 "$bin" demo --db "$idb"
for kind in customers contacts opportunities activities products orders payments users memberships; do
  check "import sample $kind" 0 "$bin" import --db "$idb" --kind "$kind" "docs/samples/$kind.csv"
  contains "sample $kind inserted" "$tmp/out" '"committed":true'
done
# Targets (docs/goals.md): the sample in, then out as a workbook with a sheet per level and back.
check "import the targets sample" 0 "$bin" target import --db "$idb" docs/samples/targets.csv
contains "targets sample inserted" "$tmp/out" '"inserted":5'
check "export targets as .xlsx" 0 "$bin" target export --db "$idb" --period 2035 --out "$tmp/targets.xlsx"
contains "export says how many" "$tmp/err" "已导出 5 个目标"
check "the .xlsx imports back unchanged" 0 "$bin" target import --db "$idb" "$tmp/targets.xlsx"
contains "every sheet read back" "$tmp/out" '"inserted":0,"updated":0,"unchanged":5'
check "export targets as CSV" 0 "$bin" target export --db "$idb" --period 2035 --format csv --out "$tmp/targets.csv"
contains "CSV in the import's columns" "$tmp/targets.csv" "个人,rep,拜访,2035-W10,10,2035-03-05,2035-03-11,10"
check "export refuses another format" 1 "$bin" target export --db "$idb" --format pdf --out "$tmp/x"
# Commissions (docs/performance.md): the demo's plan covers last month; its statements printed and
# written as the payroll workbook.
last_month=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
check "commission statements of last month" 0 "$bin" commission --db "$idb" --period "$last_month"
contains "a line per person" "$tmp/out" "username	name	credited	target	total	status"
contains "the demo rep's statement" "$tmp/out" "rep	李销售	"
check "commission workbook" 0 "$bin" commission --db "$idb" --period "$last_month" --format xlsx --out "$tmp/commission.xlsx"
contains "workbook says how many" "$tmp/err" "份提成单"
check "commission needs a month or a quarter" 1 "$bin" commission --db "$idb" --period 2026-W47
contains "period refused on stderr" "$tmp/err" "invalid_field period"
check "commission before any plan" 1 "$bin" commission --db "$idb" --period 2001-01
contains "no plan on stderr" "$tmp/err" "no commission plan covers 2001-01"
check "commission xlsx needs --out" 1 "$bin" commission --db "$idb" --period "$last_month" --format xlsx
check "import the GBK sample" 0 "$bin" import --db "$idb" --kind customers docs/samples/customers-gbk.csv
contains "GBK sample matches the UTF-8 one" "$tmp/out" '"inserted":0,"updated":0,"unchanged":3'
check "import the .xlsx sample" 0 "$bin" import --db "$idb" --kind products docs/samples/products.xlsx
contains ".xlsx sample matches the CSV one" "$tmp/out" '"inserted":0,"updated":0,"unchanged":3'
check "re-import adds nothing" 0 env FUPAN_DB="$idb" "$bin" import --kind orders docs/samples/orders.csv
contains "re-import is unchanged" "$tmp/out" '"inserted":0,"updated":0,"unchanged":3'
contains "Chinese summary on stderr" "$tmp/err" "未变 3 行"
printf '外部编号,客户,负责人,下单时间,订单金额\nCLI-OK-1,C2026-001,rep,2026-11-30 10:00,100\nCLI-BAD-1,C2026-001,nobody,2026-13-40,-5\n' >"$tmp/bad.csv"
check "a bad file imports nothing" 1 "$bin" import --db "$idb" --kind orders "$tmp/bad.csv"
contains "bad file not committed" "$tmp/out" '"committed":false'
contains "bad row named by line and reason" "$tmp/out" '"line":3,"column":"负责人","field":"owner_id","code":"invalid_field","detail":"no such user"'
contains "bad date named" "$tmp/out" '"field":"ordered_at"'
contains "negative amount named" "$tmp/out" '"detail":"must not be negative"'
contains "nothing-imported summary" "$tmp/err" "未导入任何数据"
check "--skip-bad imports the good row" 1 "$bin" import --db "$idb" --kind orders --skip-bad "$tmp/bad.csv"
contains "skip-bad commits the good row" "$tmp/out" '"inserted":1,"updated":0,"unchanged":0,"skipped":1,"committed":true'
printf '外部编号,订单金额\nX-1,100\n' >"$tmp/nocolumns.csv"
check "a missing required column is refused" 1 "$bin" import --db "$idb" --kind orders "$tmp/nocolumns.csv"
contains "missing columns named" "$tmp/out" '"code":"missing_field","field":"customer_id,ordered_at"'
check "a rep may not import another rep's orders" 1 "$bin" import --db "$idb" --as rep --kind orders docs/samples/orders.csv
check "an analyst may not import" 1 "$bin" import --db "$idb" --as analyst --kind orders docs/samples/orders.csv
contains "analyst refused" "$tmp/out" '"code":"forbidden"'

# Metrics (docs/metrics.md): the engine and the plain-SQL reference print the same JSON.
for q in "orders_amount org 2026-Q3" "new_buyers team:1 2026-10" "receivables region:1 2026-W40" \
         "win_rate user:5,team:3 2026" "growth:visits org 2026-09"; do
  set -- $q
  check "metric $1 $2 $3" 0 "$bin" metric --db "$idb" --metric "$1" --scope "$2" --period "$3"
  cp "$tmp/out" "$tmp/engine.json"
  check "metric $1 via sql" 0 "$bin" metric --db "$idb" --metric "$1" --scope "$2" --period "$3" --via sql
  if cmp -s "$tmp/out" "$tmp/engine.json"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL metric $1 $2 $3: engine and SQL differ"; cat "$tmp/engine.json" "$tmp/out"; fi
done
contains "metric JSON" "$tmp/out" '"metric":"growth:visits","scope":"org","period":"2026-09"'
check "an unknown metric is refused" 1 "$bin" metric --db "$idb" --metric sales --scope org --period 2026-Q3
contains "unknown metric named" "$tmp/err" "metric"
check "a bad period is refused" 1 "$bin" metric --db "$idb" --metric orders_amount --scope org --period 2026-13

# The analytics index kept beside the store between runs (engine/index_file.h): written when the
# server stops, read back when it starts, and not trusted after a bulk change made meanwhile.
serve_once() {  # log-file: starts the server on $idb, asks /api/metrics as the admin, stops it
  "$bin" serve --db "$idb" --port 0 --web-dir "" --threads 1 >"$1" 2>&1 &
  local pid=$! url=""
  for _ in $(seq 100); do url=$(grep -o 'http://[0-9.:]*' "$1" || true); [ -n "$url" ] && break; sleep 0.1; done
  local token
  token=$(curl -sf -X POST "$url/api/auth/login" -H 'content-type: application/json' \
    -d '{"username":"admin","password":"fupan-demo"}' | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
  curl -sf -H "Authorization: Bearer $token" "$url/api/metrics?metric=orders_amount&scope=org&period=2026" >"$tmp/served.json"
  kill -TERM $pid; wait $pid
}
"$bin" metric --db "$idb" --metric orders_amount --scope org --period 2026 --via sql >"$tmp/sql.json"
serve_once "$tmp/serve1.log"
contains "the first start reads the store" "$tmp/serve1.log" "no index file, reading the store"
contains "the stop writes the index file" "$tmp/serve1.log" "index of org 1 written to $idb.index/org-1.index"
serve_once "$tmp/serve2.log"
contains "the next start reads the file" "$tmp/serve2.log" "read from $idb.index/org-1.index"
contains "its answer is the store's" "$tmp/served.json" "$(sed 's/}$//' "$tmp/sql.json")"
check "an import while the server is down" 0 "$bin" import --db "$idb" --kind orders tests/cli/later_orders.csv
"$bin" metric --db "$idb" --metric orders_amount --scope org --period 2026 --via sql >"$tmp/sql.json"
serve_once "$tmp/serve3.log"
contains "after an import the store is read" "$tmp/serve3.log" "bulk changes since"
contains "and the answer has the import" "$tmp/served.json" "$(sed 's/}$//' "$tmp/sql.json")"

# A `fupan import` or `fupan team add` while the server runs on the same store: the next request
# sees it, no restart needed (service/platform/store_watch.h).
printf '外部编号,客户,负责人,下单时间,订单金额\nSO2026-LIVE-1,C2026-001,rep,2026-06-20 11:00,70000\n' >"$tmp/live.csv"
"$bin" serve --db "$idb" --port 0 --web-dir "" --threads 2 >"$tmp/live.out" 2>"$tmp/live.log" &
live=$!
url=""
for _ in $(seq 100); do url=$(grep -o 'http://[0-9.:]*' "$tmp/live.out" || true); [ -n "$url" ] && break; sleep 0.1; done
token=$(curl -sf -X POST "$url/api/auth/login" -H 'content-type: application/json' \
  -d '{"username":"admin","password":"fupan-demo"}' | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
ask_live() { curl -sf -H "Authorization: Bearer $token" "$url$1"; }
ask_live "/api/metrics?metric=orders_amount&scope=org&period=2026-06" >"$tmp/live_before.json"
check "an import while the server runs" 0 "$bin" import --db "$idb" --kind orders "$tmp/live.csv"
ask_live "/api/metrics?metric=orders_amount&scope=org&period=2026-06" >"$tmp/live_after.json"
"$bin" metric --db "$idb" --metric orders_amount --scope org --period 2026-06 --via sql >"$tmp/live_sql.json"
contains "the next request has the import" "$tmp/live_after.json" "$(sed 's/}$//' "$tmp/live_sql.json")"
if cmp -s "$tmp/live_before.json" "$tmp/live_after.json"; then
  failed=$((failed + 1)); echo "FAIL the server still answers the total before the import"; else passed=$((passed + 1)); fi
check "a team added while the server runs" 0 "$bin" team add --db "$idb" --name 直播新团队 --region EAST
ask_live "/api/teams?q=%E7%9B%B4%E6%92%AD" >"$tmp/live_teams.json"
contains "the server lists the new team" "$tmp/live_teams.json" '"name":"直播新团队"'
contains "the server says it took the change in" "$tmp/live.log" "another process made"
kill -TERM $live; wait $live

# A mistyped --db creates nothing: only migrate, demo and serve --create make a store.
check "a command on a missing store fails" 1 "$bin" user list --db "$tmp/typo/none.db"
contains "it says there is no store" "$tmp/err" "there is no store at $tmp/typo/none.db"
check "an import into a missing store fails" 1 "$bin" import --db "$tmp/none.db" --kind orders docs/samples/orders.csv
check "serve on a missing store fails" 1 "$bin" serve --db "$tmp/none.db" --port 0
check "metric on a missing store fails" 1 "$bin" metric --db "$tmp/none.db" --metric visits --scope org --period 2026
if [ -e "$tmp/typo" ] || [ -e "$tmp/none.db" ]; then
  failed=$((failed + 1)); echo "FAIL a missing store was created"; else passed=$((passed + 1)); fi
"$bin" serve --db "$tmp/made/new.db" --create --port 0 --web-dir "" >"$tmp/made.out" 2>&1 &
made=$!
for _ in $(seq 100); do grep -q listening "$tmp/made.out" && break; sleep 0.1; done
kill -TERM $made; wait $made
if [ -s "$tmp/made/new.db" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL serve --create made no store"; fi

# The org, its regions and teams from the command line; scopes by name or code.
odb=$tmp/org.db
check "demo store for the org commands" 0 "$bin" demo --db "$odb"
check "region add" 0 "$bin" region add --db "$odb" --name 西南区 --code SW
contains "region add says its id" "$tmp/out" "added region 西南区 (id "
check "region list" 0 "$bin" region list --db "$odb"
contains "region list has it" "$tmp/out" "	西南区	SW"
check "team add by region code" 0 "$bin" team add --db "$odb" --name 成都团队 --region SW
check "team add below a parent" 0 "$bin" team add --db "$odb" --name 成都二组 --parent 成都团队
check "team list" 0 "$bin" team list --db "$odb"
contains "team list names region and parent" "$tmp/out" "成都二组	西南区	成都团队"
check "team add needs a region" 1 "$bin" team add --db "$odb" --name 无区域团队
check "team add refuses a taken name" 1 "$bin" team add --db "$odb" --name 成都团队 --region SW
check "org set compare basis" 0 "$bin" org set --db "$odb" --compare-basis working_days
contains "compare basis set" "$tmp/out" '"compare_basis":"working_days"'
check "org set refuses a bad compare basis" 1 "$bin" org set --db "$odb" --compare-basis weeks
check "a new time zone that moves records asks for --confirm" 1 "$bin" org set --db "$odb" --timezone America/New_York
contains "it says how many move" "$tmp/err" "add --confirm"
check "org show" 0 "$bin" org show --db "$odb"
contains "the time zone is unchanged" "$tmp/out" '"timezone":"Asia/Shanghai"'
check "the same time zone with --confirm" 0 "$bin" org set --db "$odb" --timezone America/New_York --confirm
contains "the time zone changed" "$tmp/out" '"timezone":"America/New_York"'
for pair in "team:1 team:上海一部" "region:1 region:EAST" "region:1 region:华东区" "user:5 user:$(sed -n 5p <("$bin" user list --db "$odb") | cut -f2)"; do
  set -- $pair
  "$bin" metric --db "$odb" --metric orders_amount --scope "$1" --period 2026-Q3 >"$tmp/by_id.json"
  check "scope $2" 0 "$bin" metric --db "$odb" --metric orders_amount --scope "$2" --period 2026-Q3
  if cmp -s "$tmp/out" "$tmp/by_id.json"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL scope $2 answers otherwise than $1"; cat "$tmp/out" "$tmp/by_id.json"; fi
done
check "an unknown team name is refused" 1 "$bin" metric --db "$odb" --metric orders_amount --scope team:没有这个团队 --period 2026-Q3

# Team history: users joined from a day (加入日期), memberships imported with their stints.
printf '用户名,姓名,角色,团队,加入日期\nhist.a,历史甲,销售代表,上海一部,2024-01-01\nhist.b,历史乙,销售代表,杭州团队,\n' >"$tmp/hist_users.csv"
check "users with a join date" 0 "$bin" import --db "$odb" --kind users "$tmp/hist_users.csv"
contains "a team without a join date warns" "$tmp/out" "without 加入日期 start today"
printf '用户名,团队,角色,开始日期,结束日期\nhist.b,杭州团队,成员,2023-03-01,\nhist.a,上海一部,成员,2024-01-01,2025-06-01\nhist.a,杭州团队,组长,2025-06-01,\n' >"$tmp/stints.csv"
check "memberships import" 0 "$bin" import --db "$odb" --kind memberships "$tmp/stints.csv"
contains "stints: one moved back, one ended, one new" "$tmp/out" '"inserted":1,"updated":2,"unchanged":0'
check "memberships re-imported" 0 "$bin" import --db "$odb" --kind memberships "$tmp/stints.csv"
contains "a re-import changes nothing" "$tmp/out" '"inserted":0,"updated":0,"unchanged":3'
printf '用户名,团队,开始日期\nhist.a,杭州团队,2025-09-01\n' >"$tmp/overlap.csv"
check "an overlapping stint is refused" 1 "$bin" import --db "$odb" --kind memberships "$tmp/overlap.csv"
contains "named by its column" "$tmp/out" '"column":"开始日期","field":"valid_from"'

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
