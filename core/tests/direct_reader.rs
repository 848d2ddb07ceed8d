//! The direct reader (`riskgate::direct`) answers serde's answer or nothing: whatever text
//! it takes, it reads as serde reads it, and it takes nothing serde refuses. It must also
//! take what it is for: every preset policy and the requests of the golden vectors. For
//! policies and decisions, which it reads alone (the wasm builds have no serde reader for
//! them), its errors are serde's too: the same message and the same JSON path.

use proptest::prelude::*;
use riskgate::error::from_json_str;
use riskgate::{Decision, ErrorKind, Policy, Request, direct};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt::Debug;
use std::sync::OnceLock;

mod common;
use common::documents::{Break, broken_text, documents};

/// The direct reader's answer, when it gives one, is serde's; `true` when it gave one.
fn same_as_serde<T: DeserializeOwned + PartialEq + Debug + direct::ReadJson>(
    text: &str,
) -> Result<bool, TestCaseError> {
    let Some(direct) = direct::read::<T>(text) else {
        return Ok(false);
    };
    match serde_json::from_str::<T>(text) {
        Ok(serde) => {
            prop_assert_eq!(&direct, &serde, "read differently: {}", text);
            Ok(true)
        }
        Err(e) => Err(TestCaseError::fail(format!(
            "the direct reader took what serde refuses ({e}): {text}"
        ))),
    }
}

/// `text` read by the direct reader and, as before it, by serde through riskgate's error
/// paths (`from_json_str`, which `error_paths.rs` holds to serde_path_to_error): the same
/// value, or the same error (the position serde adds to its message aside).
fn explained_as_serde<T: DeserializeOwned + PartialEq + Debug + direct::ReadJson>(
    text: &str,
) -> Result<(), TestCaseError> {
    let ours = direct::read_explained::<T>(text, ErrorKind::InvalidPolicy);
    let serde = from_json_str::<T>(text, ErrorKind::InvalidPolicy);
    alike(ours, serde, text, false)
}

/// The same value, or the same error: message (without the position serde adds to it,
/// unless `malformed_placed` and the JSON is malformed), path and kind.
fn alike<T: PartialEq + Debug>(
    ours: Result<T, riskgate::Error>,
    serde: Result<T, riskgate::Error>,
    text: &str,
    malformed_placed: bool,
) -> Result<(), TestCaseError> {
    match (ours, serde) {
        (Ok(ours), Ok(serde)) => prop_assert_eq!(ours, serde, "read differently: {}", text),
        (Err(ours), Err(serde)) => {
            let message = if malformed_placed && serde.message().starts_with("malformed JSON") {
                serde.message()
            } else {
                serde
                    .message()
                    .rsplit_once(" at line ")
                    .map_or(serde.message(), |(message, _)| message)
            };
            prop_assert_eq!(ours.message(), message, "message, for {}", text);
            prop_assert_eq!(ours.path(), serde.path(), "path, for {}", text);
            prop_assert_eq!(ours.kind(), serde.kind());
        }
        (ours, serde) => {
            return Err(TestCaseError::fail(format!(
                "one failed, the other did not: ours {ours:?}, serde {serde:?}, text {text}"
            )));
        }
    }
    Ok(())
}

/// Ways of breaking a document for this reader: those of the error-path tests, plus the
/// values at the edges of what it reads (numbers it must leave to serde, escapes, a field
/// given twice).
fn breaks() -> impl Strategy<Value = Break> {
    prop_oneof![
        common::documents::breaks(),
        prop_oneof![
            Just(Value::from(0)),
            Just(Value::from(255)),
            Just(Value::from(256)),
            Just(Value::from(4_294_967_296_u64)),
            Just(Value::from(u64::MAX)),
            Just(Value::from(-0.0)),
            Just(Value::from(100.0)),
            Just(Value::from(0.1)),
            Just(Value::from(123_456.789_012_345_67)),
            Just(Value::from("with \"quotes\"")),
            Just(Value::from("line\nbreak")),
            Just(Value::from("green")),
            Just(Value::from("G2")),
            Just(Value::from("2026-03-01T10:00:00Z")),
            Just(Value::from("2026-03-01")),
        ]
        .prop_map(Break::Replace),
        Just(Break::DuplicateField),
    ]
}

