#!/usr/bin/env bash
# The one test command (npm test): builds, then runs every suite inside a private keyring
# session, and ends with one plain line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
npm run --silent build || { echo "0 passed, 1 failed"; exit 1; }

if [ $# -gt 0 ]; then files=("$@"); else mapfile -t files < <(find test -name '*.test.ts' -not -path '*/node_modules/*' | sort); fi
tap=test-results/results.tap
bash scripts/with-keyring.sh node --import tsx --test --test-concurrency=2 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" "${files[@]}"
status=$?
passed=$(grep -E '^# pass ' "$tap" | tail -1 | awk '{print $3}')
failed=$(grep -E '^# fail ' "$tap" | tail -1 | awk '{print $3}')
skipped=$(grep -E '^# skipped ' "$tap" | tail -1 | awk '{print $3}')
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
[ "$status" -eq 0 ] && [ "${failed:-1}" -eq 0 ]
