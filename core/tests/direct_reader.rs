//! The direct reader (`riskgate::direct`) answers serde's answer or nothing: whatever text
//! it takes, it reads as serde reads it, and it takes nothing serde refuses. It must also
//! take what it is for: every preset policy and the requests of the golden vectors.

use proptest::prelude::*;
use riskgate::{Policy, Request, direct};
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
