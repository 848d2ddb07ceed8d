//! The policy document: every number, threshold, glob and rule the engine applies.
//!
//! A request names a built-in preset (`"preset": "stella-ops"`) and may override
//! any field of it; overrides are applied as a JSON merge patch (RFC 7396), so maps
//! (tiers, categories, mitigations) merge key by key, `null` removes a key, and lists
//! are replaced whole. The merged document is then checked strictly: unknown fields
//! and inconsistent references are errors, never silent defaults.

use crate::budget::BudgetStatus;
use crate::error::{Error, ErrorKind, from_json_str};
use crate::gate::GateLevel;
use crate::request::ReleaseType;
use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The only policy document version this engine reads.
pub const POLICY_VERSION: u32 = 1;

/// The preset used when a request or policy names none.
pub const DEFAULT_PRESET: &str = "stella-ops";

const STELLA_OPS: &str = include_str!("../policies/stella-ops.json");

/// Built-in presets other than the default, each a merge patch over `stella-ops`.
const PRESET_PATCHES: [(&str, &str); 5] = [
    (
        "error-budget",
        include_str!("../policies/error-budget.json"),
    ),
    (
        "release-readiness",
        include_str!("../policies/release-readiness.json"),
    ),
    ("companyos", include_str!("../policies/companyos.json")),
    (
        "release-decision",
        include_str!("../policies/release-decision.json"),
    ),
    ("full", include_str!("../policies/full.json")),
];

/// Names of the built-in presets, in the order they are documented.
pub fn preset_names() -> Vec<&'static str> {
    std::iter::once(DEFAULT_PRESET)
        .chain(PRESET_PATCHES.iter().map(|(name, _)| *name))
        .collect()
}

