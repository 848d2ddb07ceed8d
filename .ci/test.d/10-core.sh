#!/usr/bin/env bash
# The core engine: format, lints, unit/property/golden-vector tests, doc examples,
# the wasm32 build, and the rule that core depends on no wasm, JS or web crate.
set -euo pipefail
cargo fmt --all --check
cargo clippy -p riskgate --all-targets --locked -- -D warnings
cargo test -p riskgate --locked
cargo build -p riskgate --locked --target wasm32-unknown-unknown
if cargo tree -p riskgate -e normal --locked | grep -E 'wasm-bindgen|js-sys|web-sys|leptos'; then
  echo "core (crate riskgate) must not depend on a wasm, JS or web crate" >&2
  exit 1
fi
