//! The budget ledger (seed sections 5.4, 5.6 and 8): an append-only, tamper-evident record
//! of releases, outcomes, budget adjustments and window policy changes, one JSON object per
//! line (JSON Lines), from which a service's budget state, trendline and metrics at any
//! instant are computed.
//!
//! - **Entries** ([`Entry`]): `release`, `outcome`, `adjustment`, `window`, tagged by `kind`.
//!   Each carries `seq` (its 1-based position) and `prev`, the SHA-256 (hex) of the previous
//!   entry's canonical form (compact JSON of the typed entry); the first entry's `prev` is
//!   [`GENESIS`]. An edited, deleted, inserted or reordered line breaks the chain at a line
//!   number ([`verify`]); a ledger that fails verification is refused, never used.
//! - **Lines**: a malformed line (bad JSON, unknown field, blank line, failed check) is an
//!   `invalid_ledger` error whose path is `ledger:N`, N the 1-based line number (element
//!   N-1 of an `entries` array), followed by the field when known (`ledger:13.charge`).
//! - **Windows**: calendar months in the policy's UTC offset, or sprints; a `window` entry
//!   changes the window policy from the end of the window it is recorded in.
//! - **State at an instant**: the fold of the service's entries dated at or before the
//!   instant that fall in the window containing it ([`status`], [`Fold`]).
//! - **Idempotency**: a change id is charged once per service; later `go` releases of the
//!   same change id are listed as duplicates and not charged.

pub mod api;
mod canonical;
mod entry;
mod fold;
mod metrics;
mod report;
mod rules;
mod verify;
mod window;

pub use entry::{
    AdjustmentEntry, Entry, ExceptionRecord, GENESIS, Hash, OutcomeEntry, ReleaseEntry, Severity,
    WindowEntry, WindowKind, format_offset, line_path, parse_hash, parse_line, parse_offset,
    parse_value, to_hex,
};
pub use fold::{Fold, PriorRelease};
pub use report::*;
pub use rules::{EarnedCapacityRule, Granularity, LedgerRules, MAX_EARNED_PCT, SprintRule};
pub use verify::Verifier;

use crate::decision::{Decision, Verdict};
use crate::error::{Error, ErrorKind};
use crate::policy::Policy;
use crate::request::{BudgetSnapshot, Request};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A ledger as input: an array of entry objects, or JSON Lines text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum LedgerInput {
    Entries(#[cfg_attr(feature = "schema", schemars(with = "Vec<Entry>"))] Vec<Value>),
    /// JSON Lines: one entry per line.
    Text(String),
}

/// A ledger borrowed for reading.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    Entries(&'a [Value]),
    Text(&'a str),
}

impl LedgerInput {
    pub fn source(&self) -> Source<'_> {
        match self {
            Self::Entries(v) => Source::Entries(v),
            Self::Text(t) => Source::Text(t),
        }
    }
}

/// The lines of JSON Lines text: split on `\n`, a final newline ends the last line, `\r` before it is dropped.
pub fn text_lines(text: &str) -> impl Iterator<Item = &str> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let empty = text.is_empty();
    // The memchr crate's search (vectorized) rather than `str::split`'s.
    let ends = memchr::memchr_iter(b'\n', body.as_bytes()).chain(std::iter::once(body.len()));
    let mut start = 0;
    ends.filter(move |_| !empty).map(move |end| {
        let line = body.get(start..end).unwrap_or_default();
        start = end + 1;
        line.strip_suffix('\r').unwrap_or(line)
    })
}

/// Calls `f` with each line number (from 1) and its parsed entry, in order.
pub fn for_each(
    source: Source<'_>,
    mut f: impl FnMut(u64, Result<Entry, Error>) -> Result<(), Error>,
) -> Result<(), Error> {
    for_each_line(source, |n, parsed, _| f(n, parsed))
}

