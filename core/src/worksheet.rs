//! The scoring worksheet's state and the pure operations the browser app performs on it.
//!
//! The state is a request document (exactly what the CLI reads) plus what only a person
//! at the worksheet needs: the text typed into the files box and the policy editor, the
//! request sections switched off for now, the required checks ticked off and the ledger
//! kept in the browser. Everything here is pure and native-testable; the Leptos app only
//! binds these operations to controls, so a share link, a saved worksheet and an exported
//! request file all decide exactly as the CLI does.

use crate::decision::Decision;
use crate::error::{Error, ErrorKind, from_json_str};
use crate::ledger::{LedgerNote, Source, Status, StatusOptions, Verification};
use crate::policy::{DEFAULT_PRESET, Policy};
use crate::request::{FileChange, FileStatus};
use crate::share;
use chrono::{DateTime, Datelike, Duration, FixedOffset};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Version of the worksheet state format (share links and saved worksheets).
pub const STATE_VERSION: u32 = 1;

/// Longest text accepted in one worksheet text box (files, policy, ledger), in bytes.
pub const MAX_TEXT_LEN: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorksheetState {
    pub version: u32,
    /// The request document, exactly as the CLI reads it.
    pub request: Value,
    /// The files box: `git diff --name-status` output or a list of paths.
    #[serde(default)]
    pub files_text: String,
    /// The policy editor: overrides applied to the preset (empty: the preset as is).
    #[serde(default)]
    pub policy_text: String,
    /// Request sections switched off in the worksheet, kept so they can be switched back on.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub parked: Map<String, Value>,
    /// Required checks ticked off, by requirement id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checked: Vec<String>,
}

/// An evaluated worksheet. Its JSON (for a download) is `decision.to_json_pretty()`, made
/// when asked for: a copy of the ~17 KB decision as a JSON value on every keystroke was
/// part of each recompute.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub decision: Decision,
}

/// One place where the active policy differs from its preset.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyDifference {
    /// Dotted path of the field (`categories.payments.points`).
    pub path: String,
    /// The preset's value; `None` when the active policy adds the field.
    pub preset: Option<Value>,
    /// The active value; `None` when the active policy removes the field.
    pub active: Option<Value>,
}

const DEFAULT_FILES: &str =
    "M\tsrc/checkout/handler.rs\nA\tdb/migrations/0042_add_refund_index.sql\n";

impl Default for WorksheetState {
    /// A small worked example, so a fresh worksheet shows a real decision at once.
    fn default() -> Self {
        let mut state = Self {
            version: STATE_VERSION,
            request: serde_json::json!({
                "service": { "name": "checkout-api", "tier": 2 },
                "change": {
                    "id": "local-change",
                    "title": "Add refund index",
                    "releaseType": "feature",
                    "files": [],
                    "categories": [],
                    "mitigations": ["feature_flag"],
                    "customerImpacting": false
                },
                "context": {
                    "activeIncident": false,
                    "recentSev12": false,
                    "onCallLoadHigh": false,
                    "restrictedWindow": false
                },
                "budget": { "consumed": 0, "exceptionsThisWindow": 0 }
            }),
            files_text: String::new(),
            policy_text: String::new(),
            parked: Map::new(),
            checked: Vec::new(),
        };
        // The example text always parses; were it not to, the worksheet starts with no files.
        let _ = state.set_files_text(DEFAULT_FILES);
        state
    }
}

