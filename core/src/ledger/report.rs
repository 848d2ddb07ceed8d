//! The documents the ledger produces: the status of a service's budget at an instant,
//! its metrics per window, and the verification report.

use super::entry::{Entry, Severity, WindowKind};
use super::rules::Granularity;
use crate::budget::BudgetStatus;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// A service's budget state at an instant: the fold of its entries in the window containing it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub service: String,
    pub at: DateTime<FixedOffset>,
    /// The tier the allocation comes from (given, or the latest release's); null when the
    /// window policy sets the allocation and no tier is known.
    pub tier: Option<u8>,
    pub window: WindowInfo,
    pub allocation: Allocation,
    /// `allocation.total`.
    pub allocated: i64,
    /// Risk points charged by this window's releases (each change id once).
    pub consumed: u64,
    pub remaining: i64,
    pub remaining_pct: f64,
    pub status: BudgetStatus,
    /// Average burn: consumed ÷ days elapsed in the window.
    pub burn_per_day: f64,
    /// Date (in the window's offset) the trendline reaches the allocation; null when the
    /// trend does not rise or the budget is already spent.
    pub projected_depletion: Option<NaiveDate>,
    pub trend: Trend,
    /// Break-glass exceptions used by this window's releases.
    pub exceptions_this_window: u32,
    /// Break-glass follow-up reviews past their due date with no review recorded (any window).
    pub follow_ups_overdue: Vec<FollowUp>,
    /// Charged releases this window.
    pub releases: u32,
    pub blocked_attempts: u32,
    /// Release entries of a change id already charged: recorded, not charged again.
    pub duplicates_ignored: Vec<Duplicate>,
    pub adjustments: Vec<AdjustmentRecord>,
    pub burn_down: BurnDown,
    pub earned_capacity: EarnedCapacity,
    /// Seed section 8 metrics of this window (so far).
    pub metrics: WindowMetrics,
    /// The same metrics for the previous windows, most recent first.
    pub history: Vec<WindowMetrics>,
    pub incidents: Incidents,
    /// Lines read (the whole ledger, every service).
    pub entries: u64,
    /// SHA-256 of the last entry's canonical form: the `prev` of the next entry.
    pub head: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct WindowInfo {
    pub kind: WindowKind,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    pub utc_offset: String,
    /// Length in days.
    pub days: f64,
    pub elapsed_days: f64,
    /// Shortened by a change of window policy.
    pub clipped: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Allocation {
    /// The tier's budget for this window (prorated for sprints), or the window policy's allocation.
    pub base: i64,
    /// Earned capacity (seed 5.6).
    pub earned: i64,
    /// Sum of this window's adjustments.
    pub adjustments: i64,
    pub total: i64,
}

/// Least-squares line through the cumulative consumption of the window so far: `(0, 0)`,
/// the end of each complete day, and now; `x` in days since the window start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Trend {
    pub slope_per_day: f64,
    pub intercept: f64,
    pub points: u32,
    pub depletion_at: Option<DateTime<FixedOffset>>,
    pub days_to_depletion: Option<f64>,
    /// The projected depletion falls before the window ends.
    pub within_window: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    pub change_id: String,
    pub line: u64,
    pub due: NaiveDate,
    pub days_overdue: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Duplicate {
    pub line: u64,
    pub change_id: String,
    /// The line that charged the change.
    pub first_line: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AdjustmentRecord {
    pub line: u64,
    pub at: DateTime<FixedOffset>,
    pub amount: i64,
    pub reason: String,
    pub approver: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct BurnDown {
    pub granularity: Granularity,
    pub points: Vec<BurnPoint>,
}

/// Cumulative consumption at the end of a day (or week) of the window, or now for the current one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct BurnPoint {
    /// The last date the point covers, in the window's offset.
    pub date: NaiveDate,
    /// Days of the window covered, from 1.
    pub day: u32,
    pub consumed: u64,
    pub remaining: i64,
    /// The straight line from the allocation at the start to 0 at the end.
    pub ideal: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct EarnedCapacity {
    pub earned: bool,
    pub pct: u32,
    pub points: i64,
    /// Consecutive windows of improvement required.
    pub windows_required: u32,
    /// One comparison per consecutive pair of previous windows, oldest first.
    pub comparisons: Vec<Comparison>,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub from: DateTime<FixedOffset>,
    pub to: DateTime<FixedOffset>,
    /// `[earlier, later]`; null when a window had no releases.
    pub change_failure_rate: [Option<f64>; 2],
    /// `[earlier, later]`, in minutes; 0 for a window with releases and no failure; null when unknown.
    pub mttr_minutes: [Option<f64>; 2],
    pub improved: bool,
}

/// Seed section 8 metrics of one window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct WindowMetrics {
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    /// Days the rates are measured over (the elapsed part of the current window).
    pub days: f64,
    pub releases: u32,
    pub consumed: u64,
    pub exceptions: u32,
    pub adjustments: i64,
    pub deploy_frequency: DeployFrequency,
    pub failed_releases: u32,
    pub change_failure_rate: Option<f64>,
    pub mttr: Mttr,
    pub gate_compliance: GateCompliance,
    pub diff_size: DiffSize,
    pub rollbacks: Rollbacks,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DeployFrequency {
    pub per_day: f64,
    pub per_week: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Mttr {
    /// Failed releases with both `detectedAt` and `restoredAt`.
    pub incidents: u32,
    pub mean_minutes: Option<f64>,
    /// Every severity with incidents and a target meets it; null when none has both.
    pub meets_targets: Option<bool>,
    pub by_severity: Vec<SeverityMttr>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SeverityMttr {
    pub severity: Severity,
    /// Seed 003's priority: P1 for Sev1 and so on.
    pub priority: String,
    pub incidents: u32,
    pub mean_minutes: Option<f64>,
    pub target_minutes: Option<u32>,
    /// Incidents restored within the target.
    pub within_target: u32,
    pub meets_target: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct GateCompliance {
    pub releases: u32,
    /// Releases that went through with a break-glass waiver.
    pub waived: u32,
    pub waiver_rate: Option<f64>,
    /// `1 - waiverRate`: releases that passed their gate without a waiver.
    pub compliance_rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DiffSize {
    pub buckets: Vec<DiffBucket>,
    /// Mean lines changed (added + deleted) per release.
    pub mean_lines: Option<f64>,
    pub max_lines: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DiffBucket {
    /// Upper bound (inclusive) of lines changed; null for the last, open bucket.
    pub up_to: Option<u64>,
    pub releases: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Rollbacks {
    pub count: u32,
    /// Rolled-back releases ÷ releases.
    pub rate: Option<f64>,
    /// From detection (or the release when not detected) to the rollback.
    pub mean_minutes_to_rollback: Option<f64>,
    pub samples: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Incidents {
    /// A Sev1/Sev2 detected in the last `recentDays` days, or one still open.
    pub recent_sev12: bool,
    pub recent_days: u32,
    /// The most recent such incident, in words.
    pub recent_evidence: Option<String>,
    /// Failed outcomes not restored yet.
    pub open: u32,
    pub lookback: Vec<SevCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SevCount {
    pub days: u32,
    pub sev1: u32,
    pub sev2: u32,
}

/// The verification report of a ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    /// No problem found.
    pub ok: bool,
    /// Lines read.
    pub entries: u64,
    /// SHA-256 of the last entry's canonical form: the `prev` of the next entry (the genesis
    /// value for an empty ledger; null when the last line is malformed).
    pub head: Option<String>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// 1-based line number.
    pub line: u64,
    /// `malformed`, `edited`, `deleted`, `inserted`, `reordered`, `time_order` or `head_mismatch`.
    pub code: String,
    pub message: String,
}

/// The result of appending: the completed entry (or null when nothing is to be appended).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Appended {
    pub entry: Option<Entry>,
    /// The line the entry goes to, or the line that already recorded the change.
    pub line: u64,
    /// The head after appending (unchanged when nothing is appended).
    pub head: String,
    pub note: LedgerNote,
}

/// What happened to the ledger, for a decision or an append.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct LedgerNote {
    /// `append` (append `ledgerEntry` as line `line`), `already_recorded` (the change id was
    /// charged at line `line`: not charged again) or `not_released` (the verdict is not go).
    pub code: String,
    pub line: u64,
    pub message: String,
}
