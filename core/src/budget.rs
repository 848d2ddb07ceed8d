//! Risk budget status: how much capacity to take risk is left in the window.

use crate::policy::BudgetRules;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BudgetStatus {
    Green,
    Yellow,
    Red,
    Exhausted,
}

impl BudgetStatus {
    /// Every value, from the most room to none.
    pub const ALL: [BudgetStatus; 4] = [Self::Green, Self::Yellow, Self::Red, Self::Exhausted];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Green => "green",
            Self::Yellow => "yellow",
            Self::Red => "red",
            Self::Exhausted => "exhausted",
        }
    }

    /// The status of `remaining` risk points out of `allocated`.
    pub fn of(remaining: i64, allocated: u32, rules: &BudgetRules) -> Self {
        if remaining <= 0 || allocated == 0 {
            return Self::Exhausted;
        }
        let pct = remaining_pct(remaining, allocated);
        if pct < rules.red_below_pct {
            Self::Red
        } else if pct < rules.yellow_below_pct {
            Self::Yellow
        } else {
            Self::Green
        }
    }
}

/// Remaining budget as a percentage of the allocation (unrounded).
pub fn remaining_pct(remaining: i64, allocated: u32) -> f64 {
    if allocated == 0 {
        return 0.0;
    }
    // Exact: every remaining value a u32 budget can produce is far below 2^53.
    remaining as f64 * 100.0 / f64::from(allocated)
}

/// Rounds a percentage to two decimals for display; statuses use the exact value.
pub fn round_pct(pct: f64) -> f64 {
    (pct * 100.0).round() / 100.0
}

/// The budget before and after this change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct BudgetImpact {
    pub allocated: u32,
    pub consumed_before: u32,
    pub remaining_before: i64,
    pub remaining_pct_before: f64,
    pub status_before: BudgetStatus,
    /// Risk points this release consumes: the RRS plus any break-glass penalty.
    pub charge: u32,
    pub penalty: u32,
    pub remaining_after: i64,
    pub remaining_pct_after: f64,
    pub status_after: BudgetStatus,
    pub exceptions_this_window: u32,
}