impl WorksheetState {
    /// Reads a saved worksheet (JSON text), checking its version and shape.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        let state: Self = from_json_str(text, ErrorKind::InvalidRequest)?;
        state.check()?;
        Ok(state)
    }

    /// The state as compact JSON (what the browser stores and share links carry).
    pub fn to_json(&self) -> String {
        crate::json::to_string(self, 0).unwrap_or_default()
    }

    fn check(&self) -> Result<(), Error> {
        if self.version != STATE_VERSION {
            return Err(Error::new(
                ErrorKind::InvalidRequest,
                "version",
                format!(
                    "worksheet state version {} is not supported; this worksheet reads version {STATE_VERSION}",
                    self.version
                ),
            ));
        }
        if !self.request.is_object() {
            return Err(Error::new(
                ErrorKind::InvalidRequest,
                "request",
                "the request must be a JSON object",
            ));
        }
        for (name, text) in [
            ("filesText", &self.files_text),
            ("policyText", &self.policy_text),
        ] {
            if text.len() > MAX_TEXT_LEN {
                return Err(Error::new(
                    ErrorKind::LimitExceeded,
                    name,
                    format!(
                        "the text is {} bytes; the limit is {MAX_TEXT_LEN}",
                        text.len()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The state carried by a URL fragment (`#s=v1.…`); `Ok(None)` when it carries none.
    pub fn from_fragment(fragment: &str) -> Result<Option<Self>, Error> {
        match share::decode_fragment(fragment)? {
            None => Ok(None),
            Some(json) => Self::from_json(&json).map(Some).map_err(|e| {
                Error::new(
                    e.kind(),
                    e.path(),
                    format!("the share link holds no valid worksheet: {}", e.message()),
                )
            }),
        }
    }

    /// The URL fragment (without `#`) that reproduces this state exactly.
    pub fn to_fragment(&self) -> Result<String, Error> {
        share::encode_fragment(&self.to_json())
    }

    /// A worksheet holding an imported request file; the request is validated first.
    pub fn from_request_text(text: &str) -> Result<Self, Error> {
        let request = crate::parse_request(text)?;
        // Reject what the CLI would reject (a tier or category the policy lacks, …).
        crate::evaluate(&request)?;
        let value: Value = from_json_str(text, ErrorKind::InvalidRequest)?;
        let mut state = Self {
            request: value,
            ..Self::default()
        };
        state.files_text = files_to_text(&request.change.files);
        state.policy_text = match state.request.get("policy") {
            Some(Value::Object(doc)) => {
                let mut overrides = doc.clone();
                overrides.shift_remove("preset");
                if overrides.is_empty() {
                    String::new()
                } else {
                    crate::json::to_pretty_string(&overrides).unwrap_or_default()
                }
            }
            _ => String::new(),
        };
        Ok(state)
    }

    /// The request file the CLI accepts (pretty JSON).
    pub fn request_text(&self) -> String {
        crate::json::to_pretty_string(&self.request).unwrap_or_default()
    }

    /// Evaluates the request exactly as the CLI does.
    pub fn evaluate(&self) -> Result<Evaluation, Error> {
        evaluate_request(&self.request)
    }

    /// The value at a JSON pointer inside the request (`/change/title`).
    pub fn get(&self, pointer: &str) -> Option<&Value> {
        self.request.pointer(pointer)
    }

    /// Sets the value at a JSON pointer inside the request, creating objects on the way.
    pub fn set(&mut self, pointer: &str, value: Value) {
        set_pointer(&mut self.request, pointer, value);
    }

    /// Removes the value at a JSON pointer inside the request (nothing when absent).
    pub fn remove(&mut self, pointer: &str) {
        let Some((parent, key)) = pointer.rsplit_once('/') else {
            return;
        };
        let key = unescape_token(key);
        match self.request.pointer_mut(parent) {
            Some(Value::Object(map)) => {
                map.shift_remove(&key);
            }
            Some(Value::Array(list)) => {
                if let Ok(i) = key.parse::<usize>()
                    && i < list.len()
                {
                    list.remove(i);
                }
            }
            _ => {}
        }
    }

    /// Switches a top-level request section on (restoring what was parked, else `template`)
    /// or off (parking it, so switching it back on restores what was typed).
    pub fn toggle_section(&mut self, key: &str, on: bool, template: Value) {
        let Value::Object(request) = &mut self.request else {
            return;
        };
        if on {
            if !request.contains_key(key) {
                let value = self.parked.shift_remove(key).unwrap_or(template);
                request.insert(key.to_owned(), value);
            }
        } else if let Some(value) = request.shift_remove(key) {
            self.parked.insert(key.to_owned(), value);
        }
    }

    /// Replaces the files box text. When it parses, the request's files follow it (line
    /// counts of files already listed are kept: those of a path's first entry, when they
    /// are counts the engine reads); when it does not, the error names the line and the
    /// request keeps the last files that parsed.
    pub fn set_files_text(&mut self, text: &str) -> Result<(), Error> {
        self.files_text = text.to_owned();
        if text.len() > MAX_TEXT_LEN {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                "change.files",
                format!(
                    "the list is {} bytes; the limit is {MAX_TEXT_LEN}",
                    text.len()
                ),
            ));
        }
        let mut files = crate::diff::parse_name_status(text).map_err(|e| {
            let message = if e.path().is_empty() {
                e.message().to_owned()
            } else {
                format!("{}: {}", e.path(), e.message())
            };
            Error::new(e.kind(), "change.files", message)
        })?;
        let previous: &[Value] = match self.request.pointer("/change/files") {
            Some(Value::Array(list)) => list,
            _ => &[],
        };
        // Each path's first entry, looked up once per line (a scan of the list per line
        // made a 2,000-line paste take 5 ms natively).
        let mut first_entry: FxHashMap<&str, usize> = FxHashMap::default();
        for (at, entry) in previous.iter().enumerate() {
            if let Some(path) = entry.get("path").and_then(Value::as_str) {
                first_entry.entry(path).or_insert(at);
            }
        }
        // Per line: the entry that moves over, or the one written for it. An entry that
        // already reads exactly as its file is written is kept as it is: an edited line
        // rewrites one entry, not the whole list (rebuilding and dropping the list was
        // most of a keystroke's time in the files box with 40 files).
        let mut moved = vec![false; previous.len()];
        let mut entries = Vec::with_capacity(files.len());
        for file in &mut files {
            let at = first_entry.get(&*file.path).copied();
            let old = at.and_then(|at| Some((at, previous.get(at)?)));
            if let Some((additions, deletions)) = old.and_then(|(_, entry)| line_counts(entry)) {
                file.additions = additions;
                file.deletions = deletions;
            }
            let unmoved = |at: usize| moved.get(at).is_some_and(|m| !m);
            entries.push(match old {
                Some((at, entry)) if unmoved(at) && is_written_as(entry, file) => {
                    if let Some(m) = moved.get_mut(at) {
                        *m = true;
                    }
                    Listed::Kept(at)
                }
                _ => Listed::Written(file_value(file)),
            });
        }
        drop(first_entry);
        let mut previous = match self.request.pointer_mut("/change/files") {
            Some(Value::Array(list)) => std::mem::take(list),
            _ => Vec::new(),
        };
        let list = entries
            .into_iter()
            .map(|entry| match entry {
                Listed::Written(value) => value,
                // Always there: `at` indexes this very list, unchanged since it was read.
                Listed::Kept(at) => previous.get_mut(at).map(std::mem::take).unwrap_or_default(),
            })
            .collect();
        self.set("/change/files", Value::Array(list));
        Ok(())
    }

    /// The preset the active policy starts from.
    pub fn preset(&self) -> String {
        self.request
            .pointer("/policy/preset")
            .and_then(Value::as_str)
            .unwrap_or(DEFAULT_PRESET)
            .to_owned()
    }

    /// The overrides of the active policy (its document without `preset`).
    fn overrides(&self) -> Map<String, Value> {
        let mut doc = match self.request.get("policy") {
            Some(Value::Object(doc)) => doc.clone(),
            _ => Map::new(),
        };
        doc.shift_remove("preset");
        doc
    }

    fn apply_policy(&mut self, preset: &str, overrides: Map<String, Value>) -> Result<(), Error> {
        let mut doc = Map::new();
        doc.insert(String::from("preset"), Value::String(preset.to_owned()));
        doc.extend(overrides);
        Policy::from_document(Value::Object(doc.clone())).map_err(|e| e.within("policy"))?;
        self.use_policy_document(doc);
        Ok(())
    }

    /// Switches the preset, keeping the policy overrides; nothing changes when the
    /// overrides do not fit the new preset.
    pub fn set_preset(&mut self, preset: &str) -> Result<(), Error> {
        let overrides = self.overrides();
        self.apply_policy(preset, overrides)
    }

    /// Replaces the policy editor text. When it is a valid policy document (overrides of
    /// the preset, or a complete policy), it becomes the active policy; otherwise the error
    /// names the JSON path (`policy.categories.docs.points`) and the last valid policy stays.
    pub fn set_policy_text(&mut self, text: &str) -> Result<(), Error> {
        self.policy_text = text.to_owned();
        let doc = policy_document(&self.preset(), text)?;
        self.use_policy_document(doc);
        Ok(())
    }

    fn use_policy_document(&mut self, doc: Map<String, Value>) {
        let default_as_is =
            doc.len() == 1 && doc.get("preset").and_then(Value::as_str) == Some(DEFAULT_PRESET);
        if default_as_is {
            // The default preset as is: leave it out, as a hand-written request would.
            self.remove("/policy");
        } else {
            self.set("/policy", Value::Object(doc));
        }
    }

    /// The active policy, fully resolved.
    pub fn policy(&self) -> Result<Policy, Error> {
        resolve_policy(self.request.get("policy"))
    }

    /// Where the active policy differs from its preset.
    pub fn compare_with_preset(&self) -> Result<Vec<PolicyDifference>, Error> {
        let active = self.policy()?;
        let preset = Policy::preset(&self.preset())?;
        Ok(compare_policies(&preset, &active))
    }

    /// Whether the budget comes from a ledger (`ledger` in the request) rather than a
    /// hand-entered snapshot (`budget`).
    pub fn uses_ledger(&self) -> bool {
        self.get("/ledger").is_some()
    }

    /// Switches the budget's source between a ledger (JSON Lines kept in the request) and
    /// a hand-entered snapshot; what is switched off is parked, not lost.
    pub fn set_budget_source(&mut self, ledger: bool) {
        self.toggle_section(
            "budget",
            !ledger,
            serde_json::json!({ "consumed": 0, "exceptionsThisWindow": 0 }),
        );
        self.toggle_section("ledger", ledger, Value::String(String::new()));
    }

    /// The ledger's JSON Lines text (empty when there is none or it is an array).
    pub fn ledger_text(&self) -> String {
        match self.get("/ledger").or_else(|| self.parked.get("ledger")) {
            Some(Value::String(text)) => text.clone(),
            Some(Value::Array(entries)) => entries.iter().map(|e| format!("{e}\n")).collect(),
            _ => String::new(),
        }
    }

    /// Replaces the ledger's JSON Lines text (switching the budget to the ledger).
    pub fn set_ledger_text(&mut self, text: &str) {
        if !self.uses_ledger() {
            self.set_budget_source(true);
        }
        self.set("/ledger", Value::String(text.to_owned()));
    }

    /// Checks every line and link of the ledger; `None` without a ledger.
    pub fn verify_ledger(&self) -> Option<Verification> {
        self.uses_ledger().then(|| {
            let text = self.ledger_text();
            crate::ledger::verify(Source::Text(&text), None)
        })
    }

    /// The service's budget state, burn-down and metrics at `now`, from the ledger;
    /// `None` without a ledger.
    pub fn ledger_status(&self) -> Option<Result<Status, Error>> {
        if !self.uses_ledger() {
            return None;
        }
        Some(self.compute_ledger_status())
    }

    fn compute_ledger_status(&self) -> Result<Status, Error> {
        let policy = self.policy()?;
        let at = self.now()?;
        let service = self
            .get("/service/name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let tier = self
            .get("/service/tier")
            .and_then(Value::as_u64)
            .and_then(|t| u8::try_from(t).ok());
        let text = self.ledger_text();
        let options = StatusOptions {
            tier,
            granularity: None,
        };
        crate::ledger::status(Source::Text(&text), &policy, &service, at, &options)
    }

    fn now(&self) -> Result<DateTime<FixedOffset>, Error> {
        let text = self.get("/now").and_then(Value::as_str).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidRequest,
                "now",
                "the evaluation time is needed to read a ledger",
            )
        })?;
        DateTime::parse_from_rfc3339(text).map_err(|e| {
            Error::new(
                ErrorKind::InvalidRequest,
                "now",
                format!("'{text}' is not an RFC 3339 date and time: {e}"),
            )
        })
    }

    /// Appends this release to the ledger, exactly as the CLI would record it: the entry the
    /// decision carries (`ledgerEntry`). Returns what happened (`append`,
    /// `already_recorded`, `not_released`).
    pub fn record_release(&mut self) -> Result<LedgerNote, Error> {
        if !self.uses_ledger() {
            return Err(Error::new(
                ErrorKind::InvalidRequest,
                "ledger",
                "switch the budget to a ledger first",
            ));
        }
        let eval = self.evaluate()?;
        let note = eval.decision.ledger_note.clone().ok_or_else(|| {
            Error::new(
                ErrorKind::Internal,
                "ledger",
                "the decision has no ledger note",
            )
        })?;
        if let Some(Some(entry)) = &eval.decision.ledger_entry {
            let line = crate::json::to_string(entry, 256).map_err(|e| {
                Error::new(
                    ErrorKind::Internal,
                    "ledger",
                    format!("serialization failed: {e}"),
                )
            })?;
            let mut text = self.ledger_text();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&line);
            text.push('\n');
            self.set("/ledger", Value::String(text));
        }
        Ok(note)
    }

    /// Appends an entry (an object without `seq` and `prev`, e.g. an `outcome` or an
    /// `adjustment`) to the ledger, chained like the CLI's `ledger append`.
    pub fn append_ledger_entry(&mut self, entry: Value) -> Result<LedgerNote, Error> {
        if !self.uses_ledger() {
            return Err(Error::new(
                ErrorKind::InvalidRequest,
                "ledger",
                "switch the budget to a ledger first",
            ));
        }
        let policy = self.policy()?;
        let mut text = self.ledger_text();
        let appended = crate::ledger::append(Source::Text(&text), &policy, entry)?;
        if let Some(entry) = &appended.entry {
            let line = crate::json::to_string(entry, 256).map_err(|e| {
                Error::new(
                    ErrorKind::Internal,
                    "ledger",
                    format!("serialization failed: {e}"),
                )
            })?;
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&line);
            text.push('\n');
            self.set("/ledger", Value::String(text));
        }
        Ok(appended.note)
    }

    /// The decision as Markdown (the same renderer as the CLI), with the required checks
    /// ticked off in the worksheet marked done (`- [x]`).
    pub fn markdown(&self, decision: &Decision) -> String {
        let mut out = crate::render::markdown(decision);
        for r in &decision.gate.requirements {
            if self.checked.iter().any(|c| **c == *r.id) {
                let text = crate::render::escape_markdown(&r.text);
                let open = format!("- [ ] {text} ({})\n", r.level);
                let done = format!("- [x] {text} ({})\n", r.level);
                out = out.replacen(&open, &done, 1);
            }
        }
        out
    }

    /// Ticks or unticks a required check.
    pub fn set_checked(&mut self, id: &str, done: bool) {
        let present = self.checked.iter().any(|c| c == id);
        if done && !present {
            self.checked.push(id.to_owned());
        } else if !done {
            self.checked.retain(|c| c != id);
        }
    }
}

