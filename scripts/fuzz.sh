#!/usr/bin/env bash
# Fuzzes the import parsers with libFuzzer (clang++-14, AddressSanitizer + UBSan): the CSV path
# (encoding detection, conversion, parsing) and the .xlsx reader, SECONDS each (default 60).
# Binaries, corpora (seeded here, grown by each run) and crash files live in build-fuzz/.
# Exits non-zero when a target crashes, leaks, hangs or trips a sanitizer.
set -uo pipefail
seconds=${1:-60}
cd "$(dirname "$0")/.."
out=build-fuzz
cxx=${FUZZ_CXX:-clang++-14}
mkdir -p "$out/corpus-csv" "$out/corpus-xlsx"

command -v "$cxx" >/dev/null || { echo "fuzz: $cxx not found (bash scripts/install_deps.sh)"; exit 1; }
read -r -a zip_flags <<<"$(pkg-config --cflags --libs libzip pugixml)" ||
  { echo "fuzz: libzip or pugixml missing (bash scripts/install_deps.sh)"; exit 1; }
flags=(-std=c++20 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
  -fno-sanitize-recover=all -I src)
csv_sources=(fuzz/csv_fuzz.cc src/core/table_reader.cc src/core/csv_reader.cc src/core/csv_scanner.cc
  src/core/xlsx_reader.cc
  src/core/text_encoding.cc src/core/error.cc)
xlsx_sources=(fuzz/xlsx_fuzz.cc src/core/xlsx_reader.cc src/core/error.cc)

# build NAME SOURCES...: compiles $out/NAME unless it is newer than its sources and src/core. The
# shared build lock keeps this from competing with a ninja build of the tree for the cores.
build() {
  local name=$1; shift
  local bin="$out/$name"
  if [ -x "$bin" ] && [ -z "$(find "$@" src/core -newer "$bin" -print -quit)" ]; then return 0; fi
  echo "fuzz: building $name"
  flock /tmp/fupan-build.lock "$cxx" "${flags[@]}" "$@" "${zip_flags[@]}" -o "$bin"
}
build csv_fuzz "${csv_sources[@]}" || exit 1
build xlsx_fuzz "${xlsx_sources[@]}" || exit 1

# Seeds: CSV as Excel in China writes it (GBK), quoting, a BOM; .xlsx files and XML parts.
printf '客户名称,行业,金额\n上海复盘,制造业,1234.5\n' >"$out/corpus-csv/seed-utf8"
printf '"a,b","say ""hi""",\r\n"two\nlines",x\n\n' >"$out/corpus-csv/seed-quotes"
printf '\xbf\xcd\xbb\xa7,\xd0\xd0\xd2\xb5\r\n\xc9\xcf\xba\xa3,"\xd6\xc6\xd4\xec"\r\n' \
  >"$out/corpus-csv/seed-gbk"
printf '\xef\xbb\xbfname,"unterminated\n' >"$out/corpus-csv/seed-bom"
cp fuzz/seeds/* "$out/corpus-xlsx/"

failed=()
run() {
  local name=$1 corpus=$2
  local log="$out/$name.log"
  echo "fuzz: $name for ${seconds} s"
  if "$out/$name" -max_total_time="$seconds" -max_len=65536 -timeout=25 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$out/$name-" "$out/$corpus" >"$log" 2>&1; then
    echo "fuzz: $name ok ($(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}') runs," \
      "corpus $(find "$out/$corpus" -type f | wc -l) inputs)"
  else
    tail -n 60 "$log"
    echo "fuzz: $name FAILED (log: $log; reproduce: $out/$name $out/$name-crash-...)"
    failed+=("$name")
  fi
}
run csv_fuzz corpus-csv
run xlsx_fuzz corpus-xlsx

[ ${#failed[@]} -eq 0 ] || { echo "fuzz: FAILED: ${failed[*]}"; exit 1; }
