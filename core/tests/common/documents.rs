//! The documents the parse tests break: every valid request and ledger entry of the golden
//! vectors, and the ways of breaking one in one place.

use proptest::prelude::*;
use riskgate::Request;
use serde_json::{Map, Value};
use std::path::Path;
use std::sync::OnceLock;

/// The valid requests and the ledger entries of the golden vectors.
pub fn documents() -> &'static (Vec<Value>, Vec<Value>) {
    static DOCUMENTS: OnceLock<(Vec<Value>, Vec<Value>)> = OnceLock::new();
    DOCUMENTS.get_or_init(read_documents)
}

/// Every golden vector, parsed, in a stable order.
pub fn vectors() -> &'static [Value] {
    static VECTORS: OnceLock<Vec<Value>> = OnceLock::new();
    VECTORS.get_or_init(|| {
        let mut vectors = Vec::new();
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
                } else if let Some(vector) = std::fs::read_to_string(&path)
                    .ok()
                    .and_then(|text| serde_json::from_str::<Value>(&text).ok())
                {
                    vectors.push(vector);
                }
            }
        }
        vectors.sort_by_key(Value::to_string);
        vectors
    })
}

fn read_documents() -> (Vec<Value>, Vec<Value>) {
    let mut requests = Vec::new();
    let mut entries = Vec::new();
    for vector in vectors() {
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
    requests.sort_by_key(Value::to_string);
    entries.sort_by_key(Value::to_string);
    (requests, entries)
}

/// Every JSON pointer in `value`, containers and leaves.
pub fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
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
pub enum Break {
    Replace(Value),
    UnknownField,
    RemoveField,
    Truncate(usize),
    /// The first member of the object given again, after the others.
    DuplicateField,
}

pub fn breaks() -> impl Strategy<Value = Break> {
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

/// The placeholder key [`Break::DuplicateField`] writes, then renames.
const DUPLICATE: &str = "zzDuplicateOfTheFirst";

/// `doc` broken at pointer number `pick`, as text (compact or pretty).
pub fn broken_text(doc: &Value, pick: usize, how: &Break, pretty: bool) -> String {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let pointer = all
        .get(pick % all.len().max(1))
        .cloned()
        .unwrap_or_default();
    let mut doc = doc.clone();
    let mut duplicate = None;
    match how {
        Break::Replace(with) => {
            if let Some(slot) = doc.pointer_mut(&pointer) {
                *slot = with.clone();
            }
        }
        Break::UnknownField | Break::RemoveField | Break::DuplicateField => {
            // The nearest object at or above the pointer.
            let mut at = pointer.clone();
            loop {
                if let Some(Value::Object(map)) = doc.pointer_mut(&at) {
                    if matches!(how, Break::UnknownField) {
                        map.insert("zzUnknown".to_owned(), Value::from(1));
                    } else if matches!(how, Break::DuplicateField) {
                        if let Some((key, value)) = map.iter().next() {
                            let (key, value) = (key.clone(), value.clone());
                            map.insert(DUPLICATE.to_owned(), value);
                            duplicate = Some(key);
                        }
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
    let text = match duplicate {
        Some(key) => text.replace(
            &format!("\"{DUPLICATE}\""),
            &serde_json::to_string(&key).unwrap_or_default(),
        ),
        None => text,
    };
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
