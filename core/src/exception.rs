//! Break-glass exceptions: when they are valid, what they waive, what they cost.

use crate::policy::BreakGlassRules;
use crate::request::ExceptionRequest;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ExceptionOutcome {
    pub reason: String,
    /// True when the exception waived at least one blocker.
    pub used: bool,
    pub valid: bool,
    /// Extra risk points charged for the unmanaged risk (0 unless used).
    pub penalty: u32,
    /// Date of the mandatory follow-up review (set only when used).
    pub follow_up_due: Option<NaiveDate>,
    pub problems: Vec<String>,
    /// Roles the policy required of the approvers.
    pub required_roles: Vec<String>,
}

/// The problems that make an exception invalid; empty when it is valid.
pub(crate) fn problems(
    exception: &ExceptionRequest,
    rules: &BreakGlassRules,
    customer_impacting: bool,
) -> Vec<String> {
    let mut problems = Vec::new();
    if !rules.reasons.contains_key(&exception.reason) {
        let known: Vec<&str> = rules.reasons.keys().map(String::as_str).collect();
        problems.push(format!(
            "reason '{}' is not an accepted break-glass reason ({})",
            exception.reason,
            known.join(", ")
        ));
    }
    if exception.rationale.trim().is_empty() {
        problems.push(String::from("a recorded rationale is required"));
    }
    for (i, approver) in exception.approvers.iter().enumerate() {
        if approver.name.trim().is_empty() {
            problems.push(format!("approver {} has no name", i + 1));
        }
    }
    for role in required_roles(rules, customer_impacting) {
        let named = exception
            .approvers
            .iter()
            .any(|a| a.role == role && !a.name.trim().is_empty());
        if !named {
            problems.push(format!("a named approver with role '{role}' is required"));
        }
    }
    problems
}

pub(crate) fn required_roles(rules: &BreakGlassRules, customer_impacting: bool) -> Vec<String> {
    let mut roles = rules.required_roles.clone();
    if customer_impacting {
        for role in &rules.customer_impacting_roles {
            if !roles.contains(role) {
                roles.push(role.clone());
            }
        }
    }
    roles
}

/// `ceil(pct% of score)`.
pub(crate) fn penalty(score: u32, pct: u32) -> u32 {
    let product = u64::from(score) * u64::from(pct);
    u32::try_from(product.div_ceil(100)).unwrap_or(u32::MAX)
}

/// The date `days` business days (Monday to Friday) after `start`.
pub fn add_business_days(start: NaiveDate, days: u32) -> NaiveDate {
    let mut date = start;
    let mut left = days;
    while left > 0 {
        date = match date.checked_add_days(Days::new(1)) {
            Some(next) => next,
            None => return date,
        };
        if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    date
}
