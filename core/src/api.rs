//! The JSON-in, JSON-out surface: one function per export of the npm package and the
//! worksheet, so every boundary behaviour is testable natively (the wasm bindings are a
//! thin layer over these). [`call`] dispatches by operation name, which is how the golden
//! vectors name what they exercise.

use crate::classify::CompiledPolicy;
use crate::decision::Decision;
use crate::error::{Error, ErrorKind, from_json_str};
use crate::policy::{DEFAULT_PRESET, Policy};
use crate::render::{self, Format};
use crate::request::FileChange;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Evaluates a request (JSON text) and returns the decision (pretty JSON text).
pub fn evaluate(request: &str) -> Result<String, Error> {
    crate::engine::evaluate_json(request)
}

/// Input of [`classify`]: plain paths or file objects, and an optional policy document.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClassifyInput<'a> {
    #[serde(borrow)]
    pub files: Vec<FileOrPath<'a>>,
    #[serde(default)]
    pub policy: Option<serde_json::Value>,
}

/// A path, or a file object (`{ path, oldPath?, status? }`).
#[derive(Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(untagged))]
pub enum FileOrPath<'a> {
    // Borrowed from the input text unless it holds escapes: 100,000 paths are 100,000
    // allocations otherwise.
    Path(Cow<'a, str>),
    File(FileChange),
}

/// By the JSON type, not `#[serde(untagged)]`: an untagged enum buffers every entry and
/// tries each variant in turn (the classify API took 40 -> 34 ms for 100,000 paths
/// natively without it); and a bad file object now gets the file object's own error.
impl<'de: 'a, 'a> Deserialize<'de> for FileOrPath<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visitor<'a> {
            type Value = FileOrPath<'a>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a path or a file object ({ path, oldPath?, status? })")
            }

            fn visit_borrowed_str<E: serde::de::Error>(
                self,
                path: &'de str,
            ) -> Result<FileOrPath<'a>, E> {
                Ok(FileOrPath::Path(Cow::Borrowed(path)))
            }

            fn visit_str<E: serde::de::Error>(self, path: &str) -> Result<FileOrPath<'a>, E> {
                Ok(FileOrPath::Path(Cow::Owned(path.to_owned())))
            }

            fn visit_string<E: serde::de::Error>(self, path: String) -> Result<FileOrPath<'a>, E> {
                Ok(FileOrPath::Path(Cow::Owned(path)))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<FileOrPath<'a>, A::Error> {
                FileChange::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(FileOrPath::File)
            }
        }
        deserializer.deserialize_any(Visitor(std::marker::PhantomData))
    }
}

#[derive(Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ClassifiedFile<'a> {
    pub path: &'a str,
    pub categories: Vec<&'a str>,
    pub fallback: bool,
}

/// Classifies file paths against a policy's rules (the default preset when none).
pub fn classify(input: &str) -> Result<String, Error> {
    classify_with(input, |compiled, files| {
        let out: Vec<ClassifiedFile<'_>> = files
            .iter()
            .map(|(path, found)| ClassifiedFile {
                path,
                categories: found
                    .indices
                    .iter()
                    .map(|&c| compiled.category_id(c))
                    .collect(),
                fallback: found.fallback,
            })
            .collect();
        crate::json::answer(&out)
    })
}

/// What [`classify_compact`] returns: the same answers as [`classify`] without repeating
/// the paths (the caller has them) or the category names.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompactClassification<'a> {
    /// Every category of the policy, in policy order: what the indices in `files` name.
    pub categories: Vec<&'a str>,
    /// The category indices of each file, in input order.
    pub files: Vec<&'a [usize]>,
    /// The positions (in `files`) of the files that matched no rule and got the fallback.
    pub fallback: Vec<usize>,
}

/// [`classify`] for callers that hold the paths already, like the npm package: the answer
/// for 100,000 paths is about 0.5 MB instead of 9 MB, which JavaScript parses in a
/// fraction of the time. The input is the same as [`classify`]'s.
pub fn classify_compact(input: &str) -> Result<String, Error> {
    classify_with(input, |compiled, files| {
        crate::json::answer(&CompactClassification {
            categories: (0..compiled.policy().categories.len())
                .map(|c| compiled.category_id(c))
                .collect(),
            files: files
                .iter()
                .map(|(_, found)| found.indices.as_slice())
                .collect(),
            fallback: files
                .iter()
                .enumerate()
                .filter(|(_, (_, found))| found.fallback)
                .map(|(i, _)| i)
                .collect(),
        })
    })
}

