//! Go/no-go release readiness (seed 002): checklist groups of gates, each mandatory or
//! conditional, each with its evidence. GO only when every applicable gate is green and no
//! unresolved SEV-1/SEV-2 exists.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReadinessPolicy {
    /// A NO-GO is a blocker `readiness_no_go` when true; informational otherwise.
    pub blocking: bool,
    pub groups: Vec<ReadinessGroup>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReadinessGroup {
    pub id: String,
    pub title: String,
    pub gates: Vec<ReadinessGateRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReadinessGateRule {
    pub id: String,
    pub title: String,
    /// Where the evidence comes from.
    pub evidence: String,
    /// Mandatory gates always apply. A conditional gate names its `condition` and applies
    /// only when the request declares that condition true.
    pub mandatory: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GateStatus {
    Green,
    Red,
    #[default]
    Unknown,
}

/// Request section `readiness`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReadinessInput {
    #[serde(default)]
    pub gates: BTreeMap<String, GateReport>,
    #[serde(default)]
    pub conditions: BTreeMap<String, bool>,
    #[serde(default)]
    pub unresolved_sev12: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GateReport {
    pub status: GateStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum GoNoGo {
    #[serde(rename = "GO")]
    Go,
    #[serde(rename = "NO-GO")]
    NoGo,
}

impl GoNoGo {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Go => "GO",
            Self::NoGo => "NO-GO",
        }
    }
}

/// Decision section `readiness`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReadinessOutcome {
    pub decision: GoNoGo,
    pub groups: Vec<GroupOutcome>,
    /// Ids of the applicable gates that are not green.
    pub failing: Vec<String>,
    pub unresolved_sev12: u32,
    pub blocking: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct GroupOutcome {
    pub id: String,
    pub title: String,
    pub pass: bool,
    pub gates: Vec<GateOutcome>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct GateOutcome {
    pub id: String,
    pub title: String,
    pub mandatory: bool,
    pub applicable: bool,
    pub status: GateStatus,
    /// The evidence reported in the request, or where it should come from.
    pub evidence: String,
}

impl ReadinessPolicy {
    /// Every gate id and condition id the policy defines.
    pub(crate) fn gate_ids(&self) -> impl Iterator<Item = &str> {
        self.groups
            .iter()
            .flat_map(|g| g.gates.iter().map(|r| r.id.as_str()))
    }

    pub(crate) fn condition_ids(&self) -> impl Iterator<Item = &str> {
        self.groups
            .iter()
            .flat_map(|g| g.gates.iter().filter_map(|r| r.condition.as_deref()))
    }

    pub fn evaluate(&self, input: &ReadinessInput) -> ReadinessOutcome {
        let mut failing = Vec::new();
        let groups =
            self.groups
                .iter()
                .map(|group| {
                    let gates: Vec<GateOutcome> = group
                        .gates
                        .iter()
                        .map(|rule| {
                            let applicable = rule.mandatory
                                || rule.condition.as_ref().is_some_and(|c| {
                                    input.conditions.get(c).copied().unwrap_or(false)
                                });
                            let report = input.gates.get(&rule.id);
                            let status = report.map(|r| r.status).unwrap_or_default();
                            if applicable && status != GateStatus::Green {
                                failing.push(rule.id.clone());
                            }
                            GateOutcome {
                                id: rule.id.clone(),
                                title: rule.title.clone(),
                                mandatory: rule.mandatory,
                                applicable,
                                status,
                                evidence: report
                                    .and_then(|r| r.evidence.clone())
                                    .unwrap_or_else(|| rule.evidence.clone()),
                            }
                        })
                        .collect();
                    let pass = gates
                        .iter()
                        .all(|g| !g.applicable || g.status == GateStatus::Green);
                    GroupOutcome {
                        id: group.id.clone(),
                        title: group.title.clone(),
                        pass,
                        gates,
                    }
                })
                .collect();
        let decision = if failing.is_empty() && input.unresolved_sev12 == 0 {
            GoNoGo::Go
        } else {
            GoNoGo::NoGo
        };
        ReadinessOutcome {
            decision,
            groups,
            failing,
            unresolved_sev12: input.unresolved_sev12,
            blocking: self.blocking,
        }
    }
}

/// The checklist as text, in the layout of the seed's "Sample release Go/No-Go output".
pub fn render_text(outcome: &ReadinessOutcome) -> String {
    // The seed's sample lines are 57 characters: title, dots, then PASS or FAIL.
    const WIDTH: usize = 57;
    let mut out = String::new();
    let _ = writeln!(out, "GO/NO-GO decision: {}", outcome.decision.as_str());
    for group in &outcome.groups {
        let verdict = if group.pass { "PASS" } else { "FAIL" };
        let title_len = group.title.chars().count();
        let dots = ".".repeat(WIDTH.saturating_sub(title_len + 2 + verdict.len()).max(3));
        let _ = writeln!(out, "{} {} {}", group.title, dots, verdict);
        for gate in &group.gates {
            let line = if !gate.applicable {
                format!("  - {} (not applicable)", gate.title)
            } else if gate.status == GateStatus::Green {
                format!("  ✓ {} ({})", gate.title, gate.evidence)
            } else {
                format!(
                    "  ✗ {} ({}: {})",
                    gate.title,
                    status_word(gate.status),
                    gate.evidence
                )
            };
            let _ = writeln!(out, "{line}");
        }
    }
    let sev = if outcome.unresolved_sev12 == 0 {
        String::from("none")
    } else {
        outcome.unresolved_sev12.to_string()
    };
    let _ = writeln!(out, "Unresolved SEV-1/SEV-2: {sev}");
    let _ = writeln!(out, "DECISION: {}", outcome.decision.as_str());
    out
}

fn status_word(status: GateStatus) -> &'static str {
    match status {
        GateStatus::Green => "green",
        GateStatus::Red => "red",
        GateStatus::Unknown => "no evidence",
    }
}
