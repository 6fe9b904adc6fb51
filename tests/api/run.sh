#!/usr/bin/env bash
# Runs the API test suite against a fresh demo store and a fresh server.
#   tests/api/run.sh sqlite      a SQLite file in a temporary folder
#   tests/api/run.sh postgres    a private PostgreSQL 15 cluster (installed if missing; needs root)
# FUPAN_BIN overrides the server binary; FUPAN_PG_PORT the cluster's port (default 55432).
# The tests get the server as FUPAN_URL, the binary as FUPAN_BIN and the store as FUPAN_DB (the
# metric tests read it with `fupan metric --via sql` while the server runs).
# Extra arguments: test files to run instead of all, and `node --test` options (--test-name-pattern=...).
# Under faketime (scripts/test_dates.sh), FUPAN_DEMO_REAL_TIME=1 makes the demo data on the real
# date while the server and the tests run on the faked one.
set -euo pipefail

backend=${1:-sqlite}
shift || true
node_options=(--test-concurrency=1 --test-reporter=spec)
test_files=()
for arg in "$@"; do
  if [[ $arg == -* ]]; then node_options+=("$arg"); else test_files+=("$(realpath "$arg")"); fi
done
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin=${FUPAN_BIN:-$root/build/fupan}
bin=$(realpath "$bin")
pg_bin=/usr/lib/postgresql/15/bin
pg_port=${FUPAN_PG_PORT:-55432}

tmp=$(mktemp -d /tmp/fupan-api.XXXXXX)
server_pid=""
pg_dir=""

log() { echo "run.sh: $*" >&2; }
# True iff process $1 runs (an exited child stays a zombie until waited for).
alive() { [[ -r /proc/$1/stat && $(cut -d' ' -f3 "/proc/$1/stat") != Z ]]; }

stop_postgres() {
  if [[ -n $pg_dir ]]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" stop -m fast >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
    pg_dir=""
  fi
}

cleanup() {
  local status=$?
  if [[ -n $server_pid ]] && alive "$server_pid"; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do alive "$server_pid" || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  stop_postgres
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[[ -x $bin ]] || { log "no server binary at $bin (build it, or set FUPAN_BIN)"; exit 2; }

# Starts a private PostgreSQL 15 cluster in $pg_dir and sets $db to its URL. (Not run in a
# subshell: the cleanup needs $pg_dir.)
start_postgres() {
  if ! dpkg -s postgresql-15 >/dev/null 2>&1; then
    log "installing postgresql-15"
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15 >&2 ||
      { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-15 >&2; }
  fi
  # Find a free port from $pg_port on: another run may hold the default one.
  while (: </dev/tcp/127.0.0.1/"$pg_port") 2>/dev/null; do pg_port=$((pg_port + 1)); done
  pg_dir=$(mktemp -d /tmp/fupan-pg.XXXXXX)
  chmod 700 "$pg_dir"
  chown postgres:postgres "$pg_dir"
  local password
  password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >"$tmp/initdb.log" 2>&1 ||
    { cat "$tmp/initdb.log" >&2; return 1; }
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w -t 30 \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" start >&2 ||
    { cat "$pg_dir/postgres.log" >&2; return 1; }
  runuser -u postgres -- psql -h "$pg_dir" -p "$pg_port" -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE fupan LOGIN PASSWORD '$password'" -c "CREATE DATABASE fupan_api OWNER fupan" >&2
  db="postgresql://fupan:$password@127.0.0.1:$pg_port/fupan_api"
}

case $backend in
  sqlite) db="$tmp/api.db" ;;
  postgres | postgresql) start_postgres ;;
  *) log "usage: $0 sqlite|postgres [test files] [node --test options]"; exit 2 ;;
esac

demo_env=()
[[ ${FUPAN_DEMO_REAL_TIME:-} == 1 ]] && demo_env=(env -u LD_PRELOAD -u FAKETIME)
"${demo_env[@]}" "$bin" demo --db "$db" >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; exit 1; }

# Create the output file first: the background job opens it only after the fork, and reading it
# before then would end this script (set -e).
: >"$tmp/server.out"
"$bin" serve --db "$db" --port 0 --web-dir "" --notification-period 0 >"$tmp/server.out" 2>"$tmp/server.log" &
server_pid=$!

port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's|^Fupan is listening on http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$tmp/server.out")
  [[ -n $port ]] && break
  alive "$server_pid" || break
  sleep 0.1
done
if [[ -z $port ]]; then
  log "the server did not start"
  cat "$tmp/server.out" "$tmp/server.log" >&2
  exit 1
fi
url="http://127.0.0.1:$port"
for _ in $(seq 1 50); do
  curl -fsS "$url/api/health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "$url/api/health" >/dev/null || { log "no answer on $url/api/health"; exit 1; }
log "server on $url ($backend)"

tests_status=0
# All of them by file name, whatever their capability's folder, in the order they have always run
# (several share one server and its store).
if [[ ${#test_files[@]} -eq 0 ]]; then
  mapfile -t test_files < <(cd "$root" && find tests/api -name '*.test.mjs' -printf '%f\t%p\n' | sort | cut -f2)
fi
(cd "$root" && FUPAN_URL=$url FUPAN_BIN=$bin FUPAN_DB=$db node --test "${node_options[@]}" "${test_files[@]}") || tests_status=$?

# Graceful shutdown: SIGTERM must end the server with status 0 within 10 seconds.
kill -TERM "$server_pid"
stopped=""
for _ in $(seq 1 100); do
  if ! alive "$server_pid"; then stopped=yes; break; fi
  sleep 0.1
done
server_status=0
if [[ -z $stopped ]]; then
  log "the server did not stop within 10 s of SIGTERM"
  server_status=1
else
  wait "$server_pid" || server_status=$?
  server_pid=""
  if [[ $server_status -ne 0 ]]; then log "the server exited with status $server_status after SIGTERM"; fi
fi
if grep -q '"event":"unhandled"' "$tmp/server.log"; then
  log "the server log has unhandled errors:"
  grep '"event":"unhandled"' "$tmp/server.log" | head -20 >&2
  server_status=1
fi
if [[ $tests_status -ne 0 || $server_status -ne 0 ]]; then
  log "FAILED (tests: $tests_status, server: $server_status); last server log lines:"
  tail -20 "$tmp/server.log" >&2
  exit 1
fi
log "passed on $backend"