/// [`classify_compact`] for a list of plain paths sent as one text, joined by `\n`: the
/// npm package's `classify` of a list of strings, with no JSON to write in JavaScript or to
/// read here, and numbers instead of text back. `policy` is the JSON text of the input's
/// `policy`. Each file is packed as its number of categories (bit 31 set when it got the
/// fallback) followed by its category indices, which [`category_ids`] names.
///
/// `Ok(None)` unless `paths` is exactly `count` paths with nothing JSON escapes (`"`, `\`,
/// control characters) and `policy` parses: the caller then sends `{ files, policy }` to
/// [`classify_compact`].
/// Otherwise the answer, or the error, is always [`classify_compact`]'s for that input
/// (`tests/classify_lines.rs`), the limit on the input's size included.
pub fn classify_lines(
    count: usize,
    paths: &str,
    policy: Option<&str>,
) -> Result<Option<Vec<u32>>, Error> {
    let escaped = paths.bytes().fold(false, |seen, b| {
        seen | ((b < 0x20) & (b != b'\n')) | (b == b'"') | (b == b'\\')
    });
    let lines = if count == 0 && paths.is_empty() {
        0
    } else {
        memchr::memchr_iter(b'\n', paths.as_bytes()).count() + 1
    };
    if escaped || lines != count {
        return Ok(None);
    }
    // The size of `{"files":[...],"policy":...}`: the newlines become commas, and each
    // path gains its two quotes.
    let json_len = paths.len()
        + 2 * count
        + r#"{"files":[]}"#.len()
        + policy.map_or(0, |p| r#","policy":"#.len() + p.len());
    crate::limits::check_input_len(json_len)?;
    // A policy that does not parse: the JSON way explains it, as it would.
    let Ok(doc) = policy_document(policy) else {
        return Ok(None);
    };
    check_path_count(count)?;
    with_policy(doc.as_ref(), |compiled| {
        let mut out = Vec::with_capacity(count * 2);
        let mut scratch = Vec::new();
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        for (i, path) in paths.split('\n').enumerate().take(count) {
            crate::limits::check_file_path(path).map_err(|e| e.within(&format!("files[{i}]")))?;
            let found = compiled.classify_file_set(path, None, &mut scratch);
            out.push(to_u32(found.set.len()) | (u32::from(found.fallback) << 31));
            out.extend(found.set.iter().map(to_u32));
        }
        Ok(Some(out))
    })
}

/// The category ids of a policy (the JSON text of a classify input's `policy`; the default
/// preset when `None`), in policy order: the names of [`classify_lines`]' indices.
pub fn category_ids(policy: Option<&str>) -> Result<String, Error> {
    let doc = policy_document(policy)?;
    with_policy(doc.as_ref(), |compiled| {
        let ids: Vec<&str> = (0..compiled.policy().categories.len())
            .map(|c| compiled.category_id(c))
            .collect();
        crate::json::answer(&ids)
    })
}

/// The `policy` of a classify input given as its own JSON text; `None` when absent or null.
/// It is read as a member of an object, where the classify input holds it, so that
/// serde_json's nesting limit falls at the same depth and error paths start at `policy`.
fn policy_document(text: Option<&str>) -> Result<Option<serde_json::Value>, Error> {
    // Text that is more than one value (`1,"x":2`) is refused, not read as other members.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Member {
        policy: Option<serde_json::Value>,
    }
    let Some(text) = text else {
        return Ok(None);
    };
    let member: Member = from_json_str(
        &format!(r#"{{"policy":{text}}}"#),
        ErrorKind::InvalidRequest,
    )?;
    Ok(member.policy)
}

/// Calls `f` with the compiled `policy` of a classify input (the default preset when none).
fn with_policy<R>(
    policy: Option<&serde_json::Value>,
    f: impl FnOnce(&CompiledPolicy) -> Result<R, Error>,
) -> Result<R, Error> {
    match policy {
        None => f(crate::engine::default_policy()?),
        Some(doc) => f(crate::engine::compiled_policy(doc)?.as_ref()),
    }
}

fn check_path_count(count: usize) -> Result<(), Error> {
    if count > crate::limits::MAX_CLASSIFY_PATHS {
        return Err(crate::limits::exceeded(
            "files",
            "the number of paths",
            count,
            crate::limits::MAX_CLASSIFY_PATHS,
        ));
    }
    Ok(())
}

/// Parses and checks a classify input, classifies every file, and hands the answers on.
fn classify_with(
    input: &str,
    answer: impl FnOnce(
        &CompiledPolicy,
        &[(&str, crate::classify::PathCategories)],
    ) -> Result<String, Error>,
) -> Result<String, Error> {
    crate::limits::check_input(input)?;
    let input: ClassifyInput = from_json_str(input, ErrorKind::InvalidRequest)?;
    check_path_count(input.files.len())?;
    with_policy(input.policy.as_ref(), |compiled| {
        let mut out = Vec::with_capacity(input.files.len());
        let mut scratch = Vec::new();
        for (i, file) in input.files.iter().enumerate() {
            let (path, old) = match file {
                FileOrPath::Path(p) => (p.as_ref(), None),
                FileOrPath::File(f) => (&*f.path, f.old_path.as_deref()),
            };
            crate::limits::check_file_path(path).map_err(|e| e.within(&format!("files[{i}]")))?;
            if let Some(old) = old {
                crate::limits::check_file_path(old)
                    .map_err(|e| e.within(&format!("files[{i}].oldPath")))?;
            }
            out.push((
                path,
                compiled.classify_file_set(path, old, &mut scratch).into(),
            ));
        }
        answer(compiled, &out)
    })
}

/// Renders a decision (JSON text) as `markdown` or `text`.
pub fn render(decision: &str, format: &str) -> Result<String, Error> {
    let format = Format::parse(format).ok_or_else(|| {
        Error::request(
            "format",
            format!("unknown format '{format}' (markdown, text, readiness, release)"),
        )
    })?;
    let decision: Decision = crate::direct::read_located(decision, ErrorKind::InvalidRequest)
        .map_err(|e| e.within("decision"))?;
    Ok(render::render(&decision, format))
}

/// The complete policy of a preset (the default preset when `None`), as pretty JSON.
pub fn default_policy(preset: Option<&str>) -> Result<String, Error> {
    Ok(Policy::preset(preset.unwrap_or(DEFAULT_PRESET))?.to_json())
}

/// Checks a policy document; returns the resolved, complete policy as pretty JSON.
pub fn validate_policy(policy: &str) -> Result<String, Error> {
    let policy = Policy::from_json(policy)?;
    CompiledPolicy::new(policy.clone())?;
    Ok(policy.to_json())
}

/// Input of [`parse_diff`]: `git diff --name-status` output (`-z` or plain, or a bare list
/// of paths), either as a JSON string or as `{ nameStatus, numstat? }` with optional
/// `git diff --numstat` output whose line counts are merged in.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum ParseDiffInput {
    Text(String),
    Outputs(DiffOutputs),
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DiffOutputs {
    pub name_status: String,
    #[serde(default)]
    pub numstat: Option<String>,
}

/// Parses `git diff` output (JSON input, see [`ParseDiffInput`]) into the `change.files`
/// of a request, as pretty JSON.
pub fn parse_diff(input: &str) -> Result<String, Error> {
    let input: ParseDiffInput = from_json_str(input, ErrorKind::InvalidRequest)?;
    let files = match &input {
        ParseDiffInput::Text(text) => crate::diff::parse(text, None)?,
        ParseDiffInput::Outputs(o) => crate::diff::parse(&o.name_status, o.numstat.as_deref())?,
    };
    crate::json::answer(&files)
}

/// The budget state of a service at an instant, from its ledger:
/// `{ entries | text, service, at, policy?, tier?, granularity? }` → status document.
pub fn ledger_status(input: &str) -> Result<String, Error> {
    crate::limits::check_input(input)?;
    crate::ledger::api::status(input)
}

/// Verifies a ledger: `{ entries | text, expectHead? }` → `{ ok, entries, head, problems }`.
pub fn ledger_verify(input: &str) -> Result<String, Error> {
    crate::limits::check_input(input)?;
    crate::ledger::api::verify(input)
}

/// Completes the next ledger entry: `{ entries | text, entry, policy? }` → `{ entry, line, head, note }`.
pub fn ledger_append(input: &str) -> Result<String, Error> {
    crate::limits::check_input(input)?;
    crate::ledger::api::append(input)
}

/// Names accepted by [`schema`].
pub const SCHEMA_NAMES: [&str; 12] = [
    "request",
    "policy",
    "decision",
    "classify",
    "parseDiff",
    "ledgerEntry",
    "ledgerStatusInput",
    "ledgerStatus",
    "ledgerVerifyInput",
    "ledgerVerify",
    "ledgerAppendInput",
    "ledgerAppend",
];

/// The JSON Schemas of the public documents, committed under `core/schemas/` so that the
/// wasm builds carry text instead of schemars' generator (about 650 KB of code). They are
/// generated from the Rust types by [`generate_schema`] (feature `schema`, on by default);
/// the `schemas` test fails when a committed file differs from the types, and
/// `RISKGATE_BLESS=1 cargo test -p riskgate --test schemas` rewrites them.
const SCHEMAS: [(&str, &str); 12] = [
    ("request", include_str!("../schemas/request.json")),
    ("policy", include_str!("../schemas/policy.json")),
    ("decision", include_str!("../schemas/decision.json")),
    ("classify", include_str!("../schemas/classify.json")),
    ("parseDiff", include_str!("../schemas/parseDiff.json")),
    ("ledgerEntry", include_str!("../schemas/ledgerEntry.json")),
    (
        "ledgerStatusInput",
        include_str!("../schemas/ledgerStatusInput.json"),
    ),
    ("ledgerStatus", include_str!("../schemas/ledgerStatus.json")),
    (
        "ledgerVerifyInput",
        include_str!("../schemas/ledgerVerifyInput.json"),
    ),
    ("ledgerVerify", include_str!("../schemas/ledgerVerify.json")),
    (
        "ledgerAppendInput",
        include_str!("../schemas/ledgerAppendInput.json"),
    ),
    ("ledgerAppend", include_str!("../schemas/ledgerAppend.json")),
];

/// JSON Schemas of the public documents (see [`SCHEMA_NAMES`]), as pretty JSON text.
pub fn schema(name: &str) -> Result<String, Error> {
    SCHEMAS
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, text)| text.trim_end().to_owned())
        .ok_or_else(|| {
            Error::request(
                "",
                format!("unknown schema '{name}' ({})", SCHEMA_NAMES.join(", ")),
            )
        })
}

