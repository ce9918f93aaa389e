#!/usr/bin/env bash
# Try the standalone bundle as a researcher would: no Python and no venv on the PATH.
# Usage: tools/check_dist.sh [dist/quotecoder]   (run by `make dist`)
set -euo pipefail
BUNDLE="$(cd "${1:-dist/quotecoder}" && pwd)"
EXE="$BUNDLE/quotecoder"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DEMO="$(cd "$(dirname "$0")/../resources/demo" && pwd)"
run() { env -i HOME="$WORK" PATH=/nonexistent XDG_DATA_HOME="$WORK/share" XDG_CONFIG_HOME="$WORK/config" \
          QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 "$EXE" "$@"; }
t0=$(date +%s.%N)
run --version
t1=$(date +%s.%N)
run init "$WORK/study.qcp"
run import "$WORK/study.qcp" "$DEMO" --json > "$WORK/import.json"
grep -q '"imported"' "$WORK/import.json"
run coders "$WORK/study.qcp" add Aigerim >/dev/null
run export "$WORK/study.qcp" "$WORK/out.xlsx"
run export "$WORK/study.qcp" "$WORK/out.qdpx"
run nlp "$WORK/study.qcp" --pipeline blank >/dev/null
t2=$(date +%s.%N)
run gui "$WORK/study.qcp" --coder Aigerim --quit-after-show 2>/dev/null
t3=$(date +%s.%N)
test -s "$WORK/out.xlsx" && test -s "$WORK/out.qdpx"
size=$(du -sm "$BUNDLE" | cut -f1)
printf 'bundle OK: %s MB; --version %.2f s; gui start to quit %.2f s\n' "$size" \
  "$(echo "$t1 - $t0" | bc)" "$(echo "$t3 - $t2" | bc)"