/// `text` read as a decision by the direct reader (`render`'s reader) and by serde through
/// riskgate's error paths: the same value, or the same error. Malformed JSON is serde's own
/// message, position included; any other error leaves the position out.
fn located_as_serde(text: &str) -> Result<(), TestCaseError> {
    let ours = direct::read_located::<Decision>(text, ErrorKind::InvalidRequest);
    let serde = from_json_str::<Decision>(text, ErrorKind::InvalidRequest);
    alike(ours, serde, text, true)
}

/// The decisions of the vectors' requests (as JSON values), evaluated natively: the plain
/// requests, and those of the `evaluate` vectors, which give ledger entries of each kind.
fn decisions() -> &'static [Value] {
    static DECISIONS: OnceLock<Vec<Value>> = OnceLock::new();
    DECISIONS.get_or_init(|| {
        let (requests, _) = documents();
        let mut requests = requests.clone();
        requests.extend(
            common::documents::vectors()
                .iter()
                .filter(|vector| vector.get("op") == Some(&Value::from("evaluate")))
                .filter_map(|vector| vector.get("request").cloned()),
        );
        requests.sort_by_key(Value::to_string);
        requests
            .iter()
            .filter_map(|request| riskgate::api::evaluate(&request.to_string()).ok())
            .filter_map(|text| serde_json::from_str(&text).ok())
            .collect()
    })
}

fn policy_texts() -> &'static [(String, String)] {
    static TEXTS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        riskgate::policy::preset_names()
            .into_iter()
            .map(|name| {
                let text = Policy::preset(name).map(|p| p.to_json());
                (name.to_owned(), text.unwrap_or_default())
            })
            .collect()
    })
}

#[test]
fn every_preset_is_read_directly_and_as_serde_reads_it() {
    for (name, text) in policy_texts() {
        assert!(!text.is_empty(), "preset {name}");
        let direct = direct::read::<Policy>(text);
        assert!(direct.is_some(), "preset {name} was left to serde");
        let serde: Policy = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(direct, Some(serde), "preset {name}");
        let compact = serde_json::to_string(&serde_json::from_str::<Value>(text).unwrap())
            .unwrap_or_default();
        assert_eq!(
            direct::read::<Policy>(&compact),
            direct::read::<Policy>(text)
        );
    }
}

/// The reader leaves a request to serde only for what it never reads itself: a policy
/// override, a ledger given as an array, an escape in a string.
#[test]
fn the_vector_requests_are_read_directly_and_as_serde_reads_them() {
    let (requests, _) = documents();
    let mut direct = 0;
    for request in requests {
        for text in [
            serde_json::to_string(request).unwrap(),
            serde_json::to_string_pretty(request).unwrap(),
        ] {
            let serde: Request = serde_json::from_str(&text).unwrap();
            let expected = request.get("policy").is_none()
                && !request.get("ledger").is_some_and(Value::is_array)
                && !text.contains('\\');
            match direct::read::<Request>(&text) {
                Some(read) => {
                    assert_eq!(read, serde, "{text}");
                    direct += 1;
                }
                None => assert!(!expected, "left to serde: {text}"),
            }
        }
    }
    assert!(direct >= 100, "only {direct} request texts read directly");
}

