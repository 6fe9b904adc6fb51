#!/usr/bin/env bash
# HTTP benchmarks with wrk at 64 connections for 10 s on the demo org (SQLite):
#   baseline   GET /api/health                       (the server's own cheapest route)
#   auth-me    GET /api/auth/me                      (session + org snapshot + JSON)
#   auth-list  GET /api/users?page_size=20 as manager (data scope, list, JSON of 10 users)
# then the in-process Google Benchmark suite: the HTTP routes without the network, and the import
# of FUPAN_BENCH_IMPORT_ROWS orders (default 1,000,000) from CSV into SQLite and into a private
# PostgreSQL 15 cluster (scripts/pg_cluster.sh, port BENCH_PG_PORT or 55433; or FUPAN_BENCH_PG_URL)
# against the raw bulk load of the same rows. BENCH_FILTER narrows the suite (a regex).
# Prints a Markdown table for bench/README.md.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
bin=$PWD/$build/fupan
duration=${BENCH_DURATION:-10s}
tmp=$(mktemp -d /tmp/fupan-bench.XXXXXX)
pid=""
pg_dir=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; [ -n "$pg_dir" ] && scripts/pg_cluster.sh stop "$pg_dir"; rm -rf "$tmp"' EXIT

command -v wrk >/dev/null || { echo "wrk is missing (scripts/install_deps.sh)" >&2; exit 1; }
"$bin" demo --db "$tmp/bench.db" >/dev/null
: >"$tmp/out.log"
"$bin" serve --db "$tmp/bench.db" --port 0 --web-dir "" --log-level warn --threads "${BENCH_THREADS:-2}" >"$tmp/out.log" 2>&1 &
pid=$!
for _ in $(seq 100); do url=$(grep -o 'http://[0-9.:]*' "$tmp/out.log" || true); [ -n "$url" ] && break; sleep 0.1; done
token=$(curl -sf -X POST "$url/api/auth/login" -H 'content-type: application/json' \
  -d '{"username":"manager","password":"fupan-demo"}' | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$token" >"$tmp/auth.lua"

run() {  # name path [script]
  local out
  out=$(wrk -t2 -c64 -d"$duration" --latency ${3:+-s "$3"} "$url$2")
  local rps p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '| %s | `GET %s` | %s | %s | %s |\n' "$1" "$2" "$rps" "$p99" "${non2xx:-0}"
}

echo "| run | request | req/s | p99 | non-2xx |"
echo "|---|---|---|---|---|"
run baseline /api/health
run auth-me /api/auth/me "$tmp/auth.lua"
run auth-list '/api/users?page_size=20' "$tmp/auth.lua"

if [ -x "$build/fupan_bench" ]; then
  kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; pid=""  # the server is done: free the cores
  if [ -z "${FUPAN_BENCH_PG_URL:-}" ] && [ -x /usr/lib/postgresql/15/bin/initdb ]; then
    pg_dir=$(mktemp -d /tmp/fupan-bench-pg.XXXXXX)
    FUPAN_BENCH_PG_URL=$(scripts/pg_cluster.sh start "$pg_dir" "${BENCH_PG_PORT:-55433}")
    export FUPAN_BENCH_PG_URL
  fi
  # The analytics benchmarks keep their large org in a database of its own (the import benchmark
  # empties the other one).
  if [ -z "${FUPAN_BENCH_ANALYTICS_PG_URL:-}" ] && [ -n "$pg_dir" ]; then
    psql -q "$FUPAN_BENCH_PG_URL" -c "CREATE DATABASE analytics" >/dev/null
    FUPAN_BENCH_ANALYTICS_PG_URL=${FUPAN_BENCH_PG_URL%/fupan}/analytics
    export FUPAN_BENCH_ANALYTICS_PG_URL
  fi
  echo ""
  "$build/fupan_bench" --benchmark_min_time=0.5 ${BENCH_FILTER:+--benchmark_filter="$BENCH_FILTER"}
fi

# A manager's dashboard on the large org (bench/dashboard.sh), when fupan_bench has generated it.
kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; pid=""
bash bench/dashboard.sh "$build"
# A rep's commission statement and a manager's list, on a demo store (bench/commission_statement.sh).
echo
echo "## Commission statements (bench/commission_statement.sh)"
bash bench/commission_statement.sh "$build"
# The goals on a manager's home page, on a demo store (bench/goals_home.sh).
echo
echo "## Goals on a manager's home (bench/goals_home.sh)"
bash bench/goals_home.sh "$build"