/// [`for_each`], also with the line's text when the ledger is text.
pub fn for_each_line(
    source: Source<'_>,
    mut f: impl FnMut(u64, Result<Entry, Error>, Option<&str>) -> Result<(), Error>,
) -> Result<(), Error> {
    match source {
        Source::Text(text) => {
            for (i, line) in text_lines(text).enumerate() {
                let n = i as u64 + 1;
                f(n, parse_line(n, line), Some(line))?;
            }
        }
        Source::Entries(values) => {
            for (i, value) in values.iter().enumerate() {
                let n = i as u64 + 1;
                f(n, parse_value(n, value), None)?;
            }
        }
    }
    Ok(())
}

/// Pushes every entry of `source` into `fold`, lines of text with their text.
fn fold_all(source: Source<'_>, fold: &mut Fold) -> Result<(), Error> {
    match source {
        Source::Text(text) => fold_text(text, fold, text.len() >= HASH_AHEAD_MIN_BYTES),
        Source::Entries(_) => for_each(source, |_, parsed| fold.push(&parsed?)),
    }
}

/// From this size on, a ledger's lines are hashed on a second thread (natively).
const HASH_AHEAD_MIN_BYTES: usize = 1 << 20;

/// Lines hashed per message of the hashing thread.
#[cfg(not(target_arch = "wasm32"))]
const HASH_BATCH: usize = 1024;

/// Folds ledger text line by line. With `hash_ahead` (and threads: not in wasm), a second
/// thread computes the SHA-256 of each line's text while this one parses and folds: the
/// hash was a third of folding a large ledger. The answers are the same either way: the
/// lines are folded in order, the first failing line stops the fold, the hashing thread
/// stops with it, and memory stays flat (at most a few batches of hashes in flight).
fn fold_text(text: &str, fold: &mut Fold, hash_ahead: bool) -> Result<(), Error> {
    let fold_lines = |fold: &mut Fold, hashes: &mut dyn FnMut() -> Option<entry::Hash>| {
        for (i, line) in text_lines(text).enumerate() {
            let n = i as u64 + 1;
            let entry = parse_line(n, line)?;
            match hashes() {
                Some(hash) => fold.push_line_hashed(entry, hash)?,
                None => fold.push_line(entry, line)?,
            }
        }
        Ok(())
    };
    #[cfg(not(target_arch = "wasm32"))]
    if hash_ahead {
        return std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<entry::Hash>>(4);
            let hasher = std::thread::Builder::new().spawn_scoped(scope, move || {
                let mut batch = Vec::with_capacity(HASH_BATCH);
                for line in text_lines(text) {
                    batch.push(entry::text_hash(line));
                    if batch.len() == HASH_BATCH {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(HASH_BATCH));
                        if send.send(full).is_err() {
                            // The fold stopped (a failing line): nothing more to hash.
                            return;
                        }
                    }
                }
                let _ = send.send(batch);
            });
            // Without a thread (none could be started), each line is hashed in turn.
            let mut batch = Vec::new().into_iter();
            let mut next = || {
                batch.next().or_else(|| {
                    batch = receive.recv().ok()?.into_iter();
                    batch.next()
                })
            };
            let folded = match hasher {
                Ok(_) => fold_lines(fold, &mut next),
                Err(_) => fold_lines(fold, &mut || None),
            };
            // The hasher sees the channel closed and ends; joined here, so that nothing it
            // could raise reaches the caller.
            drop(receive);
            if let Ok(hasher) = hasher {
                let _ = hasher.join();
            }
            folded
        });
    }
    let _ = hash_ahead;
    fold_lines(fold, &mut || None)
}

/// Options of [`status`].
#[derive(Debug, Clone, Default)]
pub struct StatusOptions {
    /// The service's tier; the latest release's tier when absent.
    pub tier: Option<u8>,
    /// Burn-down granularity; the policy's when absent.
    pub granularity: Option<Granularity>,
}

/// The budget state of `service` at `at`. Fails on the first malformed line or chain break.
pub fn status(
    source: Source<'_>,
    policy: &Policy,
    service: &str,
    at: DateTime<FixedOffset>,
    options: &StatusOptions,
) -> Result<Status, Error> {
    if service.trim().is_empty() {
        return Err(Error::request(
            "service",
            "the service name must not be empty",
        ));
    }
    let mut fold = Fold::new(policy, service, at, options.tier);
    if let Some(g) = options.granularity {
        fold.set_granularity(g);
    }
    fold_all(source, &mut fold)?;
    fold.finish()
}

