#!/usr/bin/env bash
# A private, throw-away PostgreSQL 15 cluster for the tests.
#   scripts/pg_cluster.sh start DIR PORT   → initialises DIR, starts the server, prints its URL
#   scripts/pg_cluster.sh stop DIR         → stops it and removes DIR
# initdb refuses to run as root, so the cluster runs as the postgres user.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?directory}
bin=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    port=${3:?port}
    [ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is not installed (scripts/install_deps.sh)" >&2; exit 1; }
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U fupan --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U fupan fupan
    echo "postgresql://fupan@127.0.0.1:$port/fupan"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
