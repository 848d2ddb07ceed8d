// What wasm-opt -Oz is told for the worksheet's wasm, beyond the features every build
// enables (pkg/scripts/wasm-opt.mjs): shared by the release build (optimize-wasm.mjs) and
// the browser bench's named copy for profiles (web/e2e/bench.mjs --profile-names), whose
// code must be byte-identical to the release build's.
//
// Not inlining a function into its only caller whatever its size (wasm-opt's default):
// smaller (gzip 670 -> 662 KB), and V8's baseline compiler takes more than linear time in
// a function's size (see pkg/scripts/build.mjs).
export const WORKSHEET_OPT_ARGS = Object.freeze(['--one-caller-inline-max-function-size', '0']);