/// Verifies a ledger: every line, every link; problems by line number.
pub fn verify(source: Source<'_>, expect_head: Option<&str>) -> Verification {
    let mut verifier = Verifier::new();
    // `for_each` only stops when the callback fails, and this one never does.
    let _ = for_each(source, |_, parsed| {
        verifier.push(parsed.as_ref());
        Ok(())
    });
    verifier.finish(expect_head)
}

/// Completes `entry` (an entry object without `seq` and `prev`) as the next line of the
/// ledger. A `go` release of a change id the service already charged is not appended.
pub fn append(source: Source<'_>, policy: &Policy, entry: Value) -> Result<Appended, Error> {
    let Value::Object(mut map) = entry else {
        return Err(Error::request("entry", "the entry must be a JSON object"));
    };
    for field in ["seq", "prev"] {
        if map.contains_key(field) {
            return Err(Error::request(
                format!("entry.{field}"),
                format!("leave {field} out: append sets it"),
            ));
        }
    }
    let at = map
        .get("at")
        .and_then(Value::as_str)
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .ok_or_else(|| {
            Error::request("entry.at", "the entry needs `at` (RFC 3339 date and time)")
        })?;
    let service = map
        .get("service")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let mut fold = Fold::new(policy, &service, at, None);
    fold_all(source, &mut fold)?;
    let line = fold.lines() + 1;
    map.insert(String::from("seq"), Value::from(fold.last_seq() + 1));
    map.insert(String::from("prev"), Value::from(fold.head()));
    let entry = parse_value(line, &Value::Object(map)).map_err(|e| {
        Error::new(
            ErrorKind::InvalidRequest,
            crate::error::join_path(
                "entry",
                e.path()
                    .trim_start_matches(&format!("ledger:{line}"))
                    .trim_start_matches('.'),
            ),
            e.message(),
        )
    })?;
    if let Some(last) = fold.last_at().filter(|last| at < *last) {
        return Err(Error::request(
            "entry.at",
            format!(
                "the entry is dated {at}, before the ledger's last entry ({last}): entries must be in time order"
            ),
        ));
    }
    if let Entry::Release(r) = &entry
        && r.verdict == Verdict::Go
        && let Some(prior) = fold.prior_release(&r.change_id)
    {
        return Ok(Appended {
            entry: None,
            line: prior.line,
            head: fold.head(),
            note: already_recorded(&r.change_id, &r.service, &prior),
        });
    }
    let head = to_hex(&entry.hash());
    Ok(Appended {
        entry: Some(entry),
        line,
        head,
        note: LedgerNote {
            code: String::from("append"),
            line,
            message: format!("append the entry as line {line}"),
        },
    })
}

fn already_recorded(change_id: &str, service: &str, prior: &PriorRelease) -> LedgerNote {
    LedgerNote {
        code: String::from("already_recorded"),
        line: prior.line,
        message: format!(
            "change {change_id} of {service} was already recorded at line {} ({} RP charged): it is not charged again and nothing is appended",
            prior.line, prior.charge
        ),
    }
}

/// What a request's ledger gives the evaluation.
#[derive(Debug, Clone)]
pub(crate) struct RequestLedger {
    fold: Fold,
    status: Status,
    prior: Option<PriorRelease>,
}

/// Reads the request's ledger (when it has one): verified, folded at `now`.
pub(crate) fn from_request(
    policy: &Policy,
    request: &Request,
) -> Result<Option<RequestLedger>, Error> {
    let Some(ledger) = &request.ledger else {
        return Ok(None);
    };
    if request.budget.is_some() {
        return Err(Error::request(
            "ledger",
            "give either `budget` or `ledger`, not both",
        ));
    }
    let now = request.now.ok_or_else(|| {
        Error::request("now", "a ledger needs 'now' (RFC 3339 date and time): the budget is its state at that instant")
    })?;
    let mut fold = Fold::new(
        policy,
        &request.service.name,
        now,
        Some(request.service.tier),
    );
    fold_all(ledger.source(), &mut fold)?;
    if let Some(last) = fold.last_at().filter(|last| *last > now) {
        return Err(Error::new(
            ErrorKind::InvalidLedger,
            line_path(fold.lines(), "at"),
            format!(
                "the ledger's last entry is dated {last}, after now ({now}): the release could not be appended in time order"
            ),
        ));
    }
    let status = fold.finish()?;
    let prior = fold.prior_release(&request.change.id);
    Ok(Some(RequestLedger {
        fold,
        status,
        prior,
    }))
}

