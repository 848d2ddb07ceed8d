//! The error-budget release gate (seed 001): SLO error budget status and burn rate decide
//! which risk levels may ship. `evaluate_release` of the seed is reproduced step by step,
//! in its order, with its default policy table.

use crate::error::Error;
use crate::gate::GateLevel;
use crate::request::ReleaseType;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// Error-budget status bands of seed 001.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorBudgetStatus {
    Healthy,
    Attention,
    Warning,
    Critical,
    Exhausted,
}

impl ErrorBudgetStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Healthy => "healthy",
            Self::Attention => "attention",
            Self::Warning => "warning",
            Self::Critical => "critical",
            Self::Exhausted => "exhausted",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

impl RiskLevel {
    /// Every value, lowest first.
    pub const ALL: [RiskLevel; 3] = [Self::Low, Self::Medium, Self::High];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }

    /// The default risk level of a change from its gate level: G0–G1 low, G2 medium, G3–G4 high.
    pub fn from_gate(level: GateLevel) -> Self {
        match level {
            GateLevel::G0 | GateLevel::G1 => Self::Low,
            GateLevel::G2 => Self::Medium,
            GateLevel::G3 | GateLevel::G4 => Self::High,
        }
    }

    fn capitalized(self) -> &'static str {
        match self {
            Self::Low => "Low",
            Self::Medium => "Medium",
            Self::High => "High",
        }
    }
}

/// Request section `errorBudget`: SLO measurements, or the figures already computed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ErrorBudgetInput {
    /// SLO target in percent, e.g. 99.9.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slo_target: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_days: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elapsed_days: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_events: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bad_events: Option<u64>,
    /// Given remaining error budget, percent (instead of the measurements).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_pct: Option<f64>,
    /// Given burn rate (1.0 = the budget lasts exactly the window).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub burn_rate: Option<f64>,
    /// An explicit status overrides the derived one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ErrorBudgetStatus>,
}

/// Remaining budget, burn rate and status, resolved from an [`ErrorBudgetInput`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ErrorBudgetMetrics {
    pub remaining_pct: f64,
    pub burn_rate: f64,
    pub status: ErrorBudgetStatus,
    pub status_derived: bool,
}

fn finite_non_negative(value: Option<f64>, path: &str) -> Result<Option<f64>, Error> {
    match value {
        Some(v) if !v.is_finite() || v < 0.0 => Err(Error::request(
            path,
            format!("{v} must be a finite, non-negative number"),
        )),
        other => Ok(other),
    }
}

impl ErrorBudgetInput {
    /// Computes remaining budget and burn rate as the SRE workbook defines them:
    /// burn rate = observed error ratio / (1 − SLO); the window's budget is
    /// (1 − SLO) × the events projected over the whole window, so
    /// remaining % = 100 × (1 − burn rate × elapsed / window).
    pub fn resolve(&self, policy: &ErrorBudgetGatePolicy) -> Result<ErrorBudgetMetrics, Error> {
        let (remaining_pct, burn_rate) = self.figures()?;
        let (status, status_derived) = match self.status {
            Some(s) => (s, false),
            None => (policy.status_of(remaining_pct, burn_rate), true),
        };
        Ok(ErrorBudgetMetrics {
            remaining_pct,
            burn_rate,
            status,
            status_derived,
        })
    }

