#!/usr/bin/env bash
# `npm test`: the whole suite — typecheck, lint, unit, integration (real embedded PostgreSQL), end-to-end (Chromium).
# Every suite runs even when an earlier one fails; the last line sums them: "N passed, N failed".
set -uo pipefail
export TURBO_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
bash scripts/ensure-tools.sh || exit 1
bash scripts/ensure-chromium.sh || exit 1

reports=".data/test-reports"
rm -rf "$reports" && mkdir -p "$reports"

check() { # name, command...
  local name=$1; shift
  echo "== $name"
  if "$@"; then echo "pass" >"$reports/check-$name.txt"; else echo "fail" >"$reports/check-$name.txt"; fi
}

check typecheck pnpm typecheck
check lint pnpm lint
echo "== unit"
pnpm exec vitest run --project unit --reporter=default --reporter=json --outputFile.json="$reports/unit.json"
echo "== integration"
pnpm exec vitest run --project integration --reporter=default --reporter=json --outputFile.json="$reports/integration.json"
check build pnpm build
if [[ "$(cat "$reports/check-build.txt")" == pass ]]; then
  echo "== e2e"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" pnpm exec playwright test --reporter=list,json
fi

node scripts/summarize-tests.mjs "$reports"