/// Checks a policy editor text against a preset: the policy document it stands for
/// (`preset` plus the overrides; a `preset` in the text wins), or the error with its
/// JSON path under `policy`.
pub fn policy_document(preset: &str, text: &str) -> Result<Map<String, Value>, Error> {
    if text.len() > MAX_TEXT_LEN {
        return Err(Error::new(
            ErrorKind::LimitExceeded,
            "policy",
            format!(
                "the policy is {} bytes; the limit is {MAX_TEXT_LEN}",
                text.len()
            ),
        ));
    }
    let mut overrides = if text.trim().is_empty() {
        Map::new()
    } else {
        match from_json_str::<Value>(text, ErrorKind::InvalidPolicy)
            .map_err(|e| e.within("policy"))?
        {
            Value::Object(map) => map,
            _ => {
                return Err(Error::new(
                    ErrorKind::InvalidPolicy,
                    "policy",
                    "a policy document must be a JSON object",
                ));
            }
        }
    };
    let preset = match overrides.shift_remove("preset") {
        Some(Value::String(name)) => name,
        None | Some(Value::Null) => preset.to_owned(),
        Some(_) => {
            return Err(Error::new(
                ErrorKind::InvalidPolicy,
                "policy.preset",
                "preset must be a string",
            ));
        }
    };
    let mut doc = Map::new();
    doc.insert(String::from("preset"), Value::String(preset));
    doc.extend(overrides);
    Policy::from_document(Value::Object(doc.clone())).map_err(|e| e.within("policy"))?;
    Ok(doc)
}

