//! The decision as compact JSON, byte for byte what [`crate::json::to_ascii_string`] writes
//! for it (an answer of the API, so in ASCII), with the keys of its most repeated objects
//! (files, categories, score contributions, gate requirements, the rollout plan) written as literals
//! together with the punctuation, the enum names and the quotes of the texts around them.
//!
//! A typical decision is ~1,200 strings and keys; through serde each is a call that tests
//! its bytes for escapes, and in Node writing them was a third of `evaluateJson`. Here a
//! file is four or five appends of which only the path is tested. The rest of the
//! decision goes through [`crate::json::write_ascii`]; `tests/json_output.rs` holds the
//! whole text to `serde_json::to_string` (its non-ASCII characters escaped) on every
//! vector's decision and on unusual ones.

use super::{CategoryHit, CategorySource, Decision, FileClassification, Verdict};
use crate::gate::{Gate, GateLevel, Requirement};
use crate::json::{
    Error, push_integer, push_plain, push_str_body_ascii as body, write_ascii as serde_write,
};
use crate::request::FileStatus;
use crate::rollout::{Alternative, Phase, RolloutPlan};
use crate::score::{Contribution, ContributionKind, RiskScore};
use serde::Serialize;

pub(super) fn write(out: &mut String, d: &Decision) -> Result<(), Error> {
    push_plain(out, "{\"score\":");
    score(out, &d.score);
    push_plain(out, ",\"categories\":");
    list(out, &d.categories, category);
    push_plain(out, ",\"gate\":");
    gate(out, &d.gate)?;
    member(out, ",\"budget\":", &d.budget)?;
    push_plain(out, verdict(d.verdict));
    serde_write(out, &d.blockers)?;
    member(out, ",\"exception\":", &d.exception)?;
    member(out, ",\"service\":", &d.service)?;
    member(out, ",\"change\":", &d.change)?;
    push_plain(out, ",\"files\":");
    list(out, &d.files, file);
    member(out, ",\"policy\":", &d.policy)?;
    optional(out, ",\"errorBudgetGate\":", d.error_budget_gate.as_ref())?;
    optional(out, ",\"readiness\":", d.readiness.as_ref())?;
    optional(out, ",\"pipeline\":", d.pipeline.as_ref())?;
    if let Some(r) = &d.rollout {
        push_plain(out, ",\"rollout\":");
        rollout(out, r);
    }
    optional(out, ",\"ledgerEntry\":", d.ledger_entry.as_ref())?;
    optional(out, ",\"ledgerNote\":", d.ledger_note.as_ref())?;
    out.push('}');
    Ok(())
}

/// `key` (the literal `,"name":`) and the value, through the serde writer.
fn member<T: Serialize + ?Sized>(out: &mut String, key: &str, value: &T) -> Result<(), Error> {
    push_plain(out, key);
    serde_write(out, value)
}

/// A member serde leaves out when absent (`skip_serializing_if = "Option::is_none"`).
fn optional<T: Serialize>(out: &mut String, key: &str, value: Option<&T>) -> Result<(), Error> {
    value.map_or(Ok(()), |v| member(out, key, v))
}

/// `[a,b,…]`, each item written by `item`.
fn list<T>(out: &mut String, items: &[T], item: fn(&mut String, &T)) {
    out.push('[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        item(out, x);
    }
    out.push(']');
}

/// `["a","b",…]`: the quotes and commas between the texts as one literal each.
fn texts<S: AsRef<str>>(out: &mut String, items: &[S]) {
    let mut items = items.iter();
    let Some(first) = items.next() else {
        push_plain(out, "[]");
        return;
    };
    push_plain(out, "[\"");
    body(out, first.as_ref());
    for t in items {
        push_plain(out, "\",\"");
        body(out, t.as_ref());
    }
    push_plain(out, "\"]");
}

