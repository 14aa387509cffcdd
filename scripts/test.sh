#!/usr/bin/env bash
# The whole test suite: types, Node tests (state machine, emulator, conformance), then the
# browser tests in Chromium, Firefox ESR and WebKit (installed from Debian when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$1"; }

step "type check"
npx tsc --noEmit -p tsconfig.json

step "node tests"
node scripts/node-tests.mjs

step "browser tests (${BROWSERS:-chromium,firefox,webkit})"
node scripts/ensure-browsers.mjs
node --import tsx node_modules/.bin/web-test-runner --config web-test-runner.config.mjs
