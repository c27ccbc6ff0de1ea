#!/usr/bin/env bash
# The one test command (npm test): makes sure the machine has what the suites need (system
# packages, the keychain module built), builds, type-checks, then runs every suite inside a
# private keyring session, and ends with one plain line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
stop() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }

node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 18) ? 0 : 1)' \
  || stop "npm test needs Node.js 20.18 or newer (this is $(node --version)): install a newer Node.js, then run npm test again."
bash scripts/ensure-test-packages.sh || stop "npm test stopped before running any suite: the system packages above are missing."
# keytar is an optional dependency: on a machine that lacked libsecret's headers at `npm install`
# time its build failed and npm left it out. Now that the headers are there, build it.
if ! node -e 'require("keytar")' >/dev/null 2>&1; then
  echo "npm test: building keytar, the keychain module (npm install; it was not built at install time)"
  npm install --no-audit --no-fund --loglevel=error >/dev/null || stop "npm test: npm install could not build keytar; run npm install and read its message."
  node -e 'require("keytar")' >/dev/null 2>&1 || stop "npm test: keytar still does not load after npm install; run npm rebuild keytar and read its message."
fi
npm run --silent build || stop "npm test: the build failed (above)."
if [ $# -gt 0 ]; then
  files=("$@")  # a few files while developing: the whole-project type-check is the full run's job
else
  npm run --silent typecheck || stop "npm test: the type-check failed (above)."
  mapfile -t files < <(find test -name '*.test.ts' -not -path '*/node_modules/*' | sort)
fi
tap=test-results/results.tap
bash scripts/with-keyring.sh node --import tsx --test --test-concurrency=2 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" "${files[@]}"
status=$?
passed=$(grep -E '^# pass ' "$tap" | tail -1 | awk '{print $3}')
failed=$(grep -E '^# fail ' "$tap" | tail -1 | awk '{print $3}')
skipped=$(grep -E '^# skipped ' "$tap" | tail -1 | awk '{print $3}')
# A runner that died without counting a failure still failed.
[ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ] && failed=1
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
[ "$status" -eq 0 ] && [ "${failed:-0}" -eq 0 ]
