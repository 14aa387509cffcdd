#!/usr/bin/env bash
# The whole test suite: the browsers it needs (installed from Debian when missing), types, the
# build and its size budgets, Node tests (state machine, emulator, conformance, framework
# examples), then the browser tests in Chromium, Firefox ESR and WebKit.
# Ends with one line adding up every test run.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -f .cache/node-tests.tap .cache/browser-tests.json
status=0

step() { printf '\n== %s\n' "$1"; }

step "browsers"
browsers_ready=1
node scripts/ensure-browsers.mjs || { browsers_ready=0; status=1; }

step "type check"
npx tsc --noEmit -p tsconfig.json || status=1

step "size budgets (.size-limit.mjs)"
if npm run --silent build >/dev/null; then
  npx size-limit || status=1
else
  status=1
fi

step "node tests"
node scripts/node-tests.mjs || status=1

step "browser tests (${BROWSERS:-chromium,firefox,webkit})"
if [ "$browsers_ready" = 1 ]; then
  node --import tsx node_modules/.bin/web-test-runner --config web-test-runner.config.mjs || status=1
fi

node scripts/test-summary.mjs || status=1
exit $status
