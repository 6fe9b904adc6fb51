#!/usr/bin/env bash
# Fails when a file includes a layer its own layer may not (docs/architecture.md, "may include").
# The build enforces the same table up to what each layer's headers bring along (CMakeLists.txt's
# layer views); this checks each file's own includes. Tests (*_test.cc) may include anything.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A may=(
  [core]="core"
  [domain]="core domain"
  [store]="core domain store"
  [engine]="core domain store engine"
  [service]="core domain store engine service"
  [http]="core domain service http"
  [jobs]="core domain store service jobs"
  [demo]="core domain store service demo"
  [testkit]="core domain store engine service testkit"
  [cli]="core domain store engine service http jobs demo testkit cli"
)

status=0
while IFS= read -r file; do
  layer=${file#src/}; layer=${layer%%/*}
  allowed=${may[$layer]:-}
  if [ -z "$allowed" ]; then
    echo "$file: src/$layer is not a layer of docs/architecture.md" >&2; status=1; continue
  fi
  while IFS=: read -r line target; do
    [[ " $allowed " == *" $target "* ]] && continue
    echo "$file:$line: $layer may not include $target/ (it may include: $allowed)" >&2
    status=1
  done < <(grep -noE '^#include "[a-z_]+/' "$file" | sed -E 's/^([0-9]+):#include "([a-z_]+)\//\1:\2/')
done < <(git ls-files 'src/*.cc' 'src/*.h' | grep -v '_test\.cc$')
[ $status -eq 0 ] && echo "layers: every include points down"
exit $status