    /// Remaining budget (percent, negative when overspent) and burn rate.
    pub fn figures(&self) -> Result<(f64, f64), Error> {
        let measured = [
            self.slo_target.is_some(),
            self.window_days.is_some(),
            self.elapsed_days.is_some(),
            self.total_events.is_some(),
            self.bad_events.is_some(),
        ];
        let any_measured = measured.iter().any(|m| *m);
        let given = self.remaining_pct.is_some() || self.burn_rate.is_some();
        let p = "errorBudget";
        let (remaining_pct, burn_rate) = if any_measured {
            if given {
                return Err(Error::request(
                    p,
                    "give either the SLO measurements (sloTarget, windowDays, elapsedDays, totalEvents, badEvents) or remainingPct and burnRate, not both",
                ));
            }
            let slo = finite_non_negative(self.slo_target, "errorBudget.sloTarget")?.ok_or_else(
                || {
                    Error::request(
                        "errorBudget.sloTarget",
                        "sloTarget is required with SLO measurements",
                    )
                },
            )?;
            if !(slo > 0.0 && slo < 100.0) {
                return Err(Error::request(
                    "errorBudget.sloTarget",
                    "sloTarget must be strictly between 0 and 100",
                ));
            }
            let window = finite_non_negative(self.window_days, "errorBudget.windowDays")?
                .ok_or_else(|| {
                    Error::request(
                        "errorBudget.windowDays",
                        "windowDays is required with SLO measurements",
                    )
                })?;
            if window <= 0.0 {
                return Err(Error::request(
                    "errorBudget.windowDays",
                    "windowDays must be positive",
                ));
            }
            let elapsed = finite_non_negative(self.elapsed_days, "errorBudget.elapsedDays")?
                .ok_or_else(|| {
                    Error::request(
                        "errorBudget.elapsedDays",
                        "elapsedDays is required with SLO measurements",
                    )
                })?;
            if elapsed <= 0.0 || elapsed > window {
                return Err(Error::request(
                    "errorBudget.elapsedDays",
                    "elapsedDays must be above 0 and at most windowDays",
                ));
            }
            let total = self.total_events.ok_or_else(|| {
                Error::request(
                    "errorBudget.totalEvents",
                    "totalEvents is required with SLO measurements",
                )
            })?;
            let bad = self.bad_events.ok_or_else(|| {
                Error::request(
                    "errorBudget.badEvents",
                    "badEvents is required with SLO measurements",
                )
            })?;
            if total == 0 {
                return Err(Error::request(
                    "errorBudget.totalEvents",
                    "totalEvents must be at least 1",
                ));
            }
            if bad > total {
                return Err(Error::request(
                    "errorBudget.badEvents",
                    "badEvents cannot exceed totalEvents",
                ));
            }
            #[expect(
                clippy::cast_precision_loss,
                reason = "event counts are far below 2^53 in practice; the ratio is a float anyway"
            )]
            let ratio = bad as f64 / total as f64;
            let burn = settle(ratio / ((100.0 - slo) / 100.0));
            let remaining = settle(100.0 * (1.0 - burn * elapsed / window));
            (remaining, burn)
        } else {
            let remaining = finite_or_err(self.remaining_pct, "errorBudget.remainingPct")?
                .ok_or_else(|| {
                    Error::request(
                        "errorBudget.remainingPct",
                        "remainingPct is required (or give the SLO measurements)",
                    )
                })?;
            if remaining > 100.0 {
                return Err(Error::request(
                    "errorBudget.remainingPct",
                    "remainingPct cannot exceed 100",
                ));
            }
            let burn =
                finite_non_negative(self.burn_rate, "errorBudget.burnRate")?.ok_or_else(|| {
                    Error::request(
                        "errorBudget.burnRate",
                        "burnRate is required with remainingPct",
                    )
                })?;
            (remaining, burn)
        };
        Ok((remaining_pct, burn_rate))
    }
}

fn finite_or_err(value: Option<f64>, path: &str) -> Result<Option<f64>, Error> {
    match value {
        Some(v) if !v.is_finite() => Err(Error::request(path, "must be a finite number")),
        other => Ok(other),
    }
}

