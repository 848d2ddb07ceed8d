//! The evaluation request: the change, the service it ships to, and the state around it.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Request {
    pub service: Service,
    pub change: Change,
    #[serde(default)]
    pub context: Context,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetSnapshot>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exception: Option<ExceptionRequest>,
    /// The instant of the evaluation. Core never reads the clock: callers pass it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now: Option<DateTime<FixedOffset>>,
    /// A policy document (preset plus overrides); the default preset when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<serde_json::Value>,
    /// The budget ledger (entries or JSON Lines text), instead of `budget`: the budget,
    /// exceptions this window and recent Sev1/Sev2 are derived from it at `now`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ledger: Option<crate::ledger::LedgerInput>,
    /// SLO error budget (seed 001): measurements or computed figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_budget: Option<crate::error_budget::ErrorBudgetInput>,
    /// Go/no-go checklist evidence (seed 002).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness: Option<crate::readiness::ReadinessInput>,
    /// Results of the pipeline stages riskgate cannot compute (seed 003).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline: Option<crate::pipeline::PipelineInput>,
    /// Hard prerequisites of the release decision (seed 004).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prerequisites: Option<crate::rollout::Prerequisites>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Service {
    pub name: String,
    pub tier: u8,
    /// Service class for the deployment strategy (seed 003); inferred from the tier when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<crate::pipeline::ServiceClass>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Change {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default)]
    pub release_type: ReleaseType,
    #[serde(default)]
    pub files: Vec<FileChange>,
    /// Categories declared by a person, added to the detected ones.
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub mitigations: Vec<String>,
    #[serde(default)]
    pub customer_impacting: bool,
    /// Risk level for the error-budget gate; derived from the gate level when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_level: Option<crate::error_budget::RiskLevel>,
    /// Whether the change has tests (seed 001 condition `no_tests`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_tests: Option<bool>,
    /// Whether a rollback plan is documented (seed 001 condition `rollback_plan_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_rollback_plan: Option<bool>,
    /// Config only, logic, or a new feature (seed 004 risk matrix); inferred when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nature: Option<crate::rollout::ChangeNature>,
    /// Users the change affects (seed 004 risk matrix).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users_affected: Option<u64>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReleaseType {
    #[default]
    Feature,
    Bugfix,
    IncidentFix,
    SecurityFix,
    CriticalSecurityFix,
    SloImprovement,
    Rollback,
    Chore,
}

impl ReleaseType {
    pub const ALL: [ReleaseType; 8] = [
        Self::Feature,
        Self::Bugfix,
        Self::IncidentFix,
        Self::SecurityFix,
        Self::CriticalSecurityFix,
        Self::SloImprovement,
        Self::Rollback,
        Self::Chore,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Feature => "feature",
            Self::Bugfix => "bugfix",
            Self::IncidentFix => "incident_fix",
            Self::SecurityFix => "security_fix",
            Self::CriticalSecurityFix => "critical_security_fix",
            Self::SloImprovement => "slo_improvement",
            Self::Rollback => "rollback",
            Self::Chore => "chore",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FileChange {
    // Shared, not copied, by the decision's file list, its categories and the score's
    // evidence.
    pub path: std::sync::Arc<str>,
    #[serde(default)]
    pub status: FileStatus,
    /// The previous path of a renamed or copied file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_path: Option<String>,
    #[serde(default)]
    pub additions: u32,
    #[serde(default)]
    pub deletions: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    Added,
    #[default]
    Modified,
    Deleted,
    Renamed,
    Copied,
    TypeChanged,
}

impl FileStatus {
    /// Every value, in declaration order.
    pub const ALL: [FileStatus; 6] = [
        Self::Added,
        Self::Modified,
        Self::Deleted,
        Self::Renamed,
        Self::Copied,
        Self::TypeChanged,
    ];

    /// The status as JSON names it (its serde name: `added`, `type_changed`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Modified => "modified",
            Self::Deleted => "deleted",
            Self::Renamed => "renamed",
            Self::Copied => "copied",
            Self::TypeChanged => "type_changed",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Context {
    #[serde(default)]
    pub active_incident: bool,
    /// A Sev1 or Sev2 incident in the last 7 days.
    #[serde(default)]
    pub recent_sev12: bool,
    /// SLO error budget remaining, 0 to 100; unknown when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_budget_remaining_pct: Option<f64>,
    #[serde(default)]
    pub on_call_load_high: bool,
    /// Release during a holiday or freeze window.
    #[serde(default)]
    pub restricted_window: bool,
}

/// The risk budget of the current window, before this change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BudgetSnapshot {
    /// Defaults to the tier's monthly budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocated: Option<u32>,
    #[serde(default)]
    pub consumed: u32,
    #[serde(default)]
    pub exceptions_this_window: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExceptionRequest {
    pub reason: String,
    #[serde(default)]
    pub rationale: String,
    #[serde(default)]
    pub approvers: Vec<Approver>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Approver {
    pub name: String,
    pub role: String,
}
