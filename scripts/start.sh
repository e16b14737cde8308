#!/usr/bin/env bash
# `npm start`: install everything, build, and run Northstar on http://localhost:3000 with embedded PostgreSQL.
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
bash scripts/ensure-tools.sh
pnpm build
exec pnpm serve
