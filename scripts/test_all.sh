#!/usr/bin/env bash
# Every test, in the order that fails fastest: C++ unit tests (SQLite and a private PostgreSQL),
# the API suite on SQLite and on PostgreSQL, then the browser tests.
set -uo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
export FUPAN_BIN="$PWD/$build/fupan"
pg_dir=$(mktemp -d /tmp/fupan-pg-unit.XXXXXX)
trap 'scripts/pg_cluster.sh stop "$pg_dir"' EXIT

failed=()
step() {
  local name=$1; shift
  echo ""; echo "==> $name"
  local start=$SECONDS
  if "$@"; then echo "<== $name: ok ($((SECONDS - start)) s)"; else echo "<== $name: FAILED"; failed+=("$name"); fi
}

pg_url=$(scripts/pg_cluster.sh start "$pg_dir" 55431) || { echo "cannot start PostgreSQL"; exit 1; }
step "unit tests (ctest, SQLite + PostgreSQL)" env FUPAN_TEST_PG_URL="$pg_url" ctest --test-dir "$build" --output-on-failure
step "fuzz (brief)" bash scripts/fuzz.sh 15
step "command line" bash tests/cli/run.sh
step "API tests on SQLite" bash tests/api/run.sh sqlite
step "API tests on PostgreSQL" bash tests/api/run.sh postgres
step "browser tests" bash tests/browser/run.sh

echo ""
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "All test suites passed."
