//! Release decision and rollout plan (seed 004): prerequisites, the risk assessment matrix
//! reconciled with the RRS gate, the rollout strategy with its phases, the alternatives
//! considered, rollback triggers, method and time, and what to monitor.

use crate::gate::GateLevel;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "UPPERCASE")]
pub enum RolloutRisk {
    Low,
    Medium,
    High,
    Critical,
}

impl RolloutRisk {
    pub const ALL: [RolloutRisk; 4] = [Self::Low, Self::Medium, Self::High, Self::Critical];

    /// The serde name (what the decision's JSON says).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "LOW",
            Self::Medium => "MEDIUM",
            Self::High => "HIGH",
            Self::Critical => "CRITICAL",
        }
    }

    /// The risk level the gate level stands for.
    pub fn of_gate(level: GateLevel) -> Self {
        match level {
            GateLevel::G0 | GateLevel::G1 => Self::Low,
            GateLevel::G2 => Self::Medium,
            GateLevel::G3 => Self::High,
            GateLevel::G4 => Self::Critical,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RiskSource {
    Stricter,
    Matrix,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    Immediate,
    Canary,
    FeatureFlag,
    BlueGreen,
}

impl Strategy {
    pub const ALL: [Strategy; 4] = [
        Self::Immediate,
        Self::Canary,
        Self::FeatureFlag,
        Self::BlueGreen,
    ];

    /// The serde name (what the decision's JSON says).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Immediate => "immediate",
            Self::Canary => "canary",
            Self::FeatureFlag => "feature_flag",
            Self::BlueGreen => "blue_green",
        }
    }
}

/// What kind of change it is, for the risk matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeNature {
    /// Configuration only, no logic.
    Config,
    Logic,
    /// A new feature.
    Feature,
}

impl ChangeNature {
    pub const ALL: [ChangeNature; 3] = [Self::Config, Self::Logic, Self::Feature];

    /// The serde name (what the decision's JSON says).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Config => "config",
            Self::Logic => "logic",
            Self::Feature => "feature",
        }
    }
}

/// Request section `prerequisites`: the hard requirements of seed 004.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Prerequisites {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qa_gate_passed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_gate_passed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tests_passing: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_ahead_of_main: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RolloutPolicy {
    /// When true, a request without confirmed prerequisites aborts; otherwise they are
    /// checked only when the request states them.
    pub enforce_prerequisites: bool,
    /// Which risk level picks the strategy: the `stricter` of the matrix and the RRS gate,
    /// or the seed 004 `matrix` alone (the gate is still shown and compared).
    pub risk_source: RiskSource,
    /// Categories that make a non-config change CRITICAL (auth, payment, data migration).
    pub critical_categories: Vec<String>,
    /// File extensions of configuration files: a change touching only these (and docs) is
    /// configuration only, unless the request states its nature.
    pub config_extensions: Vec<String>,
    /// Fewer files than this can be LOW.
    pub low_max_files: usize,
    /// More files than this is HIGH.
    pub medium_max_files: usize,
    /// More users affected than this is HIGH.
    pub users_threshold: u64,
    /// Strategy for each risk level.
    pub strategy_by_risk: IndexMap<RolloutRisk, Strategy>,
    pub strategies: IndexMap<Strategy, StrategyRule>,
    /// Metrics always watched, and extra ones per category.
    pub monitoring: Vec<Arc<str>>,
    #[serde(default)]
    pub monitoring_by_category: IndexMap<String, Vec<Arc<str>>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StrategyRule {
    pub label: Arc<str>,
    pub when_to_use: Arc<str>,
    pub how: Arc<str>,
    pub phases: Vec<Phase>,
    pub rollback_method: Arc<str>,
    pub rollback_steps: Vec<Arc<str>>,
    pub estimated_rollback_minutes: u32,
    pub rollback_triggers: Vec<Arc<str>>,
    #[serde(default)]
    pub human_supervision: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Phase {
    pub name: Arc<str>,
    pub traffic_pct: u32,
    pub duration_minutes: u32,
    pub proceed_if: Arc<str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PrerequisiteCheck {
    pub passed: bool,
    /// Failing prerequisites, by name (`qaGatePassed`, …).
    pub failing: Vec<String>,
    /// False when the request stated no prerequisites and the policy does not enforce them.
    pub checked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Alternative {
    pub strategy: Strategy,
    pub label: Arc<str>,
    pub when_to_use: Arc<str>,
    pub why_not: String,
}

/// Decision section `rollout`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct RolloutPlan {
    pub prerequisites: PrerequisiteCheck,
    /// The effective risk level: the stricter of the matrix and the gate.
    pub risk_level: RolloutRisk,
    pub matrix_risk_level: RolloutRisk,
    pub gate_risk_level: RolloutRisk,
    pub risk_rationale: Vec<String>,
    /// How the matrix and the RRS gate compare, in words.
    pub reconciliation: String,
    pub nature: ChangeNature,
    pub blast_radius: String,
    pub strategy: Strategy,
    pub strategy_label: Arc<str>,
    pub strategy_rationale: String,
    pub human_supervision: bool,
    pub phases: Vec<Phase>,
    pub alternatives: Vec<Alternative>,
    pub rollback_triggers: Vec<Arc<str>>,
    pub rollback_method: Arc<str>,
    pub rollback_steps: Vec<Arc<str>>,
    pub estimated_rollback_minutes: u32,
    pub monitoring: Vec<Arc<str>>,
}

pub(crate) struct RolloutFacts<'a> {
    pub prerequisites: Option<&'a Prerequisites>,
    pub file_count: usize,
    pub categories: &'a [&'a str],
    pub nature: ChangeNature,
    pub nature_declared: bool,
    pub users_affected: Option<u64>,
    pub gate: GateLevel,
}