/// The rollout plan (seed 004), ~2.4 KB of a typical decision: through serde each of its
/// ~60 keys and texts was a call that tested its bytes (~12k instructions natively). Its
/// enums are their serde names (`as_str`, held to serde by the tests below).
fn rollout(out: &mut String, r: &RolloutPlan) {
    let p = &r.prerequisites;
    push_plain(out, "{\"prerequisites\":{\"passed\":");
    push_plain(out, boolean(p.passed));
    push_plain(out, ",\"failing\":");
    texts(out, &p.failing);
    push_plain(out, ",\"checked\":");
    push_plain(out, boolean(p.checked));
    push_plain(out, "},\"riskLevel\":\"");
    push_plain(out, r.risk_level.as_str());
    push_plain(out, "\",\"matrixRiskLevel\":\"");
    push_plain(out, r.matrix_risk_level.as_str());
    push_plain(out, "\",\"gateRiskLevel\":\"");
    push_plain(out, r.gate_risk_level.as_str());
    push_plain(out, "\",\"riskRationale\":");
    texts(out, &r.risk_rationale);
    push_plain(out, ",\"reconciliation\":\"");
    body(out, &r.reconciliation);
    push_plain(out, "\",\"nature\":\"");
    push_plain(out, r.nature.as_str());
    push_plain(out, "\",\"blastRadius\":\"");
    body(out, &r.blast_radius);
    push_plain(out, "\",\"strategy\":\"");
    push_plain(out, r.strategy.as_str());
    push_plain(out, "\",\"strategyLabel\":\"");
    body(out, &r.strategy_label);
    push_plain(out, "\",\"strategyRationale\":\"");
    body(out, &r.strategy_rationale);
    push_plain(out, "\",\"humanSupervision\":");
    push_plain(out, boolean(r.human_supervision));
    push_plain(out, ",\"phases\":");
    list(out, &r.phases, phase);
    push_plain(out, ",\"alternatives\":");
    list(out, &r.alternatives, alternative);
    push_plain(out, ",\"rollbackTriggers\":");
    texts(out, &r.rollback_triggers);
    push_plain(out, ",\"rollbackMethod\":\"");
    body(out, &r.rollback_method);
    push_plain(out, "\",\"rollbackSteps\":");
    texts(out, &r.rollback_steps);
    push_plain(out, ",\"estimatedRollbackMinutes\":");
    push_integer(out, r.estimated_rollback_minutes);
    push_plain(out, ",\"monitoring\":");
    texts(out, &r.monitoring);
    out.push('}');
}

fn phase(out: &mut String, p: &Phase) {
    push_plain(out, "{\"name\":\"");
    body(out, &p.name);
    push_plain(out, "\",\"trafficPct\":");
    push_integer(out, p.traffic_pct);
    push_plain(out, ",\"durationMinutes\":");
    push_integer(out, p.duration_minutes);
    push_plain(out, ",\"proceedIf\":\"");
    body(out, &p.proceed_if);
    push_plain(out, "\"}");
}

fn alternative(out: &mut String, a: &Alternative) {
    push_plain(out, "{\"strategy\":\"");
    push_plain(out, a.strategy.as_str());
    push_plain(out, "\",\"label\":\"");
    body(out, &a.label);
    push_plain(out, "\",\"whenToUse\":\"");
    body(out, &a.when_to_use);
    push_plain(out, "\",\"whyNot\":\"");
    body(out, &a.why_not);
    push_plain(out, "\"}");
}

fn boolean(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

fn score(out: &mut String, s: &RiskScore) {
    push_plain(out, "{\"total\":");
    push_integer(out, s.total);
    push_plain(out, ",\"contributions\":");
    list(out, &s.contributions, contribution);
    out.push('}');
}

fn contribution(out: &mut String, c: &Contribution) {
    push_plain(
        out,
        match c.kind {
            ContributionKind::Base => "{\"kind\":\"base\",\"id\":\"",
            ContributionKind::Diff => "{\"kind\":\"diff\",\"id\":\"",
            ContributionKind::Context => "{\"kind\":\"context\",\"id\":\"",
            ContributionKind::Mitigation => "{\"kind\":\"mitigation\",\"id\":\"",
            ContributionKind::Floor => "{\"kind\":\"floor\",\"id\":\"",
        },
    );
    body(out, &c.id);
    push_plain(out, "\",\"points\":");
    push_integer(out, c.points);
    push_plain(out, ",\"label\":\"");
    body(out, &c.label);
    push_plain(out, "\",\"evidence\":");
    texts(out, &c.evidence);
    out.push('}');
}

fn category(out: &mut String, c: &CategoryHit) {
    push_plain(out, "{\"id\":\"");
    body(out, &c.id);
    push_plain(out, "\",\"label\":\"");
    body(out, &c.label);
    push_plain(out, "\",\"points\":");
    push_integer(out, c.points);
    push_plain(out, ",\"highRisk\":");
    push_plain(out, boolean(c.high_risk));
    push_plain(
        out,
        match c.source {
            CategorySource::Detected => ",\"source\":\"detected\",\"declared\":",
            CategorySource::Fallback => ",\"source\":\"fallback\",\"declared\":",
            CategorySource::Declared => ",\"source\":\"declared\",\"declared\":",
        },
    );
    push_plain(out, boolean(c.declared));
    push_plain(out, ",\"files\":");
    texts(out, &c.files);
    out.push('}');
}

fn gate(out: &mut String, g: &Gate) -> Result<(), Error> {
    push_plain(out, "{\"level\":");
    push_plain(out, level(g.level));
    push_plain(out, ",\"baseLevel\":");
    push_plain(out, level(g.base_level));
    push_plain(out, ",\"baseReason\":\"");
    body(out, &g.base_reason);
    push_plain(out, "\",\"adjustments\":");
    serde_write(out, &g.adjustments)?;
    push_plain(out, ",\"requirements\":");
    list(out, &g.requirements, requirement);
    out.push('}');
    Ok(())
}

fn requirement(out: &mut String, r: &Requirement) {
    push_plain(out, "{\"id\":\"");
    body(out, &r.id);
    push_plain(out, "\",\"text\":\"");
    body(out, &r.text);
    push_plain(
        out,
        match r.level {
            GateLevel::G0 => "\",\"level\":\"G0\"}",
            GateLevel::G1 => "\",\"level\":\"G1\"}",
            GateLevel::G2 => "\",\"level\":\"G2\"}",
            GateLevel::G3 => "\",\"level\":\"G3\"}",
            GateLevel::G4 => "\",\"level\":\"G4\"}",
        },
    );
}

/// A gate level as a JSON string.
fn level(l: GateLevel) -> &'static str {
    match l {
        GateLevel::G0 => "\"G0\"",
        GateLevel::G1 => "\"G1\"",
        GateLevel::G2 => "\"G2\"",
        GateLevel::G3 => "\"G3\"",
        GateLevel::G4 => "\"G4\"",
    }
}