impl RequestLedger {
    /// The budget before this change: the window's state, less this change's own earlier
    /// charge when it is already recorded (so a re-run evaluates the same as the first run).
    pub fn snapshot(&self) -> BudgetSnapshot {
        let mut consumed = self.status.consumed;
        let mut exceptions = self.status.exceptions_this_window;
        if let Some(prior) = self.prior.as_ref().filter(|p| p.in_window) {
            consumed = consumed.saturating_sub(u64::from(prior.charge));
            if prior.waived {
                exceptions = exceptions.saturating_sub(1);
            }
        }
        BudgetSnapshot {
            allocated: Some(u32::try_from(self.status.allocated.max(0)).unwrap_or(u32::MAX)),
            consumed: u32::try_from(consumed).unwrap_or(u32::MAX),
            exceptions_this_window: exceptions,
        }
    }

    /// Evidence of a Sev1/Sev2 in the recent-incident period, when there is one.
    pub fn recent_sev12(&self) -> Option<String> {
        let incidents = &self.status.incidents;
        incidents.recent_sev12.then(|| {
            incidents
                .recent_evidence
                .clone()
                .unwrap_or_else(|| String::from("ledger: a recent Sev1/Sev2 outcome"))
        })
    }

    /// The release entry to append for this decision, and what to do with it.
    pub fn entry_for(&self, request: &Request, decision: &Decision) -> (Option<Entry>, LedgerNote) {
        let line = self.fold.lines() + 1;
        if decision.verdict != Verdict::Go {
            return (
                None,
                LedgerNote {
                    code: String::from("not_released"),
                    line,
                    message: format!(
                        "the verdict is {}: nothing ships, nothing is charged, nothing is appended",
                        decision.verdict.as_str()
                    ),
                },
            );
        }
        if let Some(prior) = &self.prior {
            return (
                None,
                already_recorded(&request.change.id, &request.service.name, prior),
            );
        }
        let exception = decision
            .exception
            .as_ref()
            .filter(|e| e.used)
            .and_then(|e| {
                e.follow_up_due.map(|due| ExceptionRecord {
                    reason: e.reason.clone(),
                    follow_up_due: due,
                })
            });
        let entry = Entry::Release(ReleaseEntry {
            seq: self.fold.last_seq() + 1,
            prev: self.fold.head(),
            at: self.status.at,
            service: request.service.name.clone(),
            tier: request.service.tier,
            change_id: request.change.id.clone(),
            title: request.change.title.clone(),
            release_type: request.change.release_type,
            rrs: decision.score.total,
            penalty: decision.budget.penalty,
            charge: decision.budget.charge,
            gate: decision.gate.level,
            verdict: decision.verdict,
            exception,
            additions: decision.change.additions,
            deletions: decision.change.deletions,
            files: u32::try_from(decision.change.file_count).unwrap_or(u32::MAX),
            categories: decision
                .categories
                .iter()
                .map(|c| c.id.to_string())
                .collect(),
        });
        let note = LedgerNote {
            code: String::from("append"),
            line,
            message: format!(
                "append ledgerEntry as line {line}: it charges {} RP to {}",
                decision.budget.charge, request.service.name
            ),
        };
        (Some(entry), note)
    }

    /// Sets the decision's `ledgerEntry` and `ledgerNote`.
    pub fn attach(&self, request: &Request, decision: &mut Decision) {
        let (entry, note) = self.entry_for(request, decision);
        decision.ledger_entry = Some(entry);
        decision.ledger_note = Some(note);
    }
}