impl RolloutPolicy {
    /// The nature of a change when the request does not state it: configuration only when
    /// every file is docs or has a configuration extension, a feature when a feature release
    /// adds files, logic otherwise.
    pub(crate) fn infer_nature(
        &self,
        files: &[crate::request::FileChange],
        docs_only: &dyn Fn(usize) -> bool,
        feature_release: bool,
    ) -> ChangeNature {
        let config = |path: &str| {
            path.rsplit_once('.').is_some_and(|(_, ext)| {
                self.config_extensions
                    .iter()
                    .any(|e| e.eq_ignore_ascii_case(ext))
            })
        };
        // An empty change has no executable content: it counts as configuration only.
        if files
            .iter()
            .enumerate()
            .all(|(i, f)| docs_only(i) || config(&f.path))
        {
            ChangeNature::Config
        } else if feature_release
            && files
                .iter()
                .any(|f| f.status == crate::request::FileStatus::Added)
        {
            ChangeNature::Feature
        } else {
            ChangeNature::Logic
        }
    }

    pub(crate) fn plan(&self, facts: &RolloutFacts<'_>) -> RolloutPlan {
        let prerequisites = self.check_prerequisites(facts.prerequisites);
        let (matrix, mut rationale) = self.matrix(facts);
        let gate_risk = RolloutRisk::of_gate(facts.gate);
        let risk = match self.risk_source {
            RiskSource::Stricter => matrix.max(gate_risk),
            RiskSource::Matrix => matrix,
        };
        let reconciliation = if matrix == gate_risk {
            format!(
                "The risk matrix and the RRS gate agree: {} ({}).",
                matrix.as_str(),
                facts.gate
            )
        } else if self.risk_source == RiskSource::Matrix {
            format!(
                "The risk matrix says {} while the RRS gate {} stands for {}: this policy takes the matrix for the rollout; the gate's required checks still apply.",
                matrix.as_str(),
                facts.gate,
                gate_risk.as_str()
            )
        } else if gate_risk > matrix {
            format!(
                "The RRS gate {} (risk {}) is stricter than the matrix ({}): the gate's context, budget and tier weigh more than the file count, so {} applies.",
                facts.gate,
                gate_risk.as_str(),
                matrix.as_str(),
                risk.as_str()
            )
        } else {
            format!(
                "The risk matrix ({}) is stricter than the RRS gate {} (risk {}): the size or nature of the change weighs more, so {} applies.",
                matrix.as_str(),
                facts.gate,
                gate_risk.as_str(),
                risk.as_str()
            )
        };
        rationale.push(format!(
            "RRS gate {} corresponds to {}",
            facts.gate,
            gate_risk.as_str()
        ));
        let strategy = self
            .strategy_by_risk
            .get(&risk)
            .copied()
            .unwrap_or(Strategy::BlueGreen);
        let rule = self.strategies.get(&strategy);
        let alternatives = self
            .strategies
            .iter()
            .filter(|(s, _)| **s != strategy)
            .map(|(s, r)| Alternative {
                strategy: *s,
                label: r.label.clone(),
                when_to_use: r.when_to_use.clone(),
                why_not: why_not(*s, strategy, risk),
            })
            .collect();
        let mut monitoring = self.monitoring.clone();
        for category in facts.categories {
            if let Some(extra) = self.monitoring_by_category.get(*category) {
                for m in extra {
                    if !monitoring.contains(m) {
                        monitoring.push(m.clone());
                    }
                }
            }
        }
        let blast_radius = match risk {
            RolloutRisk::Low => "SMALL",
            RolloutRisk::Medium => "MEDIUM",
            RolloutRisk::High => "LARGE",
            RolloutRisk::Critical => "CRITICAL",
        };
        RolloutPlan {
            prerequisites,
            risk_level: risk,
            matrix_risk_level: matrix,
            gate_risk_level: gate_risk,
            risk_rationale: rationale,
            reconciliation,
            nature: facts.nature,
            blast_radius: String::from(blast_radius),
            strategy,
            strategy_label: rule.map(|r| r.label.clone()).unwrap_or_default(),
            strategy_rationale: format!(
                "{} risk → {}: {}",
                risk.as_str(),
                rule.map(|r| &*r.label).unwrap_or(strategy.as_str()),
                rule.map(|r| &*r.when_to_use).unwrap_or("")
            ),
            human_supervision: rule.is_some_and(|r| r.human_supervision),
            phases: rule.map(|r| r.phases.clone()).unwrap_or_default(),
            alternatives,
            rollback_triggers: rule
                .map(|r| r.rollback_triggers.clone())
                .unwrap_or_default(),
            rollback_method: rule.map(|r| r.rollback_method.clone()).unwrap_or_default(),
            rollback_steps: rule.map(|r| r.rollback_steps.clone()).unwrap_or_default(),
            estimated_rollback_minutes: rule.map_or(0, |r| r.estimated_rollback_minutes),
            monitoring,
        }
    }

