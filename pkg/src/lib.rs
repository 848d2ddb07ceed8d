//! The wasm32 binding behind the npm package `riskgate`.
//!
//! Thin by design: every export calls one function of [`riskgate::api`] with JSON text and
//! returns its JSON text unchanged (so `evaluateJson` is byte-identical to the native
//! engine). Errors cross the boundary as data: the thrown value is the error document
//! `{ "error": { code, path, message } }` as a string, which the JS wrapper turns into a
//! `RiskgateError`. Nothing here panics; a trap (which core's lints rule out) is caught by
//! the wrapper, which re-instantiates the module.

use riskgate::api;
use wasm_bindgen::prelude::*;

// talc rather than Rust's default dlmalloc: the engine allocates ~130 times per decision
// (dlmalloc's large-chunk trees were ~6% of `evaluateJson` in Node).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

type Reply = Result<String, String>;

fn reply(result: Result<String, riskgate::Error>) -> Reply {
    result.map_err(|e| e.to_json())
}

/// The engine version.
#[wasm_bindgen]
pub fn version() -> String {
    riskgate::version().to_owned()
}

/// A request (JSON text) → the decision (JSON text).
#[wasm_bindgen]
pub fn evaluate(request: &str) -> Reply {
    reply(api::evaluate(request))
}

/// `{ files, policy? }` → the categories of each file.
#[wasm_bindgen]
pub fn classify(input: &str) -> Reply {
    reply(api::classify(input))
}

/// `{ files, policy? }` → `{ categories, files, fallback }`: category indices per file, for
/// a caller that holds the paths (the JS `classify` wrapper).
#[wasm_bindgen(js_name = classifyCompact)]
pub fn classify_compact(input: &str) -> Reply {
    reply(api::classify_compact(input))
}

/// `count` paths joined by `\n`, and the JSON text of the policy → each file's category
/// indices, packed (see [`riskgate::api::classify_lines`]); `undefined` when that input is
/// for `classifyCompact` to answer (a path with a newline or with text JSON escapes).
#[wasm_bindgen(js_name = classifyLines)]
pub fn classify_lines(
    count: usize,
    paths: &str,
    policy: Option<String>,
) -> Result<Option<Vec<u32>>, String> {
    api::classify_lines(count, paths, policy.as_deref()).map_err(|e| e.to_json())
}

/// The JSON text of a policy (the default preset when `undefined`) → its category ids.
#[wasm_bindgen(js_name = categoryIds)]
pub fn category_ids(policy: Option<String>) -> Reply {
    reply(api::category_ids(policy.as_deref()))
}

/// A decision (JSON text) → Markdown or plain text.
#[wasm_bindgen]
pub fn render(decision: &str, format: &str) -> Reply {
    reply(api::render(decision, format))
}

/// The complete policy of a preset (the default preset when none).
#[wasm_bindgen(js_name = defaultPolicy)]
pub fn default_policy(preset: Option<String>) -> Reply {
    reply(api::default_policy(preset.as_deref()))
}

/// A policy document → the resolved, complete policy.
#[wasm_bindgen(js_name = validatePolicy)]
pub fn validate_policy(policy: &str) -> Reply {
    reply(api::validate_policy(policy))
}

/// `git diff --name-status` output (JSON string or `{ nameStatus, numstat? }`) → files.
#[wasm_bindgen(js_name = parseDiff)]
pub fn parse_diff(input: &str) -> Reply {
    reply(api::parse_diff(input))
}

/// Any operation of [`riskgate::api::call`] (what the golden vectors name).
#[wasm_bindgen]
pub fn call(op: &str, input: &str) -> Reply {
    reply(api::call(op, input))
}

/// `{ entries | text, service, at, policy?, tier?, granularity? }` → the budget status.
#[wasm_bindgen(js_name = ledgerStatus)]
pub fn ledger_status(input: &str) -> Reply {
    reply(api::ledger_status(input))
}

/// `{ entries | text, expectHead? }` → `{ ok, entries, head, problems }`.
#[wasm_bindgen(js_name = ledgerVerify)]
pub fn ledger_verify(input: &str) -> Reply {
    reply(api::ledger_verify(input))
}

/// `{ entries | text, entry, policy? }` → `{ entry, line, head, note }`.
#[wasm_bindgen(js_name = ledgerAppend)]
pub fn ledger_append(input: &str) -> Reply {
    reply(api::ledger_append(input))
}
