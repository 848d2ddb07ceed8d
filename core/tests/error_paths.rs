//! riskgate names the JSON path of a parse error from where serde_json stopped
//! (`riskgate::error::from_json_str`), instead of wrapping the deserializer with
//! serde_path_to_error, which doubled every `Deserialize` impl in the wasm. This checks the
//! two agree: valid requests, policies and ledger entries from the golden vectors, broken
//! in one place (a wrong type, an unknown or missing field, a truncation), printed compact
//! or pretty, must fail with the same path and the same message.

use proptest::prelude::*;
use riskgate::error::from_json_str;
use riskgate::{ErrorKind, Policy, Request};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::path::Path;
use std::sync::OnceLock;

fn documents() -> &'static (Vec<Value>, Vec<Value>) {
    static DOCUMENTS: OnceLock<(Vec<Value>, Vec<Value>)> = OnceLock::new();
    DOCUMENTS.get_or_init(read_documents)
}

fn read_documents() -> (Vec<Value>, Vec<Value>) {
    let mut requests = Vec::new();
    let mut entries = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        let Ok(listing) = std::fs::read_dir(&dir) else {
            continue;
        };
        for item in listing.flatten() {
            let path = item.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let Some(vector) = std::fs::read_to_string(&path)
                .ok()
                .and_then(|text| serde_json::from_str::<Value>(&text).ok())
            else {
                continue;
            };
            if vector.get("op").is_none()
                && let Some(request) = vector.get("request")
                && serde_json::from_value::<Request>(request.clone()).is_ok()
            {
                requests.push(request.clone());
            }
            if let Some(list) = vector.pointer("/request/entries").and_then(Value::as_array) {
                entries.extend(list.iter().filter(|e| e.is_object()).cloned());
            }
            if let Some(text) = vector.pointer("/request/text").and_then(Value::as_str) {
                entries.extend(
                    text.lines()
                        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
                        .filter(Value::is_object),
                );
            }
        }
    }
    requests.sort_by_key(Value::to_string);
    entries.sort_by_key(Value::to_string);
    (requests, entries)
}

/// Every JSON pointer in `value`, containers and leaves.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{at}/{escaped}"), out);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{index}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

#[derive(Debug, Clone)]
enum Break {
    Replace(Value),
    UnknownField,
    RemoveField,
    Truncate(usize),
}

fn breaks() -> impl Strategy<Value = Break> {
    prop_oneof![
        prop_oneof![
            Just(Value::from("not-a-known-name")),
            Just(Value::from(-1)),
            Just(Value::from(1.5)),
            Just(Value::from(1e12)),
            Just(Value::from(true)),
            Just(Value::Null),
            Just(Value::Array(Vec::new())),
            Just(Value::Array(vec![Value::from(3), Value::from("x")])),
            Just(Value::Object(Map::new())),
        ]
        .prop_map(Break::Replace),
        Just(Break::UnknownField),
        Just(Break::RemoveField),
        any::<usize>().prop_map(Break::Truncate),
    ]
}

/// `doc` broken at pointer number `pick`, as text (compact or pretty).
fn broken_text(doc: &Value, pick: usize, how: &Break, pretty: bool) -> String {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let pointer = all
        .get(pick % all.len().max(1))
        .cloned()
        .unwrap_or_default();
    let mut doc = doc.clone();
    match how {
        Break::Replace(with) => {
            if let Some(slot) = doc.pointer_mut(&pointer) {
                *slot = with.clone();
            }
        }
        Break::UnknownField | Break::RemoveField => {
            // The nearest object at or above the pointer.
            let mut at = pointer.clone();
            loop {
                if let Some(Value::Object(map)) = doc.pointer_mut(&at) {
                    if matches!(how, Break::UnknownField) {
                        map.insert("zzUnknown".to_owned(), Value::from(1));
                    } else if let Some(first) = map.keys().nth(pick % map.len().max(1)).cloned() {
                        map.shift_remove(&first);
                    }
                    break;
                }
                match at.rfind('/') {
                    Some(cut) => at.truncate(cut),
                    None => break,
                }
            }
        }
        Break::Truncate(_) => {}
    }
    let text = if pretty {
        serde_json::to_string_pretty(&doc)
    } else {
        serde_json::to_string(&doc)
    }
    .unwrap_or_default();
    match how {
        Break::Truncate(at) => {
            let mut cut = at % text.len().max(1);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.get(..cut).unwrap_or_default().to_owned()
        }
        _ => text,
    }
}