/// A worked-example ledger for `service`: releases, a failed release with its incident, a
/// budget adjustment and a break-glass release, spread over the previous month and the
/// month of `now` up to the day before it. Entries are chained with [`crate::ledger::append`],
/// so the result verifies like any recorded ledger.
pub fn sample_ledger(service: &str, tier: u8, now: &str) -> Result<String, Error> {
    let now = DateTime::parse_from_rfc3339(now).map_err(|e| {
        Error::new(
            ErrorKind::InvalidRequest,
            "now",
            format!("not an RFC 3339 date and time: {e}"),
        )
    })?;
    let policy = Policy::preset(DEFAULT_PRESET)?;
    let offset = *now.offset();
    let month_start = now
        .date_naive()
        .with_day(1)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .and_then(|d| d.and_local_timezone(offset).single())
        .ok_or_else(|| Error::new(ErrorKind::Internal, "now", "no month start"))?;
    let previous_start = month_start
        .checked_sub_signed(Duration::days(28))
        .ok_or_else(|| Error::new(ErrorKind::Internal, "now", "date out of range"))?;
    let mut entries: Vec<Value> = Vec::new();
    let release = |at: DateTime<FixedOffset>, id: &str, rrs: u32, gate: &str, files: u32| {
        serde_json::json!({
            "kind": "release", "at": at.to_rfc3339(), "service": service, "tier": tier,
            "changeId": id, "releaseType": "feature", "rrs": rrs, "penalty": 0, "charge": rrs,
            "gate": gate, "verdict": "go", "additions": 20 * files, "deletions": 5 * files, "files": files
        })
    };
    for (day, rrs, gate) in [(1, 6, "G2"), (6, 9, "G2"), (12, 4, "G1"), (19, 12, "G2")] {
        let at = previous_start + Duration::days(day);
        entries.push(release(at, &format!("prev-{day}"), rrs, gate, 3));
    }
    let days_so_far = i64::from(now.day()) - 1;
    let plan = [
        (0, 8, "G2", 4),
        (3, 12, "G2", 6),
        (5, 6, "G2", 2),
        (9, 15, "G3", 9),
        (14, 7, "G2", 3),
        (20, 10, "G2", 5),
    ];
    for (i, (day, rrs, gate, files)) in plan.into_iter().enumerate() {
        if day >= days_so_far {
            break;
        }
        let at = month_start + Duration::days(day);
        let id = format!("chg-{}", 101 + i);
        entries.push(release(at, &id, rrs, gate, files));
        if i == 1 {
            let detected = at + Duration::hours(3);
            entries.push(serde_json::json!({
                "kind": "outcome", "at": (detected + Duration::hours(2)).to_rfc3339(), "service": service,
                "changeId": id, "failed": true, "severity": "sev2",
                "detectedAt": detected.to_rfc3339(),
                "restoredAt": (detected + Duration::minutes(45)).to_rfc3339(),
                "rolledBack": true, "rolledBackAt": (detected + Duration::minutes(30)).to_rfc3339(),
                "note": "error rate above 2% after the deploy; rolled back"
            }));
        }
        if i == 2 {
            entries.push(serde_json::json!({
                "kind": "adjustment", "at": (at + Duration::hours(1)).to_rfc3339(), "service": service,
                "amount": 10, "reason": "capacity returned after the incident review", "approver": "Dana Li"
            }));
        }
    }
    let mut text = String::new();
    for entry in entries {
        let appended = crate::ledger::append(Source::Text(&text), &policy, entry)?;
        if let Some(entry) = appended.entry {
            let line = crate::json::to_string(&entry, 256).map_err(|e| {
                Error::new(
                    ErrorKind::Internal,
                    "ledger",
                    format!("serialization failed: {e}"),
                )
            })?;
            text.push_str(&line);
            text.push('\n');
        }
    }
    Ok(text)
}

