//! Staged release gates (seed 003): BUILD → QUALITY → SECURITY → SLO → POLICY → APPROVAL.
//! The first stage that does not pass stops the pipeline; the stages after it are reported
//! as not reached. Also the seed's error-budget modes and deployment strategy by service class.

use crate::request::{Approver, ReleaseType};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PipelinePolicy {
    /// A stopped pipeline is a blocker `pipeline_stage_failed` when true.
    pub blocking: bool,
    /// Error-budget modes, best first; the first whose `abovePct` the remaining budget
    /// exceeds applies (`null`: the mode for an exhausted budget).
    pub error_budget_modes: Vec<ErrorBudgetMode>,
    pub deployment_strategies: Vec<DeploymentStrategyRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ErrorBudgetMode {
    pub id: String,
    pub label: String,
    /// Applies when the remaining error budget is at least this percentage
    /// (strictly above when `exclusive`); `null` matches anything (the last resort).
    pub min_pct: Option<f64>,
    #[serde(default)]
    pub exclusive: bool,
    /// Release types allowed in this mode; `null` allows all.
    pub allowed_release_types: Option<Vec<ReleaseType>>,
    /// Approver roles the APPROVAL stage requires in this mode.
    #[serde(default)]
    pub required_approvals: Vec<String>,
    /// Extra checks this mode adds (for example an extended canary).
    #[serde(default)]
    pub requirements: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeploymentStrategyRule {
    pub service_class: ServiceClass,
    pub strategy: String,
    pub label: String,
    pub use_case: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ServiceClass {
    CriticalPath,
    Supporting,
    Stateful,
    InternalTool,
    GradualFeature,
}

impl ServiceClass {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CriticalPath => "critical_path",
            Self::Supporting => "supporting",
            Self::Stateful => "stateful",
            Self::InternalTool => "internal_tool",
            Self::GradualFeature => "gradual_feature",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StageResult {
    Passed,
    Failed,
    #[default]
    Pending,
}

/// Request section `pipeline`: results of the stages riskgate cannot compute itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PipelineInput {
    #[serde(default)]
    pub build: StageResult,
    #[serde(default)]
    pub quality: StageResult,
    #[serde(default)]
    pub security: StageResult,
    #[serde(default)]
    pub approvals: Vec<Approver>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StageStatus {
    Passed,
    Failed,
    Pending,
    NotReached,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct StageOutcome {
    pub id: String,
    pub status: StageStatus,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ModeOutcome {
    pub id: String,
    pub label: String,
    pub remaining_pct: Option<f64>,
    pub requirements: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DeploymentOutcome {
    pub service_class: ServiceClass,
    /// False when the class was given in the request, true when inferred.
    pub class_derived: bool,
    pub strategy: String,
    pub label: String,
    pub reason: String,
}

/// Decision section `pipeline`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PipelineOutcome {
    pub passed: bool,
    pub stopped_at: Option<String>,
    pub stages: Vec<StageOutcome>,
    pub error_budget_mode: Option<ModeOutcome>,
    pub deployment: Option<DeploymentOutcome>,
    pub blocking: bool,
}

/// What the pipeline needs to know of the rest of the evaluation.
pub(crate) struct PipelineFacts<'a> {
    pub release_type: ReleaseType,
    pub error_budget_remaining_pct: Option<f64>,
    /// Codes of the unwaived blockers found by the other rules.
    pub policy_blockers: &'a [String],
    pub service_class: Option<ServiceClass>,
    pub tier: u8,
    pub schema_change: bool,
    pub feature_flagged_feature: bool,
}

impl PipelinePolicy {
    fn mode_for(&self, remaining: f64) -> Option<&ErrorBudgetMode> {
        self.error_budget_modes.iter().find(|m| match m.min_pct {
            None => true,
            Some(min) if m.exclusive => remaining > min,
            Some(min) => remaining >= min,
        })
    }

    fn strategy_for(&self, class: ServiceClass) -> Option<&DeploymentStrategyRule> {
        self.deployment_strategies
            .iter()
            .find(|s| s.service_class == class)
    }

    pub(crate) fn evaluate(
        &self,
        input: &PipelineInput,
        facts: &PipelineFacts<'_>,
    ) -> PipelineOutcome {
        let mode = facts
            .error_budget_remaining_pct
            .and_then(|pct| self.mode_for(pct).map(|m| (m, pct)));
        let mut stages = Vec::new();
        let mut stopped_at: Option<String> = None;
        let mut push =
            |id: &str, status: StageStatus, reason: String, stages: &mut Vec<StageOutcome>| {
                let status = if stopped_at.is_some() {
                    StageStatus::NotReached
                } else {
                    status
                };
                let reason = if status == StageStatus::NotReached {
                    String::from("not reached: an earlier stage stopped the pipeline")
                } else {
                    reason
                };
                if matches!(status, StageStatus::Failed | StageStatus::Pending) {
                    stopped_at = Some(id.to_owned());
                }
                stages.push(StageOutcome {
                    id: id.to_owned(),
                    status,
                    reason,
                });
            };
        for (id, result) in [
            ("BUILD", input.build),
            ("QUALITY", input.quality),
            ("SECURITY", input.security),
        ] {
            let (status, reason) = match result {
                StageResult::Passed => (StageStatus::Passed, String::from("reported passed")),
                StageResult::Failed => (StageStatus::Failed, String::from("reported failed")),
                StageResult::Pending => {
                    (StageStatus::Pending, String::from("no result reported yet"))
                }
            };
            push(id, status, reason, &mut stages);
        }
        let (slo_status, slo_reason) = match mode {
            None => (
                StageStatus::Pending,
                String::from("no error budget data: the SLO gate cannot pass without it"),
            ),
            Some((m, pct)) => match &m.allowed_release_types {
                Some(allowed) if !allowed.contains(&facts.release_type) => (
                    StageStatus::Failed,
                    format!(
                        "error budget {}% remaining puts the service in {} mode ({}): a {} release is not allowed",
                        crate::budget::round_pct(pct),
                        m.id,
                        m.label,
                        facts.release_type.as_str()
                    ),
                ),
                _ => (
                    StageStatus::Passed,
                    format!(
                        "error budget {}% remaining: {} mode ({})",
                        crate::budget::round_pct(pct),
                        m.id,
                        m.label
                    ),
                ),
            },
        };
        push("SLO", slo_status, slo_reason, &mut stages);
        let (policy_status, policy_reason) = if facts.policy_blockers.is_empty() {
            (
                StageStatus::Passed,
                String::from("no release policy blocker"),
            )
        } else {
            (
                StageStatus::Failed,
                format!(
                    "release policy blockers: {}",
                    facts.policy_blockers.join(", ")
                ),
            )
        };
        push("POLICY", policy_status, policy_reason, &mut stages);
        let required: Vec<&String> = mode
            .map(|(m, _)| m.required_approvals.iter().collect())
            .unwrap_or_default();
        let missing: Vec<&str> = required
            .iter()
            .filter(|role| {
                !input
                    .approvals
                    .iter()
                    .any(|a| a.role == ***role && !a.name.trim().is_empty())
            })
            .map(|r| r.as_str())
            .collect();
        let (approval_status, approval_reason) = if missing.is_empty() {
            let why = if required.is_empty() {
                String::from("no approval required in this error-budget mode")
            } else {
                format!(
                    "approved by the required roles: {}",
                    required
                        .iter()
                        .map(|r| r.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            (StageStatus::Passed, why)
        } else {
            (
                StageStatus::Pending,
                format!("waiting for approval by: {}", missing.join(", ")),
            )
        };
        push("APPROVAL", approval_status, approval_reason, &mut stages);

        let deployment = self.deployment(facts);
        PipelineOutcome {
            passed: stopped_at.is_none(),
            stopped_at,
            stages,
            error_budget_mode: mode.map(|(m, pct)| ModeOutcome {
                id: m.id.clone(),
                label: m.label.clone(),
                remaining_pct: Some(crate::budget::round_pct(pct)),
                requirements: m.requirements.clone(),
            }),
            deployment,
            blocking: self.blocking,
        }
    }

    fn deployment(&self, facts: &PipelineFacts<'_>) -> Option<DeploymentOutcome> {
        let (class, derived, reason) = if facts.schema_change {
            (
                ServiceClass::Stateful,
                true,
                String::from("the change migrates a database schema"),
            )
        } else if let Some(class) = facts.service_class {
            (
                class,
                false,
                format!("the service is declared {}", class.as_str()),
            )
        } else if facts.feature_flagged_feature {
            (
                ServiceClass::GradualFeature,
                true,
                String::from("a feature shipped behind a feature flag"),
            )
        } else {
            let class = match facts.tier {
                3 | 2 => ServiceClass::CriticalPath,
                1 => ServiceClass::Supporting,
                _ => ServiceClass::InternalTool,
            };
            (class, true, format!("inferred from tier {}", facts.tier))
        };
        let rule = self.strategy_for(class)?;
        Some(DeploymentOutcome {
            service_class: class,
            class_derived: derived,
            strategy: rule.strategy.clone(),
            label: rule.label.clone(),
            reason: format!("{reason}; used for {}", rule.use_case),
        })
    }
}
