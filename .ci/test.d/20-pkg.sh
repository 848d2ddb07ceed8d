#!/usr/bin/env bash
# The npm package `riskgate` (pkg/): lints of the binding crate, the package built from source
# (cargo wasm32 build, wasm-bindgen, wasm-opt, schemas, TypeScript declarations), then its
# node test suite: every golden vector replayed byte for byte against the native engine,
# the API, the CLI end to end on scratch git repositories, npm pack + install + tsc.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo clippy -p riskgate-wasm --no-deps --all-targets --locked -- -D warnings
cargo clippy -p riskgate-wasm --no-deps --target wasm32-unknown-unknown --locked -- -D warnings
if [ ! -d pkg/node_modules ]; then (cd pkg && npm ci --no-audit --no-fund --loglevel=error); fi
node pkg/scripts/build.mjs
# The native engine's outputs for every golden vector, compared with the package's.
replay="$(mktemp)"
trap 'rm -f "$replay"' EXIT
cargo run -q -p riskgate --example replay --locked > "$replay"
cd pkg
RISKGATE_REPLAY="$replay" node --test --test-concurrency=1 test/*.test.mjs
