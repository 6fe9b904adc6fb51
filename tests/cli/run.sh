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
contains "migrate reports the version" "$tmp/out" "schema version 1"
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

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
