//! Golden vectors: every `tests/vectors/**/*.json` file holds a `note`, a `request` (or a
//! raw `requestText`), hand-written `assert` checks (JSON pointer → value) and the full
//! `expected` output (a decision, or an `{ "error": … }` document). An optional `op` names
//! another operation of `riskgate::api::call` (classify, render, ledgerStatus, …), whose
//! input `request` then is. One test per file.
//! An optional `assertContains` (JSON pointer → list of substrings) checks that the string
//! at the pointer contains each substring, for rendered text (`op` `render`); a vector
//! needs at least one hand-written check in `assert` or `assertContains`.
//! An optional `knownDisagreement` (JSON pointer → the value the seed gives) records a
//! reported difference between the seed and the engine: the vector fails once the engine
//! produces the seed's value there, so the entry gets moved into `assert`.
//! `RISKGATE_BLESS=1 cargo test -p riskgate --test vectors` rewrites `expected` from the
//! engine; review the diff before committing it.

#![expect(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test harness (harness = false, so not cfg(test)): failing loudly is the point"
)]

use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|x| x == "json") {
            out.push(path);
        }
    }
}

/// The engine's output for operation `op` on input text: its result or the error document.
pub fn run(op: &str, text: &str) -> Value {
    let out = match riskgate::api::call(op, text) {
        Ok(json) => json,
        Err(e) => e.to_json(),
    };
    serde_json::from_str(&out).unwrap()
}

fn check(path: &Path) -> Result<(), Failed> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{e}"))?;
    let mut doc: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    let note = doc.get("note").and_then(Value::as_str).unwrap_or("");
    if note.trim().is_empty() {
        return Err("the vector has no note saying what it checks".into());
    }
    // `requestText` carries requests that are not valid JSON documents (malformed input).
    let text = match (doc.get("request"), doc.get("requestText")) {
        (Some(request), None) => serde_json::to_string(request).unwrap(),
        (None, Some(Value::String(raw))) => raw.clone(),
        _ => {
            return Err(
                "the vector needs exactly one of `request` or `requestText` (a string)".into(),
            );
        }
    };
    // `op` names the operation (see `riskgate::api::call`); `evaluate` when absent.
    let op = doc.get("op").and_then(Value::as_str).unwrap_or("evaluate");
    let actual = run(op, &text);
    if std::env::var_os("RISKGATE_BLESS").is_some() {
        doc["expected"] = actual;
        let mut pretty = serde_json::to_string_pretty(&doc).unwrap();
        pretty.push('\n');
        std::fs::write(path, pretty).map_err(|e| format!("{e}"))?;
        return Ok(());
    }
    let expected = doc
        .get("expected")
        .ok_or("the vector has no expected output (bless it)")?;
    let (a, e) = (
        serde_json::to_string_pretty(&actual).unwrap(),
        serde_json::to_string_pretty(expected).unwrap(),
    );
    if a != e {
        return Err(format!("{note}\n--- expected\n{e}\n--- actual\n{a}").into());
    }
    // Hand-written assertions, independent of the blessed output.
    let mut hand_checks = 0;
    if let Some(Value::Object(checks)) = doc.get("assert") {
        for (pointer, want) in checks {
            let got = actual
                .pointer(pointer)
                .ok_or_else(|| format!("{note}: {pointer} is missing"))?;
            if got != want {
                return Err(format!("{note}: {pointer} is {got}, expected {want}").into());
            }
            hand_checks += 1;
        }
    }
    // `assertContains`: pointer → substrings the string there must contain.
    if let Some(contains) = doc.get("assertContains") {
        let Value::Object(checks) = contains else {
            return Err(format!("{note}: `assertContains` must be an object").into());
        };
        for (pointer, wants) in checks {
            let got = actual
                .pointer(pointer)
                .and_then(Value::as_str)
                .ok_or_else(|| format!("{note}: {pointer} is missing or not a string"))?;
            let Value::Array(wants) = wants else {
                return Err(format!("{note}: assertContains {pointer} must be a list").into());
            };
            for want in wants {
                let want = want
                    .as_str()
                    .ok_or_else(|| format!("{note}: assertContains {pointer}: not a string"))?;
                if !got.contains(want) {
                    return Err(
                        format!("{note}: {pointer} does not contain {want:?}:\n{got}").into(),
                    );
                }
                hand_checks += 1;
            }
        }
    }
    // `knownDisagreement`: pointer → the seed's value, which the engine does not give (yet).
    if let Some(known) = doc.get("knownDisagreement") {
        let Value::Object(known) = known else {
            return Err(format!("{note}: `knownDisagreement` must be an object").into());
        };
        for (pointer, seed) in known {
            if actual.pointer(pointer) == Some(seed) {
                return Err(format!(
                    "{note}: {pointer} now agrees with the seed ({seed}): move it from `knownDisagreement` into `assert`"
                )
                .into());
            }
        }
    }
    if hand_checks == 0 {
        return Err(format!("{note}: the vector has no hand-written `assert` checks").into());
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut files = Vec::new();
    collect(&root, &mut files);
    assert!(!files.is_empty(), "no vectors under {}", root.display());
    let trials = files
        .into_iter()
        .map(|path| {
            let name = path
                .strip_prefix(&root)
                .unwrap()
                .with_extension("")
                .display()
                .to_string();
            Trial::test(name, move || check(&path))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