/// Generates the JSON Schema named `name` from the Rust types (what `core/schemas/` holds).
#[cfg(feature = "schema")]
pub fn generate_schema(name: &str) -> Option<schemars::Schema> {
    Some(match name {
        "request" => schemars::schema_for!(crate::request::Request),
        "policy" => schemars::schema_for!(Policy),
        "decision" => schemars::schema_for!(Decision),
        "classify" => schemars::schema_for!(ClassifyInput<'_>),
        "parseDiff" => schemars::schema_for!(ParseDiffInput),
        "ledgerEntry" => schemars::schema_for!(crate::ledger::Entry),
        "ledgerStatusInput" => schemars::schema_for!(crate::ledger::api::StatusInput),
        "ledgerStatus" => schemars::schema_for!(crate::ledger::Status),
        "ledgerVerifyInput" => schemars::schema_for!(crate::ledger::api::VerifyInput),
        "ledgerVerify" => schemars::schema_for!(crate::ledger::Verification),
        "ledgerAppendInput" => schemars::schema_for!(crate::ledger::api::AppendInput),
        "ledgerAppend" => schemars::schema_for!(crate::ledger::Appended),
        _ => return None,
    })
}

/// Runs operation `op` on JSON `input`; the dispatcher the golden vectors use.
///
/// | op | input |
/// |---|---|
/// | `evaluate` | a request |
/// | `classify` | `{ files, policy? }` |
/// | `classifyCompact` | `{ files, policy? }` |
/// | `render` | `{ request, format }`: evaluates, then renders |
/// | `defaultPolicy` | `{ preset? }` |
/// | `validatePolicy` | a policy document |
/// | `parseDiff` | `git diff --name-status [-z]` text, or `{ nameStatus, numstat? }` |
/// | `ledgerStatus` | `{ entries \| text, service, at, policy?, tier?, granularity? }` |
/// | `ledgerVerify` | `{ entries \| text, expectHead? }` |
/// | `ledgerAppend` | `{ entries \| text, entry, policy? }` |
pub fn call(op: &str, input: &str) -> Result<String, Error> {
    match op {
        "evaluate" => evaluate(input),
        "classify" => classify(input),
        "classifyCompact" => classify_compact(input),
        "render" => {
            #[derive(Deserialize)]
            #[serde(deny_unknown_fields)]
            struct RenderInput {
                request: serde_json::Value,
                format: String,
            }
            let r: RenderInput = from_json_str(input, ErrorKind::InvalidRequest)?;
            let decision = evaluate(&r.request.to_string())?;
            let text = render(&decision, &r.format)?;
            crate::json::answer(&text)
        }
        "defaultPolicy" => {
            #[derive(Deserialize)]
            #[serde(deny_unknown_fields)]
            struct PresetInput {
                #[serde(default)]
                preset: Option<String>,
            }
            let p: PresetInput = from_json_str(input, ErrorKind::InvalidRequest)?;
            default_policy(p.preset.as_deref())
        }
        "validatePolicy" => validate_policy(input),
        "parseDiff" => parse_diff(input),
        "ledgerStatus" => ledger_status(input),
        "ledgerVerify" => ledger_verify(input),
        "ledgerAppend" => ledger_append(input),
        _ => Err(Error::request("op", format!("unknown operation '{op}'"))),
    }
}
