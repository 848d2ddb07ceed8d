//! `cargo run -q -p riskgate --example replay [DIR]`: runs every golden vector under DIR
//! (default `core/tests/vectors`) through [`riskgate::api::call`] and prints, one JSON
//! document per line, `{ file, op, input, ok, output }`: the exact input text (as the
//! vector test builds it) and the engine's exact output text (its result, or the error
//! document). The npm package's tests replay the same inputs through the wasm build and
//! compare the text byte for byte.

use serde_json::{Value, json};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        entries.push(entry?.path());
    }
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "json") {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let root = std::env::args().nth(1).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors"),
        PathBuf::from,
    );
    let mut files = Vec::new();
    if let Err(e) = collect(&root, &mut files) {
        eprintln!("cannot read {}: {e}", root.display());
        return ExitCode::from(2);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in files {
        let name = path
            .strip_prefix(&root)
            .unwrap_or(&path)
            .display()
            .to_string();
        let doc: Value = match std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
        {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("{name}: {e}");
                return ExitCode::from(2);
            }
        };
        // The same input text as tests/vectors.rs builds.
        let input = match (doc.get("request"), doc.get("requestText")) {
            (Some(request), None) => request.to_string(),
            (None, Some(Value::String(raw))) => raw.clone(),
            _ => {
                eprintln!("{name}: needs exactly one of `request` or `requestText`");
                return ExitCode::from(2);
            }
        };
        let op = doc.get("op").and_then(Value::as_str).unwrap_or("evaluate");
        let (ok, output) = match riskgate::api::call(op, &input) {
            Ok(text) => (true, text),
            Err(e) => (false, e.to_json()),
        };
        let line = json!({ "file": name, "op": op, "input": input, "ok": ok, "output": output });
        if writeln!(out, "{line}").is_err() {
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