/// Every decision of the vectors, compact and pretty, is read as serde reads it; among
/// them ledger entries of each kind and `ledgerEntry: null`.
#[test]
fn every_vector_decision_is_read_directly_and_as_serde_reads_it() {
    let decisions = decisions();
    assert!(decisions.len() >= 100, "only {} decisions", decisions.len());
    let mut kinds = std::collections::BTreeSet::new();
    for decision in decisions {
        match decision.get("ledgerEntry") {
            Some(Value::Object(entry)) => {
                kinds.insert(entry.get("kind").map(Value::to_string).unwrap_or_default());
            }
            Some(Value::Null) => {
                kinds.insert("null".to_owned());
            }
            _ => {}
        }
        for text in [
            serde_json::to_string(decision).unwrap(),
            serde_json::to_string_pretty(decision).unwrap(),
        ] {
            let serde: Decision = serde_json::from_str(&text).unwrap();
            let direct = direct::read_located::<Decision>(&text, ErrorKind::InvalidRequest);
            assert_eq!(direct.as_ref().ok(), Some(&serde), "{text}");
        }
    }
    assert!(
        kinds.contains("null") && kinds.contains("\"release\""),
        "{kinds:?}"
    );
}

/// serde ignores members a decision's types do not know (none denies them): so does the
/// reader, whatever the value, while refusing what is not JSON, as serde does.
#[test]
fn unknown_members_of_a_decision_are_skipped_as_serde_skips_them() {
    fn add_everywhere(value: &mut Value, extra: &Value) {
        match value {
            Value::Object(map) => {
                for member in map.values_mut() {
                    add_everywhere(member, extra);
                }
                map.insert("zzUnknown".to_owned(), extra.clone());
            }
            Value::Array(items) => items
                .iter_mut()
                .for_each(|item| add_everywhere(item, extra)),
            _ => {}
        }
    }
    let extras = [
        serde_json::json!({"a": [1, "\u{e9} \" \\ \n", {"b": null}], "c": -1.5e300, "d": [[[]]]}),
        serde_json::json!("text with \u{1F600} and \t"),
        serde_json::json!([true, false, null, 0, -0.0, 18446744073709551615_u64]),
    ];
    for decision in decisions().iter().step_by(7) {
        for extra in &extras {
            let mut doc = decision.clone();
            add_everywhere(&mut doc, extra);
            // Ledger entries and rollout phases deny unknown fields, in serde as here.
            if let Some(entry) = doc.get_mut("ledgerEntry") {
                *entry = decision.get("ledgerEntry").cloned().unwrap_or_default();
            }
            if let Some(Value::Array(phases)) = doc.pointer_mut("/rollout/phases") {
                phases.iter_mut().for_each(|phase| {
                    if let Value::Object(map) = phase {
                        map.remove("zzUnknown");
                    }
                });
            }
            for text in [doc.to_string(), serde_json::to_string_pretty(&doc).unwrap()] {
                located_as_serde(&text).unwrap();
                assert!(direct::read_located::<Decision>(&text, ErrorKind::InvalidRequest).is_ok());
            }
        }
    }
    let text = decisions()
        .first()
        .map(Value::to_string)
        .unwrap_or_default();
    for malformed in ["[1,,2]", "{\"a\" 1}", "tru", "\"\\x\"", "01", "[", "1 2"] {
        let broken = text.replacen('{', &format!("{{\"zzUnknown\": {malformed}, "), 1);
        located_as_serde(&broken).unwrap();
        let e = direct::read_located::<Decision>(&broken, ErrorKind::InvalidRequest).unwrap_err();
        assert!(
            e.message().starts_with("malformed JSON: "),
            "{malformed}: {e:?}"
        );
        assert!(
            e.message().contains(" at line 1 column "),
            "{malformed}: {e:?}"
        );
    }
}

/// What serde_json's skipper takes but its reader refuses, inside a ledger entry (read by
/// serde's reader) and inside an unknown member (skipped): as serde reads the decision.
#[test]
fn numbers_out_of_range_in_a_decision_are_refused_or_skipped_as_serde_does() {
    let decision = decisions()
        .iter()
        .find(|d| d.get("ledgerEntry").is_some_and(Value::is_object))
        .expect("a decision with a ledger entry");
    let text = serde_json::to_string_pretty(decision).unwrap();
    for number in ["1e400", "-1e400", "18446744073709551616", "1.5", "-0"] {
        let in_entry = text.replacen("\"seq\": ", &format!("\"seq\": {number}, \"zz\": "), 1);
        located_as_serde(&in_entry).unwrap();
        let in_unknown = text.replacen('{', &format!("{{\"zzUnknown\": [{number}],"), 1);
        located_as_serde(&in_unknown).unwrap();
    }
}

