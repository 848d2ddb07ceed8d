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
use serde_json::Value;

mod common;
use common::documents::{breaks, broken_text, documents};

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
