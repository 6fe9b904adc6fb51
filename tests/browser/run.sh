#!/usr/bin/env bash
# Browser tests: a demo server on a fresh SQLite store, Debian's Chromium driven by playwright-core.
#   tests/browser/run.sh [test files]     (default: every *.test.js)
# FUPAN_WEB_DIST serves another build of the web app than web/dist; the tests get the server as
# FUPAN_URL and the binary as FUPAN_BIN (a test may start a server of its own, e.g. at a pinned
# date under faketime).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${FUPAN_BIN:-$PWD/build/fupan}
tmp=$(mktemp -d /tmp/fupan-browser.XXXXXX)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

dist=${FUPAN_WEB_DIST:-web/dist}
[ -f "$dist/index.html" ] || { echo "$dist is missing: run make build" >&2; exit 1; }
files=()
for f in "$@"; do files+=("$(realpath "$f")"); done
# Screenshots must show Chinese, not empty boxes: a CJK font (installed here if missing).
if ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  echo "installing fonts-noto-cjk" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq fonts-noto-cjk >/dev/null ||
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq fonts-noto-cjk >/dev/null; }
fi
"$bin" demo --db "$tmp/browser.db" >/dev/null
: >"$tmp/out.log"
"$bin" serve --db "$tmp/browser.db" --port 0 --web-dir "$dist" --log-level warn >"$tmp/out.log" 2>"$tmp/err.log" &
pid=$!
for _ in $(seq 100); do
  url=$(grep -o 'http://[0-9.:]*/' "$tmp/out.log" 2>/dev/null || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "${url:-}" ] || { echo "server did not start" >&2; cat "$tmp/err.log" >&2; exit 1; }
export FUPAN_BIN="$(realpath "$bin")" FUPAN_WEB_DIST="$(realpath "$dist")"
cd tests/browser
FUPAN_URL=${url%/} node --test --test-concurrency=1 "${files[@]}"