/// Policy of the error-budget gate (seed 001 `_default_policy` plus its YAML escalation).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ErrorBudgetGatePolicy {
    /// A disapproval is a blocker `error_budget_gate` when true; informational otherwise.
    pub blocking: bool,
    /// Status bands by remaining budget: the first band whose `minPct` the remaining
    /// percentage reaches (`exhausted` at or below 0).
    pub bands: ErrorBudgetBands,
    /// A burn rate at or above this makes the status critical.
    pub critical_burn_rate: f64,
    pub gates: IndexMap<ErrorBudgetStatus, StatusGate>,
    /// Release types that are always allowed.
    pub exception_release_types: Vec<ReleaseType>,
    pub escalation: Vec<Escalation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ErrorBudgetBands {
    pub healthy: f64,
    pub attention: f64,
    pub warning: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusGate {
    pub min_budget_pct: f64,
    /// `null` means no limit (the seed's `float('inf')`).
    pub max_burn_rate: Option<f64>,
    pub allowed_risk_levels: Vec<RiskLevel>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Escalation {
    pub id: String,
    /// Triggers when the remaining budget is at or below this percentage.
    pub at_or_below_pct: f64,
    pub notify: Vec<String>,
    pub action: String,
}

impl ErrorBudgetGatePolicy {
    pub fn status_of(&self, remaining_pct: f64, burn_rate: f64) -> ErrorBudgetStatus {
        let band = if remaining_pct <= 0.0 {
            ErrorBudgetStatus::Exhausted
        } else if remaining_pct >= self.bands.healthy {
            ErrorBudgetStatus::Healthy
        } else if remaining_pct >= self.bands.attention {
            ErrorBudgetStatus::Attention
        } else if remaining_pct >= self.bands.warning {
            ErrorBudgetStatus::Warning
        } else {
            ErrorBudgetStatus::Critical
        };
        let fast_burn = burn_rate >= self.critical_burn_rate;
        match band {
            ErrorBudgetStatus::Healthy
            | ErrorBudgetStatus::Attention
            | ErrorBudgetStatus::Warning
                if fast_burn =>
            {
                ErrorBudgetStatus::Critical
            }
            other => other,
        }
    }

    pub(crate) fn validate(&self, path: &str) -> Result<(), Error> {
        let b = self.bands;
        if !(b.healthy >= b.attention && b.attention >= b.warning && b.warning >= 0.0) {
            return Err(Error::policy(
                format!("{path}.bands"),
                "bands must not increase from healthy to warning",
            ));
        }
        for status in [
            ErrorBudgetStatus::Healthy,
            ErrorBudgetStatus::Attention,
            ErrorBudgetStatus::Warning,
            ErrorBudgetStatus::Critical,
            ErrorBudgetStatus::Exhausted,
        ] {
            if !self.gates.contains_key(&status) {
                return Err(Error::policy(
                    format!("{path}.gates"),
                    format!("the gate for status '{}' is missing", status.as_str()),
                ));
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Condition {
    pub code: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct EscalationNotice {
    pub id: String,
    pub at_or_below_pct: f64,
    pub notify: Vec<String>,
    pub action: String,
}

/// Decision section `errorBudgetGate`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ErrorBudgetGateOutcome {
    pub status: ErrorBudgetStatus,
    /// True when the status came from the bands, false when the request stated it.
    pub status_derived: bool,
    pub remaining_pct: f64,
    pub burn_rate: f64,
    pub risk_level: RiskLevel,
    /// True when the risk level was derived from the gate level.
    pub risk_level_derived: bool,
    pub approved: bool,
    pub reason_code: String,
    pub reason: String,
    pub alternative: Option<String>,
    pub conditions: Vec<Condition>,
    pub blocking: bool,
    pub escalations: Vec<EscalationNotice>,
}

/// Python's `f'{x:.1f}'` for the reasons (round half to even on the binary value, as Python does).
fn one_decimal(x: f64) -> String {
    format!("{x:.1}")
}

/// Python's `str()` of a budget percentage from the seed's table, where they are ints (`50`).
fn py_pct(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// Python's `str()` of a burn rate from the seed's table, where they are floats (`2.0`, `1.5`).
fn py_float(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.1}")
    } else {
        format!("{x}")
    }
}

/// Rounds away binary noise (1 − 0.999 is not 0.001 in floating point), so a budget that
/// is exactly at a band boundary by hand is at it here too; and never shows −0.
fn settle(x: f64) -> f64 {
    let r = (x * 1e9).round() / 1e9;
    if r == 0.0 { 0.0 } else { r }
}

/// `evaluate_release` of seed 001, step by step.
pub fn evaluate_release(
    policy: &ErrorBudgetGatePolicy,
    metrics: &ErrorBudgetMetrics,
    risk_level: RiskLevel,
    risk_level_derived: bool,
    release_type: ReleaseType,
    has_tests: bool,
    has_rollback_plan: bool,
) -> ErrorBudgetGateOutcome {
    let escalations = policy
        .escalation
        .iter()
        .filter(|e| metrics.remaining_pct <= e.at_or_below_pct)
        .map(|e| EscalationNotice {
            id: e.id.clone(),
            at_or_below_pct: e.at_or_below_pct,
            notify: e.notify.clone(),
            action: e.action.clone(),
        })
        .collect();
    let mut out = ErrorBudgetGateOutcome {
        status: metrics.status,
        status_derived: metrics.status_derived,
        remaining_pct: crate::budget::round_pct(metrics.remaining_pct),
        burn_rate: crate::budget::round_pct(metrics.burn_rate),
        risk_level,
        risk_level_derived,
        approved: false,
        reason_code: String::new(),
        reason: String::new(),
        alternative: None,
        conditions: Vec::new(),
        blocking: policy.blocking,
        escalations,
    };
    if policy.exception_release_types.contains(&release_type) {
        out.approved = true;
        out.reason_code = String::from("exception_release");
        out.reason = format!(
            "Exception: {} releases always allowed",
            release_type.as_str()
        );
        out.conditions = vec![
            Condition {
                code: String::from("monitor_closely"),
                text: String::from("Monitor closely"),
            },
            Condition {
                code: String::from("rollback_ready"),
                text: String::from("Have rollback ready"),
            },
        ];
        return out;
    }
    let Some(gate) = policy.gates.get(&metrics.status) else {
        out.reason_code = String::from("no_gate_for_status");
        out.reason = format!(
            "The policy has no gate for status {}",
            metrics.status.as_str()
        );
        return out;
    };
    if !gate.allowed_risk_levels.contains(&risk_level) {
        out.reason_code = String::from("risk_level_not_allowed");
        out.reason = format!(
            "{} risk releases not allowed when budget status is {}",
            risk_level.capitalized(),
            metrics.status.as_str()
        );
        out.alternative = Some(String::from(
            "Defer until budget improves or reduce risk level",
        ));
        return out;
    }
    if metrics.remaining_pct < gate.min_budget_pct {
        out.reason_code = String::from("insufficient_budget");
        out.reason = format!(
            "Insufficient error budget: {}% < {}%",
            one_decimal(metrics.remaining_pct),
            py_pct(gate.min_budget_pct)
        );
        out.alternative = Some(String::from("Wait for budget to recover"));
        return out;
    }
    if let Some(max) = gate.max_burn_rate
        && metrics.burn_rate > max
    {
        out.reason_code = String::from("burn_rate_too_high");
        out.reason = format!(
            "Burn rate too high: {}x > {}x",
            one_decimal(metrics.burn_rate),
            py_float(max)
        );
        out.alternative = Some(String::from("Reduce error rate before new releases"));
        return out;
    }
    if !has_tests {
        out.conditions.push(Condition {
            code: String::from("no_tests"),
            text: String::from("WARNING: No tests detected. Strongly recommend adding tests."),
        });
    }
    if !has_rollback_plan {
        out.conditions.push(Condition {
            code: String::from("rollback_plan_required"),
            text: String::from("REQUIRED: Must have rollback plan documented"),
        });
    }
    out.approved = true;
    out.reason_code = String::from("allowed");
    out.reason = format!(
        "Budget policy allows {} risk releases when status is {}",
        risk_level.as_str(),
        metrics.status.as_str()
    );
    out
}
