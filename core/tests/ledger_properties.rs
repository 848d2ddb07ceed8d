//! Property tests of the budget ledger: a fold checkpointed halfway and resumed equals the
//! one-pass fold; replay is deterministic (and the same from text or entries); remaining is
//! allocated + adjustments − charges, each change id charged once; generated ledgers verify,
//! and deleting or swapping a line never goes unnoticed.

use chrono::{DateTime, Datelike, Duration, FixedOffset};
use proptest::prelude::*;
use riskgate::Policy;
use riskgate::ledger::{self, Entry, Fold, Source, StatusOptions};
use serde_json::{Value, json};
use std::collections::BTreeSet;

const SERVICES: [&str; 2] = ["payments-api", "search-api"];

#[derive(Debug, Clone)]
enum Op {
    Release {
        svc: usize,
        change: u8,
        charge: u32,
        blocked: bool,
    },
    Outcome {
        svc: usize,
        change: u8,
        failed: bool,
        sev: u8,
        minutes: i64,
    },
    Adjustment {
        svc: usize,
        amount: i64,
    },
}

fn op() -> impl Strategy<Value = (u32, Op)> {
    let release = (0..2usize, 0..12u8, 1..30u32, proptest::bool::weighted(0.1)).prop_map(
        |(svc, change, charge, blocked)| Op::Release {
            svc,
            change,
            charge,
            blocked,
        },
    );
    let outcome = (0..2usize, 0..12u8, any::<bool>(), 1..5u8, 1..600i64).prop_map(
        |(svc, change, failed, sev, minutes)| Op::Outcome {
            svc,
            change,
            failed,
            sev,
            minutes,
        },
    );
    let adjustment = (0..2usize, -20..40i64)
        .prop_filter("an adjustment changes something", |(_, a)| *a != 0)
        .prop_map(|(svc, amount)| Op::Adjustment { svc, amount });
    (
        0..60u32,
        prop_oneof![6 => release, 3 => outcome, 1 => adjustment],
    )
}

fn start() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-09-01T00:00:00Z").unwrap_or_default()
}

/// Entry documents (without seq and prev), in time order.
fn records(ops: &[(u32, Op)]) -> Vec<Value> {
    let mut at = start();
    let mut out = Vec::new();
    for (step_hours, op) in ops {
        at += Duration::hours(i64::from(*step_hours));
        let ts = at.to_rfc3339();
        out.push(match op {
            Op::Release { svc, change, charge, blocked } => json!({
                "kind": "release", "at": ts, "service": SERVICES.get(*svc), "tier": 3,
                "changeId": format!("c{change}"), "rrs": charge, "charge": charge, "gate": "G2",
                "verdict": if *blocked { "blocked" } else { "go" },
                "additions": charge * 7, "deletions": charge
            }),
            Op::Outcome { svc, change, failed, sev, minutes } => json!({
                "kind": "outcome", "at": ts, "service": SERVICES.get(*svc), "changeId": format!("c{change}"),
                "failed": failed, "severity": format!("sev{sev}"),
                "detectedAt": (at - Duration::minutes(*minutes)).to_rfc3339(), "restoredAt": ts
            }),
            Op::Adjustment { svc, amount } => json!({
                "kind": "adjustment", "at": ts, "service": SERVICES.get(*svc), "amount": amount,
                "reason": "test", "approver": "Dana Li"
            }),
        });
    }
    out
}

/// Chains records into entries: seq from 1, prev = hash of the previous entry.
fn seal(records: &[Value]) -> Result<Vec<Entry>, TestCaseError> {
    let mut prev = ledger::GENESIS.to_owned();
    let mut entries = Vec::new();
    for (i, record) in records.iter().enumerate() {
        let mut doc = record.clone();
        if let Value::Object(map) = &mut doc {
            map.insert("seq".into(), json!(i + 1));
            map.insert("prev".into(), json!(prev));
        }
        let entry = ledger::parse_value(i as u64 + 1, &doc)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prev = ledger::to_hex(&entry.hash());
        entries.push(entry);
    }
    Ok(entries)
}

fn text(entries: &[Entry]) -> String {
    entries.iter().map(|e| e.canonical() + "\n").collect()
}