/// The reference: serde_path_to_error's path and serde_json's message.
fn reference<T: DeserializeOwned>(text: &str) -> Option<(String, String)> {
    let mut de = serde_json::Deserializer::from_str(text);
    let result: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    let error = match result.map(|_| de.end()) {
        Ok(Ok(())) => return None,
        Ok(Err(e)) => return Some((String::new(), e.to_string())),
        Err(e) => e,
    };
    let path = error.path().to_string();
    let path = if path == "." { String::new() } else { path };
    Some((path, error.into_inner().to_string()))
}

/// `a.b[2].c` as `a`, `b`, `[2]`, `c`.
fn segments(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        while let Some(open) = rest.get(1..).and_then(|r| r.find('[')).map(|i| i + 1) {
            out.push(rest.get(..open).unwrap_or_default());
            rest = rest.get(open..).unwrap_or_default();
        }
        out.push(rest);
    }
    out
}

fn agree<T: DeserializeOwned>(text: &str) -> Result<(), TestCaseError> {
    let ours = from_json_str::<T>(text, ErrorKind::InvalidRequest).err();
    let theirs = reference::<T>(text);
    match (ours, theirs) {
        (None, None) => Ok(()),
        (Some(ours), Some((path, message))) => {
            // serde_path_to_error writes `?` for a map key it cannot capture (a key that is
            // an enum, like the error-budget bands); riskgate names it. In malformed JSON
            // the two may stop one segment apart (riskgate names the array element the text
            // stopped in, serde_path_to_error a number key the text stopped inside); the
            // segments they share must agree.
            let ours_segments = segments(ours.path());
            let reference = segments(&path);
            let syntax = ours.message().starts_with("malformed JSON: ");
            let lengths_fit = if syntax {
                ours_segments.len().abs_diff(reference.len()) <= 1
            } else {
                ours_segments.len() == reference.len()
            };
            let same = lengths_fit
                && ours_segments
                    .iter()
                    .zip(&reference)
                    .all(|(o, r)| o == r || *r == "?");
            prop_assert!(
                same,
                "path differs: ours {:?}, reference {:?}, for {}",
                ours.path(),
                path,
                text
            );
            let ours_message = ours.message().trim_start_matches("malformed JSON: ");
            prop_assert_eq!(
                ours_message,
                message.as_str(),
                "message differs for {}",
                text
            );
            Ok(())
        }
        (ours, theirs) => Err(TestCaseError::fail(format!(
            "one failed, the other did not: ours {ours:?}, reference {theirs:?}, text {text}"
        ))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn request_error_paths_match_serde_path_to_error(
        which in any::<usize>(), pick in any::<usize>(), how in breaks(), pretty in any::<bool>(),
    ) {
        let (requests, _) = documents();
        prop_assume!(!requests.is_empty());
        let doc = requests.get(which % requests.len()).cloned().unwrap_or_default();
        agree::<Request>(&broken_text(&doc, pick, &how, pretty))?;
    }

    #[test]
    fn policy_error_paths_match_serde_path_to_error(
        pick in any::<usize>(), how in breaks(), pretty in any::<bool>(),
    ) {
        let text = riskgate::api::default_policy(None).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let doc: Value = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        agree::<Policy>(&broken_text(&doc, pick, &how, pretty))?;
    }

    #[test]
    fn ledger_entry_error_paths_match_serde_path_to_error(
        which in any::<usize>(), pick in any::<usize>(), how in breaks(), pretty in any::<bool>(),
    ) {
        let (_, entries) = documents();
        prop_assume!(!entries.is_empty());
        let doc = entries.get(which % entries.len()).cloned().unwrap_or_default();
        agree::<riskgate::ledger::Entry>(&broken_text(&doc, pick, &how, pretty))?;
    }
}

#[test]
fn the_documents_are_found() {
    let (requests, entries) = documents();
    assert!(requests.len() > 100, "{} requests", requests.len());
    assert!(entries.len() > 20, "{} ledger entries", entries.len());
}
