//! JSON in, JSON out: the ledger operations of [`crate::api`].

use super::{Granularity, Source};
use crate::error::{Error, ErrorKind, from_json_str};
use crate::policy::Policy;
use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use serde_json::Value;

/// Input of `ledgerStatus`.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusInput {
    /// The ledger as an array of entries …
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<super::Entry>>"))]
    pub entries: Option<Vec<Value>>,
    /// … or as JSON Lines text (exactly one of the two).
    #[serde(default)]
    pub text: Option<String>,
    pub service: String,
    /// The instant of the state (RFC 3339).
    pub at: DateTime<FixedOffset>,
    /// A policy document (preset plus overrides); the default preset when absent.
    #[serde(default)]
    pub policy: Option<Value>,
    /// The service's tier; the latest release's tier when absent.
    #[serde(default)]
    pub tier: Option<u8>,
    /// Burn-down points per `day` or `week`; the policy's default when absent.
    #[serde(default)]
    pub granularity: Option<Granularity>,
}

/// Input of `ledgerVerify`.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VerifyInput {
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<super::Entry>>"))]
    pub entries: Option<Vec<Value>>,
    #[serde(default)]
    pub text: Option<String>,
    /// The head hash recorded elsewhere (detects changes at the end of the ledger).
    #[serde(default)]
    pub expect_head: Option<String>,
}

/// Input of `ledgerAppend`.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppendInput {
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<super::Entry>>"))]
    pub entries: Option<Vec<Value>>,
    #[serde(default)]
    pub text: Option<String>,
    /// The new entry, without `seq` and `prev`.
    pub entry: Value,
    #[serde(default)]
    pub policy: Option<Value>,
}

fn source<'a>(
    entries: &'a Option<Vec<Value>>,
    text: &'a Option<String>,
) -> Result<Source<'a>, Error> {
    use crate::limits::{MAX_LEDGER_ENTRIES, exceeded};
    match (entries, text) {
        (Some(e), None) if e.len() > MAX_LEDGER_ENTRIES => Err(exceeded(
            "entries",
            "the number of ledger entries",
            e.len(),
            MAX_LEDGER_ENTRIES,
        )),
        (Some(e), None) => Ok(Source::Entries(e)),
        (None, Some(t)) if t.lines().count() > MAX_LEDGER_ENTRIES => Err(exceeded(
            "text",
            "the number of ledger lines",
            t.lines().count(),
            MAX_LEDGER_ENTRIES,
        )),
        (None, Some(t)) => Ok(Source::Text(t)),
        _ => Err(Error::request(
            "entries",
            "give the ledger as exactly one of `entries` (array) or `text` (JSON Lines)",
        )),
    }
}

fn policy(doc: Option<Value>) -> Result<Policy, Error> {
    match doc {
        None => Policy::preset(crate::policy::DEFAULT_PRESET),
        Some(doc) => Policy::from_document(doc).map_err(|e| e.within("policy")),
    }
}

/// `ledgerStatus`: `{ entries | text, service, at, policy?, tier?, granularity? }` → status document.
pub fn status(input: &str) -> Result<String, Error> {
    let input: StatusInput = from_json_str(input, ErrorKind::InvalidRequest)?;
    let src = source(&input.entries, &input.text)?;
    let policy = policy(input.policy)?;
    let options = super::StatusOptions {
        tier: input.tier,
        granularity: input.granularity,
    };
    crate::json::answer(&super::status(
        src,
        &policy,
        &input.service,
        input.at,
        &options,
    )?)
}

/// `ledgerVerify`: `{ entries | text, expectHead? }` → `{ ok, entries, head, problems }`.
pub fn verify(input: &str) -> Result<String, Error> {
    let input: VerifyInput = from_json_str(input, ErrorKind::InvalidRequest)?;
    let src = source(&input.entries, &input.text)?;
    crate::json::answer(&super::verify(src, input.expect_head.as_deref()))
}

/// `ledgerAppend`: `{ entries | text, entry, policy? }` → `{ entry, line, head, note }`.
pub fn append(input: &str) -> Result<String, Error> {
    let input: AppendInput = from_json_str(input, ErrorKind::InvalidRequest)?;
    let src = source(&input.entries, &input.text)?;
    let policy = policy(input.policy)?;
    crate::json::answer(&super::append(src, &policy, input.entry)?)
}
