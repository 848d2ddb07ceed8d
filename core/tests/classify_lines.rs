//! `api::classify_lines` (the npm package's `classify` of plain path lists, the paths
//! joined by newlines, answered as packed numbers) answers exactly what
//! `api::classify_compact` answers for the same `{ files, policy }` JSON, errors included,
//! or declines (`None`) where a path holds a newline or anything JSON escapes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use riskgate::api;
use serde_json::{Value, json};

/// What `classify_compact`'s JSON answer packs to.
fn packed(compact: &str) -> Vec<u32> {
    let answer: Value = serde_json::from_str(compact).unwrap();
    let fallback: Vec<u64> = answer["fallback"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let mut out = Vec::new();
    for (i, file) in answer["files"].as_array().unwrap().iter().enumerate() {
        let indices = file.as_array().unwrap();
        let flag = if fallback.contains(&(i as u64)) {
            1 << 31
        } else {
            0
        };
        out.push(indices.len() as u32 | flag);
        out.extend(indices.iter().map(|v| v.as_u64().unwrap() as u32));
    }
    out
}

/// Both ways on one input: the same answer, the same error, or a declined input that the
/// JSON route must take.
fn compare(paths: &[String], policy: Option<&Value>) -> Result<(), TestCaseError> {
    let mut input = json!({ "files": paths });
    let policy_text = policy.map(Value::to_string);
    if let Some(p) = policy {
        input["policy"] = p.clone();
    }
    let compact = api::classify_compact(&input.to_string());
    let lines = api::classify_lines(paths.len(), &paths.join("\n"), policy_text.as_deref());
    let declinable = paths
        .iter()
        .any(|p| p.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\'));
    match (lines, compact) {
        (Ok(Some(packed_lines)), Ok(compact)) => {
            prop_assert!(!declinable, "{paths:?}");
            prop_assert_eq!(packed_lines, packed(&compact));
            let names: Value = serde_json::from_str(&compact).unwrap();
            let ids: Value =
                serde_json::from_str(&api::category_ids(policy_text.as_deref()).unwrap()).unwrap();
            prop_assert_eq!(&ids, &names["categories"]);
        }
        (Err(a), Err(b)) => {
            prop_assert!(!declinable, "{paths:?}");
            prop_assert_eq!(
                (a.code(), a.path(), a.message()),
                (b.code(), b.path(), b.message())
            );
        }
        (Ok(None), _) => prop_assert!(declinable, "declined {paths:?}"),
        (lines, compact) => {
            prop_assert!(false, "{paths:?}: lines {lines:?}, compact {compact:?}");
        }
    }
    Ok(())
}

fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "(src|docs|k8s|auth|a b|é)(/[a-zA-Z0-9_.-]{0,8}){0,4}",
        1 => "[a-z/\"\\\\\n\r\t\u{1}\u{7f}\u{85} é]{0,8}",
        1 => Just(String::new()),
        1 => Just(String::from("  ")),
        1 => Just("x/".repeat(2100)),
    ]
}

fn policy() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        3 => Just(None),
        1 => Just(Some(Value::Null)),
        1 => Just(Some(json!({ "matchCase": true }))),
        1 => Just(Some(json!({ "categories": { "extra": {
            "label": "Extra", "points": 3, "highRisk": false, "include": ["**/*.rs", "src/**"] } } }))),
        1 => Just(Some(json!({ "categories": { "bad": { "label": "Bad", "points": 3, "highRisk": false, "include": ["a[b"] } } }))),
        1 => Just(Some(json!("stella-ops"))),
        1 => Just(Some(json!({ "tiers": 3 }))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn classify_lines_answers_as_classify_compact(
        paths in prop::collection::vec(path(), 0..12),
        policy in policy(),
    ) {
        compare(&paths, policy.as_ref())?;
    }
}

#[test]
fn the_size_limit_is_the_json_inputs() {
    // Paths whose JSON input is just over the limit, while their joined text is not.
    let limit = riskgate::limits::MAX_INPUT_BYTES;
    let path = "a/".repeat(2000) + "x.rs";
    let count = limit / (path.len() + 3);
    let paths = vec![path; count + 1];
    let joined = paths.join("\n");
    assert!(joined.len() <= limit);
    let err = api::classify_lines(paths.len(), &joined, None).unwrap_err();
    let compact = api::classify_compact(&json!({ "files": paths }).to_string()).unwrap_err();
    assert_eq!(err.code(), "limit_exceeded");
    assert_eq!(
        (err.path(), err.message()),
        (compact.path(), compact.message())
    );
}

/// Policy text that does not parse as the JSON input would hold it (not JSON, more than
/// one value, nested past serde_json's limit there) is left to the JSON way.
#[test]
fn policy_text_is_read_as_the_json_input_holds_it() {
    let nested = |depth: usize| format!("{{\"a\":{}1{}}}", "[".repeat(depth), "]".repeat(depth));
    let texts = [
        String::from("{"),
        String::from("1,\"files\":[\"x\"]"),
        String::from("{} trailing"),
        nested(120),
        nested(125),
        nested(126),
        nested(127),
        nested(200),
    ];
    for text in &texts {
        let input = format!(r#"{{"files":["src/a.rs"],"policy":{text}}}"#);
        let compact = api::classify_compact(&input);
        match api::classify_lines(1, "src/a.rs", Some(text)) {
            Ok(None) => assert!(
                compact.is_err(),
                "{text}: declined, but the JSON way answers"
            ),
            Ok(Some(_)) => assert!(compact.is_ok(), "{text}"),
            Err(a) => {
                let b = compact.expect_err(text);
                assert_eq!(
                    (a.code(), a.path(), a.message()),
                    (b.code(), b.path(), b.message()),
                    "{text}"
                );
            }
        }
    }
}

#[test]
fn a_newline_in_a_path_or_a_wrong_count_is_declined() {
    assert_eq!(api::classify_lines(2, "a\nb\nc", None).unwrap(), None);
    assert_eq!(api::classify_lines(1, "a\nb", None).unwrap(), None);
    assert_eq!(api::classify_lines(0, "a", None).unwrap(), None);
    assert_eq!(api::classify_lines(0, "", None).unwrap(), Some(vec![]));
    assert!(api::classify_lines(1, "", None).is_err());
}