#[test]
fn whitespace_of_every_kind_between_tokens() {
    let (requests, _) = documents();
    for request in requests
        .iter()
        .filter(|r| r.get("policy").is_none())
        .take(20)
    {
        let text = serde_json::to_string_pretty(request)
            .unwrap()
            .replace('\n', "\r\n\t ");
        let text = format!(" \n{text}\t\r\n");
        if text.contains('\\') || request.get("ledger").is_some_and(Value::is_array) {
            continue;
        }
        let read = direct::read::<Request>(&text);
        assert!(read.is_some(), "{text}");
        assert_eq!(read, serde_json::from_str::<Request>(&text).ok());
    }
}

#[test]
fn text_after_the_document_is_refused() {
    let text = r#"{"service":{"name":"a","tier":1},"change":{"id":"x"}}"#;
    assert!(direct::read::<Request>(text).is_some());
    for tail in [" x", ",", "{}", "}", "]", "\u{0}"] {
        assert_eq!(
            direct::read::<Request>(&format!("{text}{tail}")),
            None,
            "{tail:?}"
        );
    }
}

/// A request with `number` in the field of each numeric type.
fn with_number(field: &str, number: &str) -> String {
    let (tier, consumed, pct, users) = match field {
        "tier" => (number, "0", "50", "1"),
        "consumed" => ("1", number, "50", "1"),
        "pct" => ("1", "0", number, "1"),
        _ => ("1", "0", "50", number),
    };
    format!(
        r#"{{"service":{{"name":"a","tier":{tier}}},"change":{{"id":"x","usersAffected":{users}}},"context":{{"errorBudgetRemainingPct":{pct}}},"budget":{{"consumed":{consumed}}}}}"#
    )
}

/// Integers around the edges of u64 and i64, where the reader stops trusting its digit
/// loop (19 digits always fit) and where serde_json turns to floats, and the small ones
/// the reader takes in one pass only when nothing after their digits continues them.
#[test]
fn integers_at_the_edges_are_read_as_serde_reads_them() {
    let edges = [
        "0",
        "00",
        "01",
        "7",
        "10.",
        "10.5",
        "1e",
        "1E2",
        "12-",
        "12+",
        "0.0",
        "1234567890123456789",
        "9999999999999999999",
        "10000000000000000000",
        "18446744073709551615",
        "18446744073709551616",
        "99999999999999999999",
        "-9223372036854775807",
        "-9223372036854775808",
        "-9223372036854775809",
        "-9999999999999999999",
        "-18446744073709551616",
    ];
    for number in edges {
        for field in ["tier", "consumed", "pct", "users"] {
            let text = with_number(field, number);
            if let Err(e) = same_as_serde::<Request>(&text) {
                panic!("{field} = {number}: {e}");
            }
        }
    }
}

