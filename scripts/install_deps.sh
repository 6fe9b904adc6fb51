#!/usr/bin/env bash
# Installs what Fupan needs on Debian 12, only what is missing: the C++ toolchain and -dev
# libraries, PostgreSQL 15 (for the tests), Chromium and a CJK font (browser tests), faketime (the
# tests at other dates), wrk (benchmarks), Node.js.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates tzdata
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev libsodium-dev libspdlog-dev libfmt-dev libcli11-dev
  libhowardhinnant-date-dev libgtest-dev libbenchmark-dev
  libxlsxwriter-dev libzip-dev libpugixml-dev libcurl4-openssl-dev clang-14 libclang-rt-14-dev
  postgresql-15 postgresql-client-15 chromium fonts-noto-cjk faketime wrk curl
)
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# The Debian package starts a default cluster; Fupan's tests run their own, so keep it from starting.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
  $sudo chmod +x /usr/sbin/policy-rc.d
  trap '$sudo rm -f /usr/sbin/policy-rc.d' EXIT
fi
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed ${#missing[@]} package(s)."