/// Deserializes a present field (even `null`) as `Some`, so `null` and absent differ
/// (the direct reader's `= present`).
#[cfg(feature = "serde-readers")]
pub(crate) fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sealed ledger of `n` entries as riskgate writes it (releases of three services,
    /// an outcome every 7th entry), one line each.
    fn ledger_lines(n: u64) -> Vec<String> {
        let mut prev = GENESIS.to_owned();
        let mut lines = Vec::new();
        for i in 0..n {
            let seq = i + 1;
            let at = format!(
                "2026-03-{:02}T{:02}:{:02}:00Z",
                1 + i / 1440,
                (i / 60) % 24,
                i % 60
            );
            let svc = ["payments-api", "search-api", "auth"]
                .get((i % 3) as usize)
                .copied()
                .unwrap_or("x");
            let record = if i % 7 == 6 {
                format!(
                    r#"{{"kind":"outcome","seq":{seq},"prev":"{prev}","at":"{at}","service":"{svc}","changeId":"c{}","failed":true,"severity":"sev2","detectedAt":"{at}","restoredAt":"{at}"}}"#,
                    i - 3
                )
            } else {
                format!(
                    r#"{{"kind":"release","seq":{seq},"prev":"{prev}","at":"{at}","service":"{svc}","tier":2,"changeId":"c{i}","rrs":2,"charge":2,"gate":"G1","verdict":"go","additions":10,"deletions":1,"files":2}}"#
                )
            };
            let Ok(entry) = parse_line(seq, &record) else {
                break;
            };
            prev = to_hex(&entry.hash());
            lines.push(entry.canonical());
        }
        lines
    }

    fn fold_both_ways(text: &str) -> [Result<Status, Error>; 2] {
        let Ok(policy) = Policy::preset("stella-ops") else {
            return [
                Err(Error::request("", "no preset")),
                Err(Error::request("", "no preset")),
            ];
        };
        let at = DateTime::parse_from_rfc3339("2026-03-03T12:00:00Z").unwrap_or_default();
        [true, false].map(|hash_ahead| {
            let mut fold = Fold::new(&policy, "payments-api", at, None);
            fold_text(text, &mut fold, hash_ahead).and_then(|()| fold.finish())
        })
    }

    /// Hashing lines on a second thread changes no answer: not on a sealed ledger several
    /// batches long, not when a line is reformatted (its canonical form is hashed instead),
    /// and not when a line is malformed or edited (the same first error). (A text hash is
    /// only trusted when the next line's `prev` confirms it, so a wrong one could only cost
    /// time, never an answer.)
    #[test]
    fn hashing_ahead_folds_exactly_as_hashing_in_turn() {
        let lines = ledger_lines(3 * HASH_BATCH as u64 + 17);
        assert_eq!(lines.len(), 3 * HASH_BATCH + 17);
        let join = |lines: &[String]| lines.join("\n") + "\n";
        let sealed = join(&lines);
        let [ahead, in_turn] = fold_both_ways(&sealed);
        let status = ahead.as_ref().map_err(ToString::to_string);
        assert!(
            status
                .as_ref()
                .is_ok_and(|s| s.entries == lines.len() as u64),
            "{status:?}"
        );
        assert_eq!(ahead, in_turn);

        let mut reformatted = lines.clone();
        if let Some(line) = reformatted.get_mut(HASH_BATCH + 3) {
            *line = line.replace(",\"", ", \"");
        }
        let mut malformed = lines.clone();
        if let Some(line) = malformed.get_mut(2 * HASH_BATCH + 5) {
            *line = line.replace("\"tier\":2", "\"tier\":\"2\"");
        }
        let mut edited = lines.clone();
        if let Some(line) = edited.get_mut(HASH_BATCH - 1) {
            *line = line.replace(
                "\"rrs\":2,\"penalty\":0,\"charge\":2",
                "\"rrs\":1,\"penalty\":0,\"charge\":1",
            );
        }
        for (what, damaged) in [
            ("reformatted", reformatted),
            ("malformed", malformed),
            ("edited", edited),
        ] {
            let [ahead, in_turn] = fold_both_ways(&join(&damaged));
            assert_eq!(ahead, in_turn, "{what}");
            assert_eq!(ahead.is_ok(), what == "reformatted", "{what}: {ahead:?}");
        }
    }
}