fn numbers() -> impl Strategy<Value = String> {
    prop_oneof![
        "-?(0|[1-9][0-9]{0,20})(\\.[0-9]{1,18})?([eE][+-]?[0-9]{1,3})?",
        "-?0[0-9]{1,3}",
        "-?[0-9]{1,4}\\.",
        "-?\\.[0-9]{1,4}",
        "[+-]?[0-9]{1,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Every number serde_json reads for each numeric type, bit for bit (f64's `==` would
    /// take -0.0 for 0.0), and the reader takes the common ones.
    #[test]
    fn numbers_are_read_as_serde_reads_them(
        number in numbers(),
        field in prop_oneof![Just("tier"), Just("consumed"), Just("pct"), Just("users")],
    ) {
        let text = with_number(field, &number);
        let taken = same_as_serde::<Request>(&text)?;
        if let Some(read) = direct::read::<Request>(&text) {
            let serde: Request = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(
                read.context.error_budget_remaining_pct.map(f64::to_bits),
                serde.context.error_budget_remaining_pct.map(f64::to_bits)
            );
        }
        let digits = number.bytes().filter(u8::is_ascii_digit).count();
        let leading_zero = number.starts_with('0') && number.len() > 1 && !number.starts_with("0.");
        let odd = number.contains(['e', 'E', '+']) || number.ends_with('.') || number.starts_with(['.', '-']);
        let plain = !leading_zero && !odd && digits <= 15;
        if field == "pct" && plain {
            prop_assert!(taken, "left to serde: {}", number);
        }
    }

    #[test]
    fn broken_requests_are_read_as_serde_reads_them_or_left_to_it(
        which in any::<usize>(), pick in any::<usize>(), how in breaks(), pretty in any::<bool>(),
    ) {
        let (requests, _) = documents();
        prop_assume!(!requests.is_empty());
        let doc = requests.get(which % requests.len()).cloned().unwrap_or_default();
        same_as_serde::<Request>(&broken_text(&doc, pick, &how, pretty))?;
    }

    /// What a policy override can make of the merged document (a compact text, never
    /// malformed): read, or refused in serde's words at serde's path.
    #[test]
    fn broken_policies_are_refused_in_serdes_words(
        which in any::<usize>(), pick in any::<usize>(), how in breaks(),
    ) {
        // A merged document is never cut short.
        let how = if matches!(how, Break::Truncate(_)) { Break::DuplicateField } else { how };
        let texts = policy_texts();
        let (_, text) = texts.get(which % texts.len()).cloned().unwrap_or_default();
        let doc: Value = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        explained_as_serde::<Policy>(&broken_text(&doc, pick, &how, false))?;
    }

    /// What `render` may be given: a decision broken in one place, compact or pretty.
    #[test]
    fn broken_decisions_are_read_or_refused_as_serde_does(
        which in any::<usize>(), pick in any::<usize>(), how in breaks(), pretty in any::<bool>(),
    ) {
        let decisions = decisions();
        prop_assume!(!decisions.is_empty());
        let doc = decisions.get(which % decisions.len()).cloned().unwrap_or_default();
        located_as_serde(&broken_text(&doc, pick, &how, pretty))?;
    }

    #[test]
    fn broken_policies_are_read_as_serde_reads_them_or_left_to_it(
        which in any::<usize>(), pick in any::<usize>(), how in breaks(), pretty in any::<bool>(),
    ) {
        let texts = policy_texts();
        let (_, text) = texts.get(which % texts.len()).cloned().unwrap_or_default();
        let doc: Value = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        same_as_serde::<Policy>(&broken_text(&doc, pick, &how, pretty))?;
    }
}

/// The forms no generated break makes, each put into the default policy: enums as serde_json
/// also reads them (`{"G2": null}`), map keys that are not numbers, structs given as arrays
/// too long or too short, escapes, numbers in every notation, dates serde refuses.
#[test]
fn unusual_policy_forms_are_read_or_refused_as_serde_does() {
    let cases: &[(&str, &str)] = &[
        ("/gates/requirements/0/level", r#"{"G2":null}"#),
        ("/gates/requirements/0/level", r#"{"G2":1}"#),
        ("/gates/requirements/0/level", r#"{"G9":null}"#),
        ("/gates/requirements/0/level", r#"{"G2":null,"G3":null}"#),
        ("/gates/requirements/0/level", "[]"),
        ("/gates/requirements/0/level", r#""G\u0032""#),
        ("/gates/thresholds", "[1,6,13,21]"),
        ("/gates/thresholds", "[1,6,13,21,30]"),
        ("/gates/thresholds", "[1,6]"),
        ("/context/incident", r#"["Incident",5]"#),
        ("/modifiers/0/raise", "256"),
        ("/modifiers/0/raise", "-1"),
        ("/modifiers/0/raise", "1.0"),
        ("/modifiers/0/raise", "1e2"),
        ("/minimumScore", "4294967296"),
        ("/minimumScore", "18446744073709551616"),
        ("/budget/yellowBelowPct", "1e1"),
        ("/budget/yellowBelowPct", "0.30000000000000004"),
        ("/budget/yellowBelowPct", "-0"),
        ("/budget/yellowBelowPct", "\"60\""),
        ("/name", r#""tab\tand \"quotes\" and \u00e9""#),
        ("/ledger/sprint", r#"{"start":"2026-02-30","days":14}"#),
        ("/ledger/sprint", r#"{"start":"2026-03-02","days":14}"#),
        ("/ledger/sprint", r#"{"start":20260302,"days":14}"#),
        ("/ledger/mttrTargetsMinutes", r#"{"sev5":60}"#),
        ("/tiers/9", r#"{"label":"x","base":1,"monthlyBudget":1}"#),
        // An `Option` field without `#[serde(default)]` is required in the array form.
        ("/pipeline/errorBudgetModes/0", r#"["m","M"]"#),
        (
            "/pipeline/errorBudgetModes/0",
            r#"["m","M",null,false,null,[],[]]"#,
        ),
        ("/errorBudgetGate/gates/healthy", "[50]"),
        ("/errorBudgetGate/gates/healthy", r#"[50,null,["low"]]"#),
        // An extra element that is an array: serde_json stops inside it.
        ("/context/incident", r#"["x",1,[0]]"#),
        ("/context/incident", r#"["x",1,[]]"#),
        ("/context/incident", r#"["x",1,{"a":1}]"#),
    ];
    let text = Policy::preset("stella-ops")
        .map(|p| p.to_json())
        .unwrap_or_default();
    let doc: Value = serde_json::from_str(&text).unwrap();
    for (pointer, replacement) in cases {
        let mut broken = doc.clone();
        let (parent, last) = pointer.rsplit_once('/').unwrap();
        let value: Value = serde_json::from_str(replacement).unwrap();
        match broken
            .pointer_mut(parent)
            .unwrap_or_else(|| panic!("{pointer}"))
        {
            Value::Object(map) => {
                map.insert(last.to_owned(), value);
            }
            Value::Array(items) => items[last.parse::<usize>().unwrap()] = value,
            _ => panic!("{pointer}"),
        }
        let compact = serde_json::to_string(&broken).unwrap();
        explained_as_serde::<Policy>(&compact)
            .unwrap_or_else(|e| panic!("{pointer} = {replacement}: {e}"));
        // The replacement as written (a Value would print it canonically).
        let written = compact.replacen(
            &serde_json::to_string(broken.pointer(pointer).unwrap()).unwrap(),
            replacement,
            1,
        );
        explained_as_serde::<Policy>(&written)
            .unwrap_or_else(|e| panic!("{pointer} = {replacement} as written: {e}"));
    }
    // Map keys no Value would change.
    for key in [
        "x", "300", "-1", "1.5", "", "01", "1x", "0x", "1 ", "1\n", "300x", "1.5x", "1e400", "-",
        "1.", "1e", "2e0", "-0",
    ] {
        let written = text.replacen("\"0\":", &format!("{:?}:", key), 1);
        let compact =
            serde_json::to_string(&serde_json::from_str::<Value>(&written).unwrap()).unwrap();
        let ours = direct::read_explained::<Policy>(&compact, ErrorKind::InvalidPolicy);
        let serde = from_json_str::<Policy>(&compact, ErrorKind::InvalidPolicy);
        let ours = ours.expect_err(key);
        let serde = serde.expect_err(key);
        assert_eq!(ours.path(), serde.path(), "{key:?}");
        let message = serde
            .message()
            .rsplit_once(" at line ")
            .map_or(serde.message(), |(message, _)| message);
        assert_eq!(ours.message(), message, "{key:?}");
    }
}