/// The verdict with the keys around it, up to the blockers' value.
fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Go => ",\"verdict\":\"go\",\"blockers\":",
        Verdict::Blocked => ",\"verdict\":\"blocked\",\"blockers\":",
        Verdict::Abort => ",\"verdict\":\"abort\",\"blockers\":",
    }
}

fn file(out: &mut String, f: &FileClassification) {
    push_plain(out, "{\"path\":\"");
    body(out, &f.path);
    push_plain(
        out,
        match f.status {
            FileStatus::Added => "\",\"status\":\"added\",\"categories\":",
            FileStatus::Modified => "\",\"status\":\"modified\",\"categories\":",
            FileStatus::Deleted => "\",\"status\":\"deleted\",\"categories\":",
            FileStatus::Renamed => "\",\"status\":\"renamed\",\"categories\":",
            FileStatus::Copied => "\",\"status\":\"copied\",\"categories\":",
            FileStatus::TypeChanged => "\",\"status\":\"type_changed\",\"categories\":",
        },
    );
    texts(out, &f.categories);
    push_plain(
        out,
        if f.fallback {
            ",\"fallback\":true}"
        } else {
            ",\"fallback\":false}"
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rollout::{ChangeNature, RolloutRisk, Strategy};

    fn json<T: serde::Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap_or_default()
    }

    /// Every value of `all` is named by `name` as serde names it.
    fn names_are_serdes<T: serde::Serialize + Copy>(all: &[T], name: fn(T) -> &'static str) {
        for &value in all {
            assert_eq!(format!("\"{}\"", name(value)), json(&value));
        }
    }

    /// Each literal spells its enum value as serde does, and so does each `as_str` the
    /// writers here and the worksheet's list of files use.
    #[test]
    fn enum_literals_are_serdes() {
        for l in GateLevel::ALL {
            assert_eq!(level(l), json(&l));
        }
        names_are_serdes(&RolloutRisk::ALL, RolloutRisk::as_str);
        names_are_serdes(&Strategy::ALL, Strategy::as_str);
        names_are_serdes(&ChangeNature::ALL, ChangeNature::as_str);
        names_are_serdes(&FileStatus::ALL, FileStatus::as_str);
        names_are_serdes(
            &crate::request::ReleaseType::ALL,
            crate::request::ReleaseType::as_str,
        );
        names_are_serdes(
            &crate::budget::BudgetStatus::ALL,
            crate::budget::BudgetStatus::as_str,
        );
        names_are_serdes(
            &crate::error_budget::RiskLevel::ALL,
            crate::error_budget::RiskLevel::as_str,
        );
        for v in Verdict::ALL {
            assert_eq!(
                verdict(v),
                format!(",\"verdict\":{},\"blockers\":", json(&v))
            );
        }
    }
}