    fn check_prerequisites(&self, given: Option<&Prerequisites>) -> PrerequisiteCheck {
        let checked = given.is_some() || self.enforce_prerequisites;
        if !checked {
            return PrerequisiteCheck {
                passed: true,
                failing: Vec::new(),
                checked: false,
            };
        }
        let p = given.cloned().unwrap_or_default();
        let failing: Vec<String> = [
            ("qaGatePassed", p.qa_gate_passed),
            ("securityGatePassed", p.security_gate_passed),
            ("testsPassing", p.tests_passing),
            ("branchAheadOfMain", p.branch_ahead_of_main),
        ]
        .into_iter()
        .filter(|(_, v)| *v != Some(true))
        .map(|(name, _)| name.to_owned())
        .collect();
        PrerequisiteCheck {
            passed: failing.is_empty(),
            failing,
            checked: true,
        }
    }

    /// The seed's risk assessment matrix, from CRITICAL down.
    fn matrix(&self, f: &RolloutFacts<'_>) -> (RolloutRisk, Vec<String>) {
        let mut why = Vec::new();
        let critical: Vec<&str> = f
            .categories
            .iter()
            .copied()
            .filter(|c| self.critical_categories.iter().any(|k| k == c))
            .collect();
        let nature_note = if f.nature_declared {
            "declared"
        } else {
            "inferred"
        };
        why.push(format!(
            "{} file(s) changed; nature {} ({})",
            f.file_count,
            f.nature.as_str(),
            nature_note
        ));
        if let Some(users) = f.users_affected {
            why.push(format!("{users} users affected"));
        }
        if !critical.is_empty() && f.nature != ChangeNature::Config {
            why.push(format!(
                "touches {}: auth, payment or data-migration changes are CRITICAL",
                critical.join(", ")
            ));
            return (RolloutRisk::Critical, why);
        }
        if !critical.is_empty() {
            why.push(format!(
                "touches {} but only as configuration",
                critical.join(", ")
            ));
        }
        let many_users = f.users_affected.is_some_and(|u| u > self.users_threshold);
        if f.file_count > self.medium_max_files || f.nature == ChangeNature::Feature || many_users {
            let mut reasons = Vec::new();
            if f.file_count > self.medium_max_files {
                reasons.push(format!("more than {} files", self.medium_max_files));
            }
            if f.nature == ChangeNature::Feature {
                reasons.push(String::from("a new feature"));
            }
            if many_users {
                reasons.push(format!("more than {} users affected", self.users_threshold));
            }
            why.push(format!("HIGH: {}", reasons.join(", ")));
            return (RolloutRisk::High, why);
        }
        if f.file_count < self.low_max_files && f.nature == ChangeNature::Config {
            why.push(format!(
                "LOW: fewer than {} files, configuration only",
                self.low_max_files
            ));
            return (RolloutRisk::Low, why);
        }
        why.push(format!(
            "MEDIUM: {} to {} files or logic changes",
            self.low_max_files, self.medium_max_files
        ));
        (RolloutRisk::Medium, why)
    }
}

fn why_not(alternative: Strategy, chosen: Strategy, risk: RolloutRisk) -> String {
    let rank = |s: Strategy| match s {
        Strategy::Immediate => 0,
        Strategy::Canary => 1,
        Strategy::FeatureFlag => 2,
        Strategy::BlueGreen => 3,
    };
    if rank(alternative) < rank(chosen) {
        format!("not enough containment for a {} risk change", risk.as_str())
    } else {
        format!("more ceremony than a {} risk change needs", risk.as_str())
    }
}
