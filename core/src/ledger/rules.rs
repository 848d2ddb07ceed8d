//! The `ledger` section of the policy: windows, earned capacity, MTTR targets, metric buckets.

use super::entry::{MAX_SPRINT_DAYS, Severity, WindowKind, parse_offset};
use crate::error::Error;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Earned capacity may never exceed this percentage of the base allocation (seed 5.6: +10–20%).
pub const MAX_EARNED_PCT: u32 = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LedgerRules {
    /// The budget window: `monthly` (calendar months) or `sprint`.
    pub window: WindowKind,
    /// The UTC offset windows are measured in (`+HH:MM`).
    pub utc_offset: String,
    /// Sprint windows: the first sprint's start date and the length in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sprint: Option<SprintRule>,
    /// A sprint's allocation is the tier's monthly budget × sprint days / this (rounded half up).
    pub days_per_month: u32,
    pub earned_capacity: EarnedCapacityRule,
    /// MTTR targets per severity, in minutes (seed 003: P1 60, P2 120, P3 480).
    pub mttr_targets_minutes: BTreeMap<Severity, u32>,
    /// A Sev1/Sev2 outcome detected this many days before `now` (or still open) sets `recentSev12`.
    pub recent_incident_days: u32,
    /// Rolling Sev1/Sev2 counts are reported over these numbers of days.
    pub incident_lookback_days: Vec<u32>,
    /// Upper bounds (lines added + deleted) of the diff size buckets, increasing.
    pub diff_size_buckets: Vec<u64>,
    /// Default granularity of the burn-down series: `day` or `week`.
    pub burn_down: Granularity,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SprintRule {
    pub start: NaiveDate,
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EarnedCapacityRule {
    /// Bonus on the next window's base allocation, in percent (0 to 20; 0 disables).
    pub pct: u32,
    /// Consecutive windows in which both change failure rate and MTTR must improve.
    pub windows: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    #[default]
    Day,
    Week,
}

impl LedgerRules {
    /// Checks the section; paths are relative to the policy (`ledger.…`).
    pub fn validate(&self) -> Result<(), Error> {
        if parse_offset(&self.utc_offset).is_none() {
            return Err(Error::policy(
                "ledger.utcOffset",
                format!(
                    "'{}' is not a UTC offset (+HH:MM or -HH:MM)",
                    self.utc_offset
                ),
            ));
        }
        match (&self.window, &self.sprint) {
            (WindowKind::Sprint, None) => {
                return Err(Error::policy(
                    "ledger.sprint",
                    "sprint windows need `sprint: { start, days }`",
                ));
            }
            (_, Some(s)) if !(1..=MAX_SPRINT_DAYS).contains(&s.days) => {
                return Err(Error::policy(
                    "ledger.sprint.days",
                    format!("a sprint lasts 1 to {MAX_SPRINT_DAYS} days"),
                ));
            }
            _ => {}
        }
        if self.days_per_month == 0 || self.days_per_month > 31 {
            return Err(Error::policy(
                "ledger.daysPerMonth",
                "days per month must be between 1 and 31",
            ));
        }
        if self.earned_capacity.pct > MAX_EARNED_PCT {
            return Err(Error::policy(
                "ledger.earnedCapacity.pct",
                format!("earned capacity is at most {MAX_EARNED_PCT}% (seed section 5.6)"),
            ));
        }
        if !(1..=12).contains(&self.earned_capacity.windows) {
            return Err(Error::policy(
                "ledger.earnedCapacity.windows",
                "between 1 and 12 consecutive windows",
            ));
        }
        for (sev, minutes) in &self.mttr_targets_minutes {
            if *minutes == 0 {
                return Err(Error::policy(
                    format!("ledger.mttrTargetsMinutes.{}", sev.as_str()),
                    "an MTTR target must be at least 1 minute",
                ));
            }
        }
        if self.recent_incident_days == 0 || self.recent_incident_days > 366 {
            return Err(Error::policy(
                "ledger.recentIncidentDays",
                "between 1 and 366 days",
            ));
        }
        for (i, days) in self.incident_lookback_days.iter().enumerate() {
            if *days == 0 || *days > 3660 {
                return Err(Error::policy(
                    format!("ledger.incidentLookbackDays[{i}]"),
                    "between 1 and 3660 days",
                ));
            }
        }
        if self
            .diff_size_buckets
            .windows(2)
            .any(|w| matches!(w, [a, b] if a >= b))
        {
            return Err(Error::policy(
                "ledger.diffSizeBuckets",
                "bucket bounds must increase",
            ));
        }
        Ok(())
    }
}
