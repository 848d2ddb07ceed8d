//! Gate levels G0 to G4 and how one is selected for a change.

use crate::policy::Policy;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum GateLevel {
    G0,
    G1,
    G2,
    G3,
    G4,
}

impl GateLevel {
    pub const ALL: [GateLevel; 5] = [Self::G0, Self::G1, Self::G2, Self::G3, Self::G4];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::G0 => "G0",
            Self::G1 => "G1",
            Self::G2 => "G2",
            Self::G3 => "G3",
            Self::G4 => "G4",
        }
    }

    /// What the level is for, in the words of the gate model.
    pub fn title(self) -> &'static str {
        match self {
            Self::G0 => "no-risk / administrative",
            Self::G1 => "low risk",
            Self::G2 => "moderate risk",
            Self::G3 => "high risk",
            Self::G4 => "very high risk",
        }
    }

    /// The level `steps` above this one, capped at G4.
    pub fn raised(self, steps: u8) -> Self {
        let index = (self as usize).saturating_add(usize::from(steps));
        Self::ALL.get(index).copied().unwrap_or(Self::G4)
    }
}

impl fmt::Display for GateLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One step of gate tightening, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct GateAdjustment {
    pub from: GateLevel,
    pub to: GateLevel,
    pub reason: Arc<str>,
    /// The modifier of the policy that applied.
    pub rule: Arc<str>,
    pub explanation: Arc<str>,
}

/// A check the gate level requires before release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Requirement {
    pub id: Arc<str>,
    pub text: Arc<str>,
    pub level: GateLevel,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Gate {
    pub level: GateLevel,
    pub base_level: GateLevel,
    /// Why the base level is what it is.
    pub base_reason: String,
    pub adjustments: Vec<GateAdjustment>,
    pub requirements: Vec<Requirement>,
}

/// The level before modifiers: G0 for a change that only touches docs-only categories,
/// otherwise the band the score falls in.
pub(crate) fn base_level(policy: &Policy, score: u32, categories: &[&str]) -> (GateLevel, String) {
    let docs_only = categories
        .iter()
        .all(|c| policy.gates.docs_only_categories.iter().any(|d| d == c));
    if docs_only {
        let why = if categories.is_empty() {
            String::from("the change touches no files and declares no category")
        } else {
            format!(
                "every category of the change is docs-only ({})",
                categories.join(", ")
            )
        };
        return (GateLevel::G0, why);
    }
    let level = policy.level_for_score(score);
    let t = policy.gates.thresholds;
    let band = match level {
        GateLevel::G0 | GateLevel::G1 => format!("below {}", t.g2),
        GateLevel::G2 => format!("{}-{}", t.g2, t.g3.saturating_sub(1)),
        GateLevel::G3 => format!("{}-{}", t.g3, t.g4.saturating_sub(1)),
        GateLevel::G4 => format!("{} or more", t.g4),
    };
    (
        level,
        format!("RRS {score} RP falls in the {level} band ({band} RP)"),
    )
}
