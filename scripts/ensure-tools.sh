#!/usr/bin/env bash
# Installs what a machine with only Node and npm lacks: pnpm 10 and the workspace's dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version)" != 10.* ]]; then
  echo "Installing pnpm 10…"
  npm install -g pnpm@10 >/dev/null
fi
pnpm install --frozen-lockfile
