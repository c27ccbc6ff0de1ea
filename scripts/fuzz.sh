#!/usr/bin/env bash
# npm run fuzz: the fuzz, hostile-server and concurrency suites, longer than in npm test
# (FUZZ_RUNS inputs per property, a fresh seed each run unless FUZZ_SEED is given, more rounds).
set -uo pipefail
cd "$(dirname "$0")/.."
export FUZZ_RUNS="${FUZZ_RUNS:-20000}"
export FUZZ_SEED="${FUZZ_SEED:-$RANDOM$RANDOM}"
export CONCURRENCY_ROUNDS="${CONCURRENCY_ROUNDS:-25}"
echo "fuzz: seed ${FUZZ_SEED}, ${FUZZ_RUNS} inputs per property, ${CONCURRENCY_ROUNDS} concurrency rounds (rerun a failure with FUZZ_SEED=${FUZZ_SEED})"
export RELIABILITY_FIGURES="$PWD/test-results/fuzz-figures.jsonl"
rm -f "$RELIABILITY_FIGURES"
mapfile -t files < <(find test/fuzz test/hostile test/concurrency -name '*.test.ts' | sort)
bash scripts/test.sh "${files[@]}"
status=$?
node -e '
const lines = require("fs").readFileSync(process.env.RELIABILITY_FIGURES, "utf8").trim().split("\n").map(JSON.parse);
const sum = (key) => lines.reduce((total, line) => total + (line[key] ?? 0), 0);
console.log(`figures: inputs tried ${sum("inputs")}, crashes ${sum("failures")}, tokens lost ${sum("tokensLost")}, lost settings updates ${sum("lostSettingsUpdates")}, orphan tokens ${sum("orphanTokens")}`);
' 2>/dev/null
exit $status
