//! The release decision: the public JSON contract every front end prints.

use crate::budget::BudgetImpact;
use crate::exception::ExceptionOutcome;
use crate::gate::Gate;
use crate::request::{FileStatus, ReleaseType};
use crate::score::RiskScore;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

mod compact;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    pub score: RiskScore,
    pub categories: Vec<CategoryHit>,
    pub gate: Gate,
    pub budget: BudgetImpact,
    pub verdict: Verdict,
    pub blockers: Vec<Blocker>,
    pub exception: Option<ExceptionOutcome>,
    pub service: ServiceSummary,
    pub change: ChangeSummary,
    pub files: Vec<FileClassification>,
    pub policy: PolicySummary,
    /// Seed 001: present when the policy has the gate and the request gives error-budget figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_budget_gate: Option<crate::error_budget::ErrorBudgetGateOutcome>,
    /// Seed 002: present when the policy has the checklist and (if it is not blocking) the request reports on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness: Option<crate::readiness::ReadinessOutcome>,
    /// Seed 003: present when the policy has the pipeline and (if it is not blocking) the request reports on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline: Option<crate::pipeline::PipelineOutcome>,
    /// Seed 004: the rollout plan, present when the policy has a rollout section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollout: Option<crate::rollout::RolloutPlan>,
    /// With a request ledger: the release entry to append (with its `seq` and `prev`), or
    /// `null` when nothing is to be appended (see `ledgerNote`); absent without a ledger.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::ledger::present"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::ledger::Entry>"))]
    pub ledger_entry: Option<Option<crate::ledger::Entry>>,
    /// With a request ledger: what to do with `ledgerEntry` (append, already recorded, not released).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ledger_note: Option<crate::ledger::LedgerNote>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Go,
    Blocked,
    /// A hard prerequisite of the release decision failed (seed 004).
    Abort,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Self::Go, Self::Blocked, Self::Abort];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Go => "go",
            Self::Blocked => "blocked",
            Self::Abort => "abort",
        }
    }
}

/// How a category came to apply to the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CategorySource {
    /// A path rule matched at least one file.
    Detected,
    /// No rule matched some file, so the fallback category applied to it.
    Fallback,
    /// Only declared in the request.
    Declared,
}

impl CategorySource {
    /// Every value, in declaration order.
    pub const ALL: [CategorySource; 3] = [Self::Detected, Self::Fallback, Self::Declared];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CategoryHit {
    pub id: Arc<str>,
    pub label: Arc<str>,
    pub points: u32,
    pub high_risk: bool,
    pub source: CategorySource,
    /// Also declared in the request (in addition to being detected).
    pub declared: bool,
    // Shared with the score's evidence for the category (one list, two references).
    pub files: Arc<[Arc<str>]>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Blocker {
    pub code: String,
    pub message: String,
    pub waived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ServiceSummary {
    pub name: String,
    pub tier: u8,
    pub tier_label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChangeSummary {
    pub id: String,
    pub title: Option<String>,
    pub release_type: ReleaseType,
    pub customer_impacting: bool,
    pub file_count: usize,
    pub additions: u64,
    pub deletions: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct FileClassification {
    pub path: Arc<str>,
    pub status: FileStatus,
    // Shared by the files of the same single category (a reference count, not a list each).
    pub categories: Arc<[Arc<str>]>,
    /// No rule matched; the fallback category applied.
    pub fallback: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PolicySummary {
    pub name: String,
    pub version: u32,
}

impl Decision {
    /// The decision as compact JSON, identical on every platform (the API's output: a
    /// decision is read by programs; pretty-printing doubled its serialization time), in
    /// ASCII like every answer of the API: a non-ASCII character is a `\uxxxx` escape.
    pub fn to_json(&self) -> String {
        // A typical decision is ~17 KB: reserving its size up front spares the buffer about
        // eight doublings, each a copy of everything written so far.
        let mut out = String::with_capacity(6144 + 384 * self.files.len());
        match compact::write(&mut out, self) {
            Ok(()) => out,
            Err(_) => String::new(),
        }
    }

    /// The decision as indented JSON, for people.
    pub fn to_json_pretty(&self) -> String {
        crate::json::to_pretty_string(self).unwrap_or_default()
    }
}
