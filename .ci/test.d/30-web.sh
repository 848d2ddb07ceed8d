#!/usr/bin/env bash
# The scoring worksheet (web/): lints, the release build and the single-file build,
# component tests in headless Chromium (wasm-bindgen-test), the end-to-end suite
# (playwright-core + Debian's Chromium against the release build on 127.0.0.1); then the
# sizes (wasm + JS, gzip) and the navigation-to-first-score time.
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo clippy -p riskgate-web --no-deps --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
trunk build --release --locked
node web/scripts/single-file.mjs

CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p riskgate-web --target wasm32-unknown-unknown --locked

if [ ! -d web/e2e/node_modules/playwright-core ]; then
  (cd web/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
cargo build -q -p riskgate --example evaluate --locked # the native engine the e2e tests compare with
(cd web/e2e && node --test --test-concurrency=1 --test-reporter=spec)

gz() { gzip -9c "$1" | wc -c; }
wasm=dist/riskgate-web_bg.wasm
js=dist/riskgate-web.js
single=dist/riskgate-worksheet.html
total=$(( $(gz "$wasm") + $(gz "$js") ))
printf '\nworksheet size: wasm %s bytes (gzip %s), JS %s bytes (gzip %s), wasm + JS gzip %s bytes (%s KiB)\n' \
  "$(wc -c <"$wasm")" "$(gz "$wasm")" "$(wc -c <"$js")" "$(gz "$js")" "$total" "$((total / 1024))"
printf 'single-file build: %s bytes (gzip %s)\n' "$(wc -c <"$single")" "$(gz "$single")"
node -e 'const r = require("./web/e2e/artifacts/first-score.json"); console.log(`navigation to first score (headless Chromium, median of ${r.runs.length}): ${r.medianMs.toFixed(0)} ms`)'
