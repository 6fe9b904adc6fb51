#!/usr/bin/env bash
# The command-line and API suites (SQLite) under faketime, at dates that stress the calendar: the
# tests must hold whatever today is. Each date runs the whole suite on a fresh demo store made at
# that date, except the last, whose demo is made today and used 400 days later.
#   scripts/test_dates.sh [BUILD]      (make test-dates)
set -uo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
export FUPAN_BIN="$PWD/$build/fupan"
command -v faketime >/dev/null || { echo "faketime is missing (make deps)"; exit 1; }

# Each date is an offset from the real clock (faketime's absolute "@" times restart in every new
# process, so the server and the tests would disagree). The monotonic clock stays real, so timers
# and timeouts keep their length.
export FAKETIME_DONT_FAKE_MONOTONIC=1
offset_to() { echo "$(( $(date -u -d "$1" +%s) - $(date -u +%s) ))"; }
# The fixed dates are UTC instants; the demo org's zone is Asia/Shanghai (UTC+8).
dates=(
  "$(offset_to "2026-12-31 16:30:00")|1 January, 00:30 in Shanghai (still 31 December in UTC)"
  "$(offset_to "2026-12-28 01:00:00")|Monday of ISO week 2026-W53"
  "$(offset_to "2028-02-29 04:00:00")|29 February 2028"
  "$(offset_to "2026-12-13 15:30:00")|Sunday 23:30 in Shanghai"
  "+400d|400 days after the demo was made"
)

failed=()
for entry in "${dates[@]}"; do
  spec=${entry%%|*} name=${entry#*|}
  echo ""; echo "==> $name ($spec)"
  start=$SECONDS
  demo_real=0; [[ $spec == *d ]] && demo_real=1
  [[ $spec == [0-9]* ]] && spec="+$spec"
  ok=yes
  faketime -f "$spec" bash tests/cli/run.sh || ok=""
  FUPAN_DEMO_REAL_TIME=$demo_real faketime -f "$spec" bash tests/api/run.sh sqlite || ok=""
  if [[ -n $ok ]]; then echo "<== $name: ok ($((SECONDS - start)) s)"; else echo "<== $name: FAILED"; failed+=("$name"); fi
done

echo ""
if [ ${#failed[@]} -gt 0 ]; then
  printf 'FAILED at: %s\n' "${failed[@]}"
  exit 1
fi
echo "Every date passed."