/// Evaluates a request document exactly as the CLI does.
pub fn evaluate_request(request: &Value) -> Result<Evaluation, Error> {
    evaluate_request_text(&request.to_string())
}

/// [`evaluate_request`] of the request's JSON text, for a caller that has the text already.
pub fn evaluate_request_text(request: &str) -> Result<Evaluation, Error> {
    let request = crate::parse_request(request)?;
    let decision = crate::evaluate(&request)?;
    Ok(Evaluation { decision })
}

/// Resolves a request's policy document (the default preset when absent).
pub fn resolve_policy(doc: Option<&Value>) -> Result<Policy, Error> {
    let doc = doc.cloned().unwrap_or_else(|| Value::Object(Map::new()));
    Policy::from_document(doc).map_err(|e| e.within("policy"))
}

/// Where `active` differs from `preset`, field by field; lists are compared whole (a
/// policy override replaces a list entirely).
pub fn compare_policies(preset: &Policy, active: &Policy) -> Vec<PolicyDifference> {
    let a = policy_value(preset);
    let b = policy_value(active);
    let mut out = Vec::new();
    diff_values("", Some(&a), Some(&b), &mut out);
    out
}

/// A policy as a JSON value, `serde_json::to_value`'s (null if it cannot be written): its
/// compact text read back, through the writer and reader the wasm builds have anyway.
/// serde_json's value serializer would be a third copy of the policy's `Serialize`, ~23 KB
/// of the worksheet's code. A float of 17 significant digits can come back one unit in
/// the last place off (serde_json's default float parser); both sides of a comparison
/// come back the same way, so equal values stay equal.
fn policy_value(policy: &Policy) -> Value {
    crate::json::to_string(policy, 16 * 1024)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

fn diff_values(path: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<PolicyDifference>) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            for (key, xv) in x {
                diff_values(&join(path, key), Some(xv), y.get(key), out);
            }
            for (key, yv) in y {
                if !x.contains_key(key) {
                    diff_values(&join(path, key), None, Some(yv), out);
                }
            }
        }
        (x, y) if x == y => {}
        (x, y) => out.push(PolicyDifference {
            path: path.to_owned(),
            preset: x.cloned(),
            active: y.cloned(),
        }),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn unescape_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// An entry of the request's new file list: one of the old list's, moved over, or one
/// written for its line.
enum Listed {
    Kept(usize),
    Written(Value),
}