/// The complete document of a preset: `stella-ops` with the preset's patch applied.
fn preset_document(name: &str) -> Result<Value, Error> {
    let parse = |text: &str| {
        serde_json::from_str::<Value>(text).map_err(|e| {
            Error::new(
                ErrorKind::Internal,
                "preset",
                format!("built-in preset '{name}' is malformed: {e}"),
            )
        })
    };
    let mut base = parse(STELLA_OPS)?;
    if name == DEFAULT_PRESET {
        return Ok(base);
    }
    let patch = PRESET_PATCHES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .ok_or_else(|| {
            Error::policy(
                "preset",
                format!(
                    "unknown preset '{name}'; known presets: {}",
                    preset_names().join(", ")
                ),
            )
        })?;
    merge_patch(&mut base, parse(patch)?);
    Ok(base)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    pub version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub tiers: BTreeMap<u8, TierRule>,
    /// Glob matching ignores letter case unless this is true.
    pub match_case: bool,
    /// The category of a file no rule matches.
    pub fallback_category: String,
    pub categories: IndexMap<String, CategoryRule>,
    pub context: ContextRules,
    pub mitigations: IndexMap<String, MitigationRule>,
    /// The Release Risk Score never goes below this floor.
    pub minimum_score: u32,
    pub gates: GateRules,
    pub budget: BudgetRules,
    pub modifiers: Vec<Modifier>,
    pub blockers: BlockerRules,
    pub break_glass: BreakGlassRules,
    /// The budget ledger: windows, earned capacity, MTTR targets, metric buckets.
    pub ledger: crate::ledger::LedgerRules,
    /// The error-budget release gate of seed 001; absent: not evaluated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_budget_gate: Option<crate::error_budget::ErrorBudgetGatePolicy>,
    /// The go/no-go readiness checklist of seed 002; absent: not evaluated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness: Option<crate::readiness::ReadinessPolicy>,
    /// The staged release pipeline of seed 003; absent: not evaluated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline: Option<crate::pipeline::PipelinePolicy>,
    /// The rollout decision of seed 004; absent: no rollout plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollout: Option<crate::rollout::RolloutPolicy>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TierRule {
    pub label: Arc<str>,
    /// Base risk points every change of a service of this tier starts with.
    pub base: u32,
    /// Default risk budget per monthly window, in risk points.
    pub monthly_budget: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CategoryRule {
    pub label: Arc<str>,
    pub points: u32,
    pub high_risk: bool,
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContextFactor {
    pub label: Arc<str>,
    pub points: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ErrorBudgetFactor {
    pub label: Arc<str>,
    pub points: u32,
    /// Points apply when the SLO error budget remaining is strictly below this percentage.
    pub below_pct: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContextRules {
    pub incident: ContextFactor,
    pub error_budget_low: ErrorBudgetFactor,
    pub on_call_load_high: ContextFactor,
    pub restricted_window: ContextFactor,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MitigationRule {
    pub label: Arc<str>,
    /// Points subtracted from the score when the mitigation is in place.
    pub points: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GateThresholds {
    #[serde(rename = "G1")]
    pub g1: u32,
    #[serde(rename = "G2")]
    pub g2: u32,
    #[serde(rename = "G3")]
    pub g3: u32,
    #[serde(rename = "G4")]
    pub g4: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GateRules {
    /// A change whose categories all belong to this set is G0.
    pub docs_only_categories: Vec<String>,
    /// Minimum Release Risk Score for each gate level.
    pub thresholds: GateThresholds,
    pub requirements: Vec<RequirementRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequirementRule {
    pub id: Arc<str>,
    /// The lowest gate level that requires this check (requirements are cumulative).
    pub level: GateLevel,
    pub text: Arc<str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
}

/// A condition on the facts of one evaluation. Every stated field must hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Condition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_status: Option<Vec<BudgetStatus>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exceptions_at_least: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories_any: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_impacting: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_types: Option<Vec<ReleaseType>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BudgetRules {
    /// Yellow when the remaining budget percentage is strictly below this.
    pub yellow_below_pct: f64,
    /// Red when the remaining budget percentage is strictly below this.
    pub red_below_pct: f64,
}

/// Raises the gate by `raise` levels (never above G4) for changes at or above `from_level`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Modifier {
    pub id: Arc<str>,
    /// Short reason recorded in the gate adjustment.
    pub reason: Arc<str>,
    /// The rule in plain words, for reports.
    #[serde(default)]
    pub explanation: Arc<str>,
    pub when: Condition,
    pub from_level: GateLevel,
    pub raise: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BlockerRules {
    #[serde(default)]
    pub budget_red_high_risk: Option<HighRiskFreeze>,
    #[serde(default)]
    pub budget_exhausted: Option<ExhaustedFreeze>,
    #[serde(default)]
    pub incident_freeze: Option<IncidentFreeze>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HighRiskFreeze {
    pub budget_status: Vec<BudgetStatus>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExhaustedFreeze {
    pub budget_status: Vec<BudgetStatus>,
    pub allowed_release_types: Vec<ReleaseType>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IncidentFreeze {
    /// The freeze also applies when the SLO error budget remaining is strictly below this.
    pub error_budget_below_pct: f64,
    pub blocked_release_types: Vec<ReleaseType>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "serde-readers", derive(serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BreakGlassRules {
    /// Accepted exception reasons and their meaning.
    pub reasons: IndexMap<String, String>,
    /// Roles that must all be among the approvers.
    pub required_roles: Vec<String>,
    /// Roles additionally required when the change is customer-impacting.
    pub customer_impacting_roles: Vec<String>,
    /// Budget penalty, as a percentage of the RRS (rounded up), added to the charge.
    pub penalty_pct: u32,
    /// Follow-up review due this many business days (Monday to Friday) after `now`.
    pub follow_up_business_days: u32,
}

impl Policy {
    /// The built-in policy of a preset, unmodified.
    pub fn preset(name: &str) -> Result<Self, Error> {
        Self::from_document(Value::Object(serde_json::Map::from_iter([(
            String::from("preset"),
            Value::String(name.to_owned()),
        )])))
    }

    /// Reads a policy document (JSON text): a preset plus overrides, or a complete policy.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        crate::limits::check_input(text)?;
        let doc: Value = from_json_str(text, ErrorKind::InvalidPolicy)?;
        Self::from_document(doc)
    }

    /// Resolves a policy document: `preset` (default `stella-ops`) merged with the other fields.
    pub fn from_document(doc: Value) -> Result<Self, Error> {
        let Value::Object(mut overrides) = doc else {
            return Err(Error::policy("", "a policy document must be a JSON object"));
        };
        let preset = match overrides.shift_remove("preset") {
            None | Some(Value::Null) => DEFAULT_PRESET.to_owned(),
            Some(Value::String(name)) => name,
            Some(_) => return Err(Error::policy("preset", "preset must be a string")),
        };
        if preset == DEFAULT_PRESET && overrides.is_empty() {
            // The default policy as it stands, read straight from its text: this is the
            // first thing a cold process (a CI run, a page load) does.
            let policy: Policy =
                crate::direct::read_explained(STELLA_OPS, ErrorKind::InvalidPolicy)?;
            policy.validate()?;
            return Ok(policy);
        }
        let mut base = preset_document(&preset)?;
        if let Some(version) = overrides.get("version")
            && version.as_u64() != Some(u64::from(POLICY_VERSION))
        {
            return Err(Error::policy(
                "version",
                format!(
                    "unsupported policy version {version}; this engine reads version {POLICY_VERSION}"
                ),
            ));
        }
        merge_patch(&mut base, Value::Object(overrides));
        // The merged document's compact text: what the reader reads, and what its error
        // paths name positions in (no position in the message: the user never saw it).
        let policy: Policy =
            crate::direct::read_explained(&base.to_string(), ErrorKind::InvalidPolicy)?;
        policy.validate()?;
        Ok(policy)
    }

    /// The policy as a pretty JSON document (what `policy init` writes).
    pub fn to_json(&self) -> String {
        crate::json::to_pretty_string(self).unwrap_or_default()
    }

    pub fn category(&self, id: &str) -> Option<&CategoryRule> {
        self.categories.get(id)
    }

    /// The gate level a score maps to, before modifiers.
    pub fn level_for_score(&self, score: u32) -> GateLevel {
        let t = &self.gates.thresholds;
        if score >= t.g4 {
            GateLevel::G4
        } else if score >= t.g3 {
            GateLevel::G3
        } else if score >= t.g2 {
            GateLevel::G2
        } else {
            GateLevel::G1
        }
    }

    fn validate(&self) -> Result<(), Error> {
        if self.version != POLICY_VERSION {
            return Err(Error::policy(
                "version",
                format!(
                    "unsupported policy version {}; this engine reads version {POLICY_VERSION}",
                    self.version
                ),
            ));
        }
        if self.tiers.is_empty() {
            return Err(Error::policy("tiers", "at least one tier must be defined"));
        }
        for (tier, rule) in &self.tiers {
            if rule.monthly_budget == 0 {
                return Err(Error::policy(
                    format!("tiers.{tier}.monthlyBudget"),
                    "the monthly budget must be at least 1 risk point",
                ));
            }
        }
        if self.categories.is_empty() {
            return Err(Error::policy(
                "categories",
                "at least one category must be defined",
            ));
        }
        for (id, _) in &self.categories {
            check_identifier(id, &format!("categories.{id}"))?;
        }
        for (id, _) in &self.mitigations {
            check_identifier(id, &format!("mitigations.{id}"))?;
        }
        self.check_category(&self.fallback_category, "fallbackCategory")?;
        for (i, id) in self.gates.docs_only_categories.iter().enumerate() {
            self.check_category(id, &format!("gates.docsOnlyCategories[{i}]"))?;
        }
        let t = self.gates.thresholds;
        if !(t.g1 <= t.g2 && t.g2 <= t.g3 && t.g3 <= t.g4) {
            return Err(Error::policy(
                "gates.thresholds",
                "thresholds must not decrease from G1 to G4",
            ));
        }
        for (i, req) in self.gates.requirements.iter().enumerate() {
            if req.id.trim().is_empty() {
                return Err(Error::policy(
                    format!("gates.requirements[{i}].id"),
                    "a requirement needs an id",
                ));
            }
            if let Some(when) = &req.when {
                self.check_condition(when, &format!("gates.requirements[{i}].when"))?;
            }
        }
        check_pct(
            self.context.error_budget_low.below_pct,
            "context.errorBudgetLow.belowPct",
        )?;
        check_pct(self.budget.yellow_below_pct, "budget.yellowBelowPct")?;
        check_pct(self.budget.red_below_pct, "budget.redBelowPct")?;
        self.ledger.validate()?;
        if self.budget.red_below_pct > self.budget.yellow_below_pct {
            return Err(Error::policy(
                "budget.redBelowPct",
                "the red threshold must not be above the yellow threshold",
            ));
        }
        for (i, m) in self.modifiers.iter().enumerate() {
            self.check_condition(&m.when, &format!("modifiers[{i}].when"))?;
        }
        if let Some(freeze) = &self.blockers.incident_freeze {
            check_pct(
                freeze.error_budget_below_pct,
                "blockers.incidentFreeze.errorBudgetBelowPct",
            )?;
        }
        if let Some(gate) = &self.error_budget_gate {
            gate.validate("errorBudgetGate")?;
        }
        if let Some(rollout) = &self.rollout {
            for (i, id) in rollout.critical_categories.iter().enumerate() {
                self.check_category(id, &format!("rollout.criticalCategories[{i}]"))?;
            }
            for (id, _) in &rollout.monitoring_by_category {
                self.check_category(id, &format!("rollout.monitoringByCategory.{id}"))?;
            }
        }
        if self.break_glass.penalty_pct > 1000 {
            return Err(Error::policy(
                "breakGlass.penaltyPct",
                "the penalty must be between 0 and 1000 percent",
            ));
        }
        Ok(())
    }

    fn check_category(&self, id: &str, path: &str) -> Result<(), Error> {
        if self.categories.contains_key(id) {
            Ok(())
        } else {
            Err(Error::policy(path, format!("unknown category '{id}'")))
        }
    }

    fn check_condition(&self, when: &Condition, path: &str) -> Result<(), Error> {
        if let Some(ids) = &when.categories_any {
            for (i, id) in ids.iter().enumerate() {
                self.check_category(id, &format!("{path}.categoriesAny[{i}]"))?;
            }
        }
        Ok(())
    }
}

fn check_identifier(id: &str, path: &str) -> Result<(), Error> {
    let ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if ok {
        Ok(())
    } else {
        Err(Error::policy(
            path,
            format!("'{id}' is not a valid id (use lowercase letters, digits, '_' or '-')"),
        ))
    }
}

fn check_pct(value: f64, path: &str) -> Result<(), Error> {
    if value.is_finite() && (0.0..=100.0).contains(&value) {
        Ok(())
    } else {
        Err(Error::policy(
            path,
            format!("{value} is not a percentage between 0 and 100"),
        ))
    }
}

/// RFC 7396 JSON merge patch.
pub(crate) fn merge_patch(target: &mut Value, patch: Value) {
    match patch {
        Value::Object(patch) => {
            if !target.is_object() {
                *target = Value::Object(serde_json::Map::new());
            }
            if let Value::Object(map) = target {
                for (key, value) in patch {
                    if value.is_null() {
                        map.shift_remove(&key);
                    } else {
                        merge_patch(map.entry(key).or_insert(Value::Null), value);
                    }
                }
            }
        }
        other => *target = other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_preset_read_directly_is_the_merged_one() -> Result<(), Error> {
        let direct = Policy::preset(DEFAULT_PRESET)?;
        // A no-op override takes the general path: preset document, merge patch, policy.
        let merged = Policy::from_json(&format!("{{\"version\":{POLICY_VERSION}}}"))?;
        assert_eq!(direct, merged);
        Ok(())
    }
}
