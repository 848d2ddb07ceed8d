//! The Release Risk Score (RRS): base + diff risk + operational context - mitigations,
//! never below the floor. Every point is a contribution with its reason.

use serde::Serialize;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContributionKind {
    Base,
    Diff,
    Context,
    Mitigation,
    Floor,
}

impl ContributionKind {
    /// Every value, in declaration order.
    pub const ALL: [ContributionKind; 5] = [
        Self::Base,
        Self::Diff,
        Self::Context,
        Self::Mitigation,
        Self::Floor,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Contribution {
    pub kind: ContributionKind,
    pub id: Arc<str>,
    /// Signed: mitigations are negative.
    pub points: i64,
    pub label: Arc<str>,
    /// What triggered it: file paths, request fields.
    pub evidence: Arc<[Arc<str>]>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct RiskScore {
    /// The RRS in risk points; always the sum of the contributions.
    pub total: u32,
    pub contributions: Vec<Contribution>,
}

impl RiskScore {
    /// Builds the score from its contributions, adding a floor contribution when the
    /// raw sum is below `floor`.
    pub(crate) fn from_contributions(mut contributions: Vec<Contribution>, floor: u32) -> Self {
        let raw: i64 = contributions.iter().map(|c| c.points).sum();
        let floor_i = i64::from(floor);
        if raw < floor_i {
            contributions.push(Contribution {
                kind: ContributionKind::Floor,
                id: Arc::from("minimum_score"),
                points: floor_i - raw,
                label: Arc::from(format!(
                    "Minimum RRS floor: a change never scores below {floor} RP"
                )),
                evidence: Arc::from([Arc::from(format!("raw score {raw}"))]),
            });
        }
        let total = u32::try_from(raw.max(floor_i)).unwrap_or(u32::MAX);
        Self {
            total,
            contributions,
        }
    }

    pub fn points_of(&self, kind: ContributionKind) -> i64 {
        self.contributions
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| c.points)
            .sum()
    }
}