fn policy() -> Result<Policy, TestCaseError> {
    Policy::preset("stella-ops").map_err(|e| TestCaseError::fail(e.to_string()))
}

fn fail(e: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(e.to_string())
}

fn ledger_and_instant() -> impl Strategy<Value = (Vec<(u32, Op)>, u32, usize)> {
    (
        proptest::collection::vec(op(), 0..80),
        0..(24 * 150u32),
        0..2usize,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Folding the first k entries, checkpointing the fold as JSON and resuming it with the
    /// rest gives the same status as folding all entries in one pass.
    #[test]
    fn one_pass_equals_two_halves((ops, hours, svc) in ledger_and_instant(), split in 0usize..80) {
        let entries = seal(&records(&ops))?;
        let policy = policy()?;
        let at = start() + Duration::hours(i64::from(hours));
        let service = SERVICES.get(svc).copied().unwrap_or_default();
        let mut whole = Fold::new(&policy, service, at, Some(3));
        for e in &entries {
            whole.push(e).map_err(fail)?;
        }
        let k = split.min(entries.len());
        let (first, second) = entries.split_at(k);
        let mut half = Fold::new(&policy, service, at, Some(3));
        for e in first {
            half.push(e).map_err(fail)?;
        }
        let checkpoint = serde_json::to_string(&half).map_err(fail)?;
        let mut resumed: Fold = serde_json::from_str(&checkpoint).map_err(fail)?;
        for e in second {
            resumed.push(e).map_err(fail)?;
        }
        prop_assert_eq!(resumed.finish().map_err(fail)?, whole.finish().map_err(fail)?);
    }

    /// Replaying a ledger gives byte-identical status JSON, from text or from entries; it verifies.
    #[test]
    fn replay_is_deterministic((ops, hours, svc) in ledger_and_instant()) {
        let entries = seal(&records(&ops))?;
        let policy = policy()?;
        let at = start() + Duration::hours(i64::from(hours));
        let service = SERVICES.get(svc).copied().unwrap_or_default();
        let text = text(&entries);
        let values: Vec<Value> = entries.iter().map(|e| serde_json::to_value(e).unwrap_or_default()).collect();
        let options = StatusOptions { tier: Some(3), granularity: None };
        let a = ledger::status(Source::Text(&text), &policy, service, at, &options).map_err(fail)?;
        let b = ledger::status(Source::Text(&text), &policy, service, at, &options).map_err(fail)?;
        let c = ledger::status(Source::Entries(&values), &policy, service, at, &options).map_err(fail)?;
        let json = |s| serde_json::to_string(s).unwrap_or_default();
        prop_assert_eq!(json(&a), json(&b));
        prop_assert_eq!(json(&a), json(&c));
        let report = ledger::verify(Source::Text(&text), Some(&a.head));
        prop_assert!(report.ok, "{:?}", report.problems);
        prop_assert_eq!(report.entries, entries.len() as u64);
    }

    /// remaining = allocated + adjustments − charges, where charges count each change id once
    /// (its first go release, wherever it fell) and only this window's, computed here from the records.
    #[test]
    fn remaining_is_allocation_plus_adjustments_minus_charges((ops, hours, svc) in ledger_and_instant()) {
        let recs = records(&ops);
        let entries = seal(&recs)?;
        let policy = policy()?;
        let at = start() + Duration::hours(i64::from(hours));
        let service = SERVICES.get(svc).copied().unwrap_or_default();
        let status = ledger::status(Source::Entries(&recs.iter().zip(&entries).map(|(_, e)| serde_json::to_value(e).unwrap_or_default()).collect::<Vec<_>>()),
            &policy, service, at, &StatusOptions { tier: Some(3), granularity: None }).map_err(fail)?;
        let same_month = |t: DateTime<FixedOffset>| t.year() == at.year() && t.month() == at.month();
        let (mut charges, mut adjustments) = (0i64, 0i64);
        let mut seen = BTreeSet::new();
        for e in &entries {
            if e.at() > at || e.service() != Some(service) {
                continue;
            }
            match e {
                Entry::Release(r)
                    if r.verdict == riskgate::Verdict::Go && seen.insert(r.change_id.clone()) && same_month(r.at) =>
                {
                    charges += i64::from(r.charge);
                }
                Entry::Adjustment(a) if same_month(a.at) => adjustments += a.amount,
                _ => {}
            }
        }
        prop_assert_eq!(status.allocation.base, 80);
        prop_assert_eq!(status.allocation.adjustments, adjustments);
        prop_assert_eq!(status.consumed as i64, charges);
        prop_assert_eq!(status.remaining, status.allocation.base + status.allocation.earned + adjustments - charges);
        prop_assert_eq!(status.remaining, status.allocated - charges);
    }

    /// Deleting or swapping a line in the middle is always reported, and status refuses the ledger.
    #[test]
    fn tampering_is_detected((ops, hours, _svc) in ledger_and_instant(), pick in any::<prop::sample::Index>(), swap in any::<bool>()) {
        let entries = seal(&records(&ops))?;
        prop_assume!(entries.len() >= 3);
        let policy = policy()?;
        let i = 1 + pick.index(entries.len() - 2);
        let mut lines: Vec<String> = entries.iter().map(Entry::canonical).collect();
        if swap {
            lines.swap(i, i + 1);
        } else {
            lines.remove(i);
        }
        let text = lines.join("\n") + "\n";
        let report = ledger::verify(Source::Text(&text), None);
        prop_assert!(!report.ok);
        let first = report.problems.first().map(|p| p.line).unwrap_or_default();
        prop_assert!(first >= i as u64 && first <= i as u64 + 1, "first problem at {} for a change at line {}", first, i + 1);
        let at = start() + Duration::hours(i64::from(hours));
        let refused = ledger::status(Source::Text(&text), &policy, "payments-api", at, &StatusOptions { tier: Some(3), granularity: None });
        prop_assert!(refused.is_err());
    }

    /// The fold trusts the hash of a line's text only when the next line's prev says it is
    /// the canonical form: lines rewritten with their keys in another order fold to the same
    /// status and head, and a line edited in place is refused whether or not it is canonical.
    #[test]
    fn reformatted_lines_fold_alike_and_edits_are_refused(
        (ops, hours, svc) in ledger_and_instant(),
        reorder in proptest::collection::vec(any::<bool>(), 80),
        pick in any::<prop::sample::Index>(),
    ) {
        let entries = seal(&records(&ops))?;
        let policy = policy()?;
        let at = start() + Duration::hours(i64::from(hours));
        let service = SERVICES.get(svc).copied().unwrap_or_default();
        let options = StatusOptions { tier: Some(3), granularity: None };
        let canonical: Vec<String> = entries.iter().map(Entry::canonical).collect();
        let reversed = |line: &str| -> Result<String, TestCaseError> {
            let Value::Object(map) = serde_json::from_str::<Value>(line).map_err(fail)? else {
                return Err(fail("not an object"));
            };
            serde_json::to_string(&Value::Object(map.into_iter().rev().collect())).map_err(fail)
        };
        let mut lines = Vec::new();
        for (i, line) in canonical.iter().enumerate() {
            lines.push(if reorder.get(i).copied().unwrap_or(false) { reversed(line)? } else { line.clone() });
        }
        let jsonl = |lines: &[String]| lines.iter().map(|l| format!("{l}\n")).collect::<String>();
        let plain = ledger::status(Source::Text(&jsonl(&canonical)), &policy, service, at, &options).map_err(fail)?;
        let mixed = ledger::status(Source::Text(&jsonl(&lines)), &policy, service, at, &options).map_err(fail)?;
        prop_assert_eq!(serde_json::to_string(&mixed).map_err(fail)?, serde_json::to_string(&plain).map_err(fail)?);

        prop_assume!(entries.len() >= 2);
        let i = pick.index(entries.len() - 1);
        let mut edited: Value = serde_json::from_str(&canonical[i]).map_err(fail)?;
        if let Value::Object(map) = &mut edited {
            map.insert("note".into(), json!("edited after the fact"));
        }
        let edited = serde_json::to_string(&edited).map_err(fail)?;
        for line_i in [edited.clone(), reversed(&edited)?] {
            let mut tampered = lines.clone();
            tampered[i] = line_i;
            let refused = ledger::status(Source::Text(&jsonl(&tampered)), &policy, service, at, &options);
            prop_assert!(refused.is_err(), "an edit of line {} went through", i + 1);
        }
    }
}