/// The line counts of an entry of a request's file list, as the engine reads counts:
/// `additions` and `deletions` whole numbers that fit a `u32`, absent meaning 0; `None`
/// when either is something else. The rest of the entry is not looked at: the list is
/// rewritten from the files box anyway.
fn line_counts(entry: &Value) -> Option<(u32, u32)> {
    let count = |key: &str| match entry.get(key) {
        None => Some(0),
        Some(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
    };
    Some((count("additions")?, count("deletions")?))
}

/// A file as the request lists it: `serde_json::to_value`'s value (held to it by
/// `tests::file_values_are_serdes`), built here without a value serializer for the type.
fn file_value(file: &FileChange) -> Value {
    let mut map = Map::new();
    map.insert(String::from("path"), Value::from(&*file.path));
    map.insert(String::from("status"), Value::from(file.status.as_str()));
    if let Some(old) = &file.old_path {
        map.insert(String::from("oldPath"), Value::from(old.as_str()));
    }
    map.insert(String::from("additions"), Value::from(file.additions));
    map.insert(String::from("deletions"), Value::from(file.deletions));
    Value::Object(map)
}

/// True when `entry` is exactly [`file_value`] of `file`: the same members with the same
/// values in the same order (`tests::reused_entries_are_written_files` over pairs of
/// files, `tests::entries_in_another_form_are_not_reused` over other forms).
fn is_written_as(entry: &Value, file: &FileChange) -> bool {
    let Value::Object(map) = entry else {
        return false;
    };
    // `as_u64` is `None` for a float or a negative number: only an integer matches.
    let number = |v: &Value, n: u32| v.as_u64() == Some(u64::from(n));
    let mut members = map.iter();
    let mut next = |key: &str| members.next().filter(|(k, _)| *k == key).map(|(_, v)| v);
    next("path").and_then(Value::as_str) == Some(&*file.path)
        && next("status").and_then(Value::as_str) == Some(file.status.as_str())
        && match &file.old_path {
            Some(old) => next("oldPath").and_then(Value::as_str) == Some(old.as_str()),
            None => true,
        }
        && next("additions").is_some_and(|v| number(v, file.additions))
        && next("deletions").is_some_and(|v| number(v, file.deletions))
        && members.next().is_none()
}

fn set_pointer(root: &mut Value, pointer: &str, value: Value) {
    let tokens: Vec<String> = pointer.split('/').skip(1).map(unescape_token).collect();
    let Some((last, parents)) = tokens.split_last() else {
        *root = value;
        return;
    };
    let mut node = root;
    for token in parents {
        if !node.is_object() && !node.is_array() {
            *node = Value::Object(Map::new());
        }
        node = match node {
            Value::Array(list) => match token.parse::<usize>().ok().and_then(|i| list.get_mut(i)) {
                Some(item) => item,
                None => return,
            },
            Value::Object(map) => map.entry(token.clone()).or_insert(Value::Null),
            _ => return,
        };
    }
    if !node.is_object() && !node.is_array() {
        *node = Value::Object(Map::new());
    }
    match node {
        Value::Object(map) => {
            map.insert(last.clone(), value);
        }
        Value::Array(list) => match last.parse::<usize>() {
            Ok(i) if i < list.len() => {
                if let Some(slot) = list.get_mut(i) {
                    *slot = value;
                }
            }
            Ok(i) if i == list.len() => list.push(value),
            _ if last == "-" => list.push(value),
            _ => {}
        },
        _ => {}
    }
}

/// The files as `git diff --name-status` lines (the form the files box reads back).
pub fn files_to_text(files: &[FileChange]) -> String {
    let mut out = String::new();
    for file in files {
        let letter = match file.status {
            FileStatus::Added => "A",
            FileStatus::Modified => "M",
            FileStatus::Deleted => "D",
            FileStatus::Renamed => "R",
            FileStatus::Copied => "C",
            FileStatus::TypeChanged => "T",
        };
        out.push_str(letter);
        if matches!(file.status, FileStatus::Renamed | FileStatus::Copied) {
            out.push('\t');
            out.push_str(&quote_path(file.old_path.as_deref().unwrap_or(&file.path)));
        }
        out.push('\t');
        out.push_str(&quote_path(&file.path));
        out.push('\n');
    }
    out
}

/// Git's C-style quoting, applied only when the path needs it.
fn quote_path(path: &str) -> String {
    let needs = path.starts_with('"')
        || path
            .chars()
            .any(|c| c == '\\' || c == '"' || c.is_control());
    if !needs {
        return path.to_owned();
    }
    let mut out = String::from("\"");
    for c in path.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\{b:03o}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn default_state_evaluates() {
        let state = WorksheetState::default();
        let eval = state.evaluate().unwrap();
        assert_eq!(eval.decision.files.len(), 2);
        assert!(
            eval.decision
                .categories
                .iter()
                .any(|c| &*c.id == "schema_migration")
        );
        let json: Value = serde_json::from_str(&eval.decision.to_json_pretty()).unwrap();
        assert_eq!(json["score"]["total"], json!(eval.decision.score.total));
    }

    #[test]
    fn state_round_trips_through_json_and_fragment() {
        let mut state = WorksheetState::default();
        state.set("/context/activeIncident", json!(true));
        state.set_checked("unit_tests", true);
        state.set("/ledger", json!("{\"kind\":\"release\"}\n"));
        let back = WorksheetState::from_json(&state.to_json()).unwrap();
        assert_eq!(back, state);
        let fragment = state.to_fragment().unwrap();
        assert!(fragment.starts_with("s=v1."));
        let back = WorksheetState::from_fragment(&format!("#{fragment}"))
            .unwrap()
            .unwrap();
        assert_eq!(back, state);
        assert_eq!(WorksheetState::from_fragment("#reference").unwrap(), None);
    }

    #[test]
    fn bad_states_are_errors_with_paths() {
        let e = WorksheetState::from_json("{\"version\":2,\"request\":{}}").unwrap_err();
        assert_eq!(e.path(), "version");
        let e = WorksheetState::from_json("{\"version\":1,\"request\":[]}").unwrap_err();
        assert_eq!(e.path(), "request");
        let e = WorksheetState::from_json("{\"version\":1,\"request\":{},\"evil\":1}").unwrap_err();
        assert!(e.message().contains("evil"));
        let fragment = share::encode_fragment("{\"version\":1}").unwrap();
        let e = WorksheetState::from_fragment(&fragment).unwrap_err();
        assert!(
            e.message()
                .starts_with("the share link holds no valid worksheet")
        );
    }

    #[test]
    fn files_text_drives_the_request_and_keeps_line_counts() {
        let mut state = WorksheetState::default();
        state.set("/change/files/0/additions", json!(12));
        state
            .set_files_text("M\tsrc/checkout/handler.rs\nR100\told.md\tnew.md\n")
            .unwrap();
        let files = state
            .get("/change/files")
            .unwrap()
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(files.len(), 2);
        assert_eq!(files[0]["additions"], json!(12));
        assert_eq!(files[1]["oldPath"], json!("old.md"));
        let e = state.set_files_text("M\ta.rs\nQ\tb.rs\n").unwrap_err();
        assert_eq!(e.path(), "change.files");
        assert!(e.message().starts_with("line 2: "), "{}", e.message());
        assert_eq!(state.files_text, "M\ta.rs\nQ\tb.rs\n");
        assert_eq!(
            state
                .get("/change/files")
                .unwrap()
                .as_array()
                .unwrap()
                .len(),
            2
        );
        state.set_files_text("docs/a.md\nsrc/b.rs").unwrap();
        assert_eq!(
            state.get("/change/files/1/status"),
            Some(&json!("modified"))
        );
    }

    #[test]
    fn policy_values_are_serdes() {
        for name in crate::policy::preset_names() {
            let policy = Policy::preset(name).unwrap();
            // As texts: values compare without their key order.
            assert_eq!(
                policy_value(&policy).to_string(),
                serde_json::to_value(&policy).unwrap().to_string(),
                "{name}"
            );
        }
    }

    #[test]
    fn entries_in_another_form_are_not_reused() {
        let file = FileChange {
            path: "a.rs".into(),
            status: FileStatus::Renamed,
            old_path: Some(String::from("b.rs")),
            additions: 3,
            deletions: 0,
        };
        let written = file_value(&file);
        assert!(is_written_as(&written, &file));
        let other_forms = [
            json!({"status": "renamed", "path": "a.rs", "oldPath": "b.rs", "additions": 3, "deletions": 0}),
            json!({"path": "a.rs", "status": "renamed", "oldPath": "b.rs", "additions": 3.0, "deletions": 0}),
            json!({"path": "a.rs", "status": "renamed", "oldPath": "b.rs", "additions": 3}),
            json!({"path": "a.rs", "status": "renamed", "oldPath": "b.rs", "additions": 3, "deletions": 0, "x": 1}),
            json!({"path": "a.rs", "oldPath": "b.rs", "additions": 3, "deletions": 0}),
            json!({"path": "a.rs", "status": "renamed", "additions": 3, "deletions": 0}),
            json!(["a.rs", "renamed", "b.rs", 3, 0]),
        ];
        for entry in other_forms {
            assert!(!is_written_as(&entry, &file), "{entry}");
        }
        let plain = FileChange {
            old_path: None,
            ..file
        };
        let with_null = json!({"path": "a.rs", "status": "renamed", "oldPath": null, "additions": 3, "deletions": 0});
        assert!(!is_written_as(&with_null, &plain));
        assert!(is_written_as(&file_value(&plain), &plain));
    }

    #[test]
    fn counts_come_from_each_entry_with_readable_counts() {
        let mut state = WorksheetState::default();
        state.set(
            "/change/files",
            json!([
                {"path": "a.rs", "additions": 4, "deletions": 1, "note": "unknown key"},
                {"path": "b.rs", "additions": 2.5},
                {"path": "b.rs", "additions": 7},
                {"path": 3, "additions": 9},
            ]),
        );
        state.set_files_text("M\ta.rs\nM\tb.rs\nM\tc.rs\n").unwrap();
        assert_eq!(
            state.get("/change/files").map(Value::to_string),
            Some(
                json!([
                    {"path": "a.rs", "status": "modified", "additions": 4, "deletions": 1},
                    {"path": "b.rs", "status": "modified", "additions": 0, "deletions": 0},
                    {"path": "c.rs", "status": "modified", "additions": 0, "deletions": 0},
                ])
                .to_string()
            )
        );
    }

    /// The files box as it behaved before entries were reused: the previous list read
    /// whole by serde (no counts kept when it does not read), the first listing of a path
    /// giving its counts, the new list written by serde.
    fn files_as_before(previous: &Value, text: &str) -> Value {
        let old: Vec<FileChange> = serde_json::from_value(previous.clone()).unwrap_or_default();
        let mut files = crate::diff::parse_name_status(text).unwrap();
        for file in &mut files {
            if let Some(o) = old.iter().find(|o| o.path == file.path) {
                file.additions = o.additions;
                file.deletions = o.deletions;
            }
        }
        serde_json::to_value(&files).unwrap()
    }

    fn arb_file() -> impl proptest::strategy::Strategy<Value = FileChange> {
        use proptest::prelude::*;
        (
            prop::sample::select(vec!["a.rs", "b.rs", "docs/c.md", "db/migrations/1.sql"]),
            prop::sample::select(FileStatus::ALL.to_vec()),
            prop::option::of(prop::sample::select(vec!["a.rs", "old.rs"])),
            prop_oneof![Just(0_u32), 0_u32..50, Just(u32::MAX)],
            prop_oneof![Just(0_u32), 0_u32..50],
        )
            .prop_map(|(path, status, old, additions, deletions)| FileChange {
                path: path.into(),
                status,
                old_path: old.map(String::from),
                additions,
                deletions,
            })
    }

    proptest::proptest! {
        /// Reusing entries changes nothing for a list serde reads whole: as written,
        /// reordered or without its statuses, the request's files are what they were
        /// before, to the byte (values compare without their key order: texts do not).
        #[test]
        fn files_box_keeps_what_it_kept_before(
            previous in proptest::collection::vec((arb_file(), 0_u8..3), 0..6),
            lines in proptest::collection::vec(
                (proptest::sample::select(vec!["M", "A", "D", "T"]),
                 proptest::sample::select(vec!["a.rs", "b.rs", "docs/c.md", "e.rs"])),
                1..6,
            ),
        ) {
            let entries: Vec<Value> = previous
                .iter()
                .map(|(file, form)| {
                    let mut v = file_value(file);
                    match (form, &mut v) {
                        (1, Value::Object(map)) => {
                            *map = std::mem::take(map).into_iter().rev().collect();
                        }
                        (2, Value::Object(map)) => {
                            map.shift_remove("status");
                        }
                        _ => {}
                    }
                    v
                })
                .collect();
            let text: String = lines.iter().map(|(s, p)| format!("{s}\t{p}\n")).collect();
            let mut state = WorksheetState::default();
            state.set("/change/files", Value::Array(entries.clone()));
            state.set_files_text(&text).unwrap();
            let expected = files_as_before(&Value::Array(entries), &text);
            let text = state.get("/change/files").map(Value::to_string);
            proptest::prop_assert_eq!(text, Some(expected.to_string()));
        }

        #[test]
        fn file_values_are_serdes(file in arb_file()) {
            proptest::prop_assert_eq!(
                file_value(&file).to_string(),
                serde_json::to_string(&file).unwrap()
            );
        }

        #[test]
        fn reused_entries_are_written_files(a in arb_file(), other in arb_file(), field in 0_u8..6) {
            // `b`: `a` with one field taken from `other` (or all, or none), so that most
            // pairs differ in one field alone.
            let mut b = a.clone();
            match field {
                0 => b.path = other.path,
                1 => b.status = other.status,
                2 => b.old_path = other.old_path,
                3 => b.additions = other.additions,
                4 => b.deletions = other.deletions,
                _ => b = other,
            }
            let written = file_value(&b);
            let (text, a_text) = (written.to_string(), file_value(&a).to_string());
            proptest::prop_assert_eq!(is_written_as(&written, &a), text == a_text);
        }
    }

    #[test]
    fn files_text_round_trips_quoted_paths() {
        let files = vec![
            FileChange {
                path: "a\tb \"c\".md".into(),
                status: FileStatus::Added,
                old_path: None,
                additions: 0,
                deletions: 0,
            },
            FileChange {
                path: "new/x.rs".into(),
                status: FileStatus::Renamed,
                old_path: Some(String::from("old/x.rs")),
                additions: 0,
                deletions: 0,
            },
            FileChange {
                path: "café.md".into(),
                status: FileStatus::Deleted,
                old_path: None,
                additions: 0,
                deletions: 0,
            },
        ];
        let text = files_to_text(&files);
        assert_eq!(crate::diff::parse_name_status(&text).unwrap(), files);
    }

    #[test]
    fn import_request_then_export_is_identical() {
        let text = r#"{
  "service": { "name": "payments-api", "tier": 3 },
  "change": { "id": "9f2c1e7", "files": [ { "path": "db/m.sql", "status": "added", "additions": 40, "deletions": 2 } ] },
  "policy": { "preset": "stella-ops", "minimumScore": 2 }
}"#;
        let state = WorksheetState::from_request_text(text).unwrap();
        assert_eq!(state.files_text, "A\tdb/m.sql\n");
        assert!(state.policy_text.contains("minimumScore"));
        let original: Value = serde_json::from_str(text).unwrap();
        let exported: Value = serde_json::from_str(&state.request_text()).unwrap();
        assert_eq!(exported, original);
        let e = WorksheetState::from_request_text(
            "{\"service\":{\"name\":\"x\",\"tier\":9},\"change\":{\"id\":\"c\"}}",
        )
        .unwrap_err();
        assert_eq!(e.path(), "service.tier");
    }

    #[test]
    fn policy_editor_keeps_the_last_valid_policy() {
        let mut state = WorksheetState::default();
        state
            .set_policy_text("{ \"categories\": { \"logic\": { \"points\": 4 } } }")
            .unwrap();
        assert_eq!(state.policy().unwrap().categories["logic"].points, 4);
        let diffs = state.compare_with_preset().unwrap();
        assert_eq!(diffs.len(), 1);
        assert_eq!(diffs[0].path, "categories.logic.points");
        assert_eq!(diffs[0].preset, Some(json!(3)));
        assert_eq!(diffs[0].active, Some(json!(4)));
        let e = state
            .set_policy_text("{ \"categories\": { \"logic\": { \"points\": -1 } } }")
            .unwrap_err();
        assert!(
            e.path().starts_with("policy.categories.logic.points"),
            "{}",
            e.path()
        );
        assert_eq!(state.policy().unwrap().categories["logic"].points, 4);
        let e = state.set_policy_text("{ \"gates\": ").unwrap_err();
        assert_eq!(e.code(), "invalid_policy");
        state.set_policy_text("").unwrap();
        assert_eq!(state.get("/policy"), None);
        assert!(state.compare_with_preset().unwrap().is_empty());
        assert!(state.set_preset("no-such-preset").is_err());
    }

    #[test]
    fn pointers_and_sections() {
        let mut state = WorksheetState::default();
        state.set("/exception/approvers", json!([]));
        state.set(
            "/exception/approvers/0",
            json!({ "name": "Dana", "role": "dm" }),
        );
        state.set(
            "/exception/approvers/-",
            json!({ "name": "Sam", "role": "on_call" }),
        );
        assert_eq!(
            state.get("/exception/approvers/1/name"),
            Some(&json!("Sam"))
        );
        state.remove("/exception/approvers/0");
        assert_eq!(
            state.get("/exception/approvers/0/name"),
            Some(&json!("Sam"))
        );
        state.toggle_section("exception", false, json!({}));
        assert_eq!(state.get("/exception"), None);
        state.toggle_section("exception", true, json!({}));
        assert_eq!(
            state.get("/exception/approvers/0/name"),
            Some(&json!("Sam"))
        );
        state.set("/a~1b", json!(1));
        assert_eq!(state.request["a/b"], json!(1));
    }

    #[test]
    fn ledger_mode_records_releases_like_the_cli() {
        let mut state = WorksheetState::default();
        state.set("/now", json!("2026-11-20T12:00:00Z"));
        assert!(state.ledger_status().is_none());
        let sample = sample_ledger("checkout-api", 2, "2026-11-20T12:00:00Z").unwrap();
        assert!(crate::ledger::verify(Source::Text(&sample), None).ok);
        state.set_ledger_text(&sample);
        assert!(state.uses_ledger());
        assert_eq!(state.get("/budget"), None, "the snapshot is parked");
        let status = state.ledger_status().unwrap().unwrap();
        assert!(status.consumed > 0);
        assert!(!status.burn_down.points.is_empty());
        let lines = sample.lines().count();
        let note = state.record_release().unwrap();
        assert_eq!(note.code, "append");
        assert_eq!(state.ledger_text().lines().count(), lines + 1);
        assert!(state.verify_ledger().unwrap().ok);
        // Recording again charges nothing and appends nothing (idempotent).
        let note = state.record_release().unwrap();
        assert_eq!(note.code, "already_recorded");
        assert_eq!(state.ledger_text().lines().count(), lines + 1);
        // Back to a hand-entered budget; the ledger is parked, not lost.
        state.set_budget_source(false);
        assert!(!state.uses_ledger());
        assert_eq!(state.get("/budget/consumed"), Some(&json!(0)));
        assert_eq!(state.ledger_text().lines().count(), lines + 1);
    }

    #[test]
    fn outcomes_and_adjustments_are_appended_and_chained() {
        let mut state = WorksheetState::default();
        state.set("/now", json!("2026-11-20T12:00:00Z"));
        let sample = sample_ledger("checkout-api", 2, "2026-11-20T12:00:00Z").unwrap();
        state.set_ledger_text(&sample);
        let note = state
            .append_ledger_entry(json!({ "kind": "adjustment", "at": "2026-11-20T12:00:00Z",
                "service": "checkout-api", "amount": -5, "reason": "audit", "approver": "Dana Li" }))
            .unwrap();
        assert_eq!(note.code, "append");
        assert!(state.verify_ledger().unwrap().ok);
        assert_eq!(
            state
                .ledger_status()
                .unwrap()
                .unwrap()
                .allocation
                .adjustments,
            5
        );
        let e = state
            .append_ledger_entry(json!({ "kind": "outcome", "at": "2026-11-01T00:00:00Z",
                "service": "checkout-api", "changeId": "x", "failed": true }))
            .unwrap_err();
        assert_eq!(e.path(), "entry.at", "out of time order");
    }

    #[test]
    fn tampered_ledgers_are_reported_by_line() {
        let mut state = WorksheetState::default();
        state.set("/now", json!("2026-11-20T12:00:00Z"));
        let sample = sample_ledger("checkout-api", 2, "2026-11-20T12:00:00Z").unwrap();
        let edited = sample.replacen("\"charge\":8", "\"charge\":1", 1);
        assert_ne!(edited, sample);
        state.set_ledger_text(&edited);
        let v = state.verify_ledger().unwrap();
        assert!(!v.ok);
        assert!(!v.problems.is_empty());
        assert!(state.ledger_status().unwrap().is_err());
        assert!(
            state.evaluate().is_err(),
            "a ledger that fails verification is never used"
        );
    }

    #[test]
    fn markdown_marks_ticked_checks_done() {
        let mut state = WorksheetState::default();
        state.set_checked("unit_tests", true);
        let decision = state.evaluate().unwrap().decision;
        let md = state.markdown(&decision);
        assert!(md.contains("- [x] All automated unit tests (G1)"), "{md}");
        assert!(md.contains("- [ ] Static analysis/linting (G1)"));
        assert_eq!(md.matches("- [x]").count(), 1);
    }

    #[test]
    fn checks_tick_once() {
        let mut state = WorksheetState::default();
        state.set_checked("build", true);
        state.set_checked("build", true);
        assert_eq!(state.checked, vec![String::from("build")]);
        state.set_checked("build", false);
        assert!(state.checked.is_empty());
    }
}
