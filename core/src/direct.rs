//! A direct reader for the two documents every decision reads: the request and the policy.
//!
//! serde's derived readers are generic code per type and per deserializer (a `visit_map`
//! for each struct, a field matcher, a sequence form): ~150 KB of the wasm a fresh process
//! compiles before its first decision, which is most of that decision's time in Node (V8
//! compiles each wasm function on its first call). This reader is a handful of small
//! functions and one short, non-generic-heavy function per type.
//!
//! It reads the common form only, and reads it exactly as serde does: the same fields, the
//! same defaults, the same numbers, the same map semantics (a repeated map key replaces the
//! value, in its first place). At the first thing it does not take (an unknown or repeated
//! field, a missing one, an escape in a string, a number it cannot be sure to read as
//! serde_json does, a value of the wrong type, a `serde_json::Value` field, any malformed
//! text) it answers `None` and the caller reads the text with serde, which reads every form
//! and words every error. So an answer never depends on this reader: it is serde's or
//! nothing. `tests/direct_reader.rs` holds it to serde on every vector, preset and
//! generated mutation, and checks that it does take the documents it is for.

use chrono::{DateTime, FixedOffset, NaiveDate};
use indexmap::IndexMap;
use std::collections::BTreeMap;
use std::hash::Hash;
use std::sync::Arc;

/// Reads the whole of `text` as a `T`; `None` when the text is not in the form this reader
/// takes (the caller then asks serde).
pub fn read<T: ReadJson>(text: &str) -> Option<T> {
    let mut reader = Reader { text, at: 0 };
    let value = T::read(&mut reader)?;
    reader.skip_whitespace();
    (reader.at == text.len()).then_some(value)
}

/// The position in the text being read.
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
}

/// A type this reader reads. `None`: not in the common form (see the module docs).
pub trait ReadJson: Sized {
    fn read(reader: &mut Reader<'_>) -> Option<Self>;
}

/// A type read from an object's key (the keys of the policy's maps).
pub trait ReadKey: Sized {
    fn from_key(key: &str) -> Option<Self>;
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a [u8] {
        self.text.as_bytes().get(self.at..).unwrap_or_default()
    }

    fn skip_whitespace(&mut self) {
        let skip = self
            .rest()
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .count();
        self.at += skip;
    }

    /// The next byte that is not whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.rest().first().copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// `null`, consumed; false (nothing consumed) for anything else.
    fn null(&mut self) -> bool {
        let found = self.peek() == Some(b'n') && self.rest().starts_with(b"null");
        if found {
            self.at += 4;
        }
        found
    }

    /// A string without escapes or control characters (serde_json refuses those raw),
    /// borrowed from the text.
    fn str(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let len = self
            .rest()
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        if self.rest().get(len) != Some(&b'"') {
            return None;
        }
        let start = self.at;
        self.at += len + 1;
        self.text.get(start..start + len)
    }

    /// An object: `member` is called with each key, the reader at its value.
    fn object(&mut self, mut member: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(());
        }
        loop {
            let key = self.str()?;
            self.eat(b':')?;
            member(self, key)?;
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// An array: `item` is called with the reader at each element.
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        if self.peek()? == b']' {
            self.at += 1;
            return Some(());
        }
        loop {
            item(self)?;
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// A JSON integer without sign, fraction or exponent, of at most 18 digits (serde_json reads
    /// those as the integer; a sign, a fraction or an exponent makes it another kind of
    /// number, which an unsigned field refuses).
    fn unsigned(&mut self) -> Option<u64> {
        self.skip_whitespace();
        let rest = self.rest();
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let leading_zero = digits > 1 && rest.first() == Some(&b'0');
        if digits == 0 || digits > 18 || leading_zero {
            return None;
        }
        if matches!(rest.get(digits), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        let value = rest
            .get(..digits)?
            .iter()
            .fold(0_u64, |n, &d| n * 10 + u64::from(d - b'0'));
        self.at += digits;
        Some(value)
    }

    /// A JSON number of at most 15 digits without exponent. serde_json computes such a
    /// number as its digits (exact in an f64) divided by a power of ten (exact too), one
    /// correctly rounded operation, which is what `str::parse` gives; longer numbers or
    /// exponents are serde's to read.
    fn float(&mut self) -> Option<f64> {
        self.skip_whitespace();
        let rest = self.rest();
        let sign = usize::from(rest.first() == Some(&b'-'));
        let body = rest.get(sign..)?;
        let whole = body.iter().take_while(|b| b.is_ascii_digit()).count();
        if whole == 0 || (whole > 1 && body.first() == Some(&b'0')) {
            return None;
        }
        let mut len = whole;
        let mut fraction = 0;
        if body.get(len) == Some(&b'.') {
            fraction = body
                .get(len + 1..)?
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if fraction == 0 {
                return None;
            }
            len += 1 + fraction;
        }
        if whole + fraction > 15 || matches!(body.get(len), Some(b'e' | b'E')) {
            return None;
        }
        let text = self.text.get(self.at..self.at + sign + len)?;
        let value = text.parse().ok()?;
        self.at += sign + len;
        Some(value)
    }
}

/// One field of a struct: serde refuses a field given twice.
#[inline(never)]
fn field<T: ReadJson>(reader: &mut Reader<'_>, slot: &mut Option<T>) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(T::read(reader)?);
    Some(())
}

impl ReadJson for bool {
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.skip_whitespace();
        if reader.rest().starts_with(b"true") {
            reader.at += 4;
            Some(true)
        } else if reader.rest().starts_with(b"false") {
            reader.at += 5;
            Some(false)
        } else {
            None
        }
    }
}

macro_rules! read_unsigned {
    ($($ty:ty),*) => {$(
        impl ReadJson for $ty {
            fn read(reader: &mut Reader<'_>) -> Option<Self> {
                <$ty>::try_from(reader.unsigned()?).ok()
            }
        }
    )*};
}
read_unsigned!(u8, u32, u64, usize);

impl ReadJson for f64 {
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.float()
    }
}

impl ReadJson for String {
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.str().map(str::to_owned)
    }
}

impl ReadJson for Arc<str> {
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.str().map(Arc::from)
    }
}

/// chrono reads both from a string with `str::parse`, as here.
impl ReadJson for DateTime<FixedOffset> {
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.str()?.parse().ok()
    }
}

impl ReadJson for NaiveDate {
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.str()?.parse().ok()
    }
}

impl<T: ReadJson> ReadJson for Option<T> {
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        if reader.null() {
            Some(None)
        } else {
            T::read(reader).map(Some)
        }
    }
}

impl<T: ReadJson> ReadJson for Vec<T> {
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        let mut items = Vec::new();
        reader.array(|reader| {
            items.push(T::read(reader)?);
            Some(())
        })?;
        Some(items)
    }
}

impl ReadKey for String {
    fn from_key(key: &str) -> Option<Self> {
        Some(key.to_owned())
    }
}

/// serde_json reads an integer key as the number its text spells, in the same form as a
/// number value (no sign here, no leading zero, no spaces).
impl ReadKey for u8 {
    fn from_key(key: &str) -> Option<Self> {
        let bytes = key.as_bytes();
        let canonical = !bytes.is_empty()
            && bytes.iter().all(u8::is_ascii_digit)
            && (bytes.len() == 1 || bytes.first() != Some(&b'0'));
        if canonical { key.parse().ok() } else { None }
    }
}

/// Like serde's: a repeated key replaces the value and keeps its first place.
impl<K: ReadKey + Hash + Eq, V: ReadJson> ReadJson for IndexMap<K, V> {
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        let mut map = IndexMap::new();
        reader.object(|reader, key| {
            map.insert(K::from_key(key)?, V::read(reader)?);
            Some(())
        })?;
        Some(map)
    }
}

impl<K: ReadKey + Ord, V: ReadJson> ReadJson for BTreeMap<K, V> {
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        let mut map = BTreeMap::new();
        reader.object(|reader, key| {
            map.insert(K::from_key(key)?, V::read(reader)?);
            Some(())
        })?;
        Some(map)
    }
}

/// A value serde reads as it is (`serde_json::Value`, an untagged enum): serde's to read.
impl ReadJson for serde_json::Value {
    fn read(_: &mut Reader<'_>) -> Option<Self> {
        None
    }
}

/// The ledger of a request: as JSON Lines text (an array of entries is serde's to read).
impl ReadJson for crate::ledger::LedgerInput {
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        String::read(reader).map(Self::Text)
    }
}

/// `read_struct!(Type { field: "jsonName", other: "other" = default })`: a struct read from
/// an object with exactly these fields; `= default` for the fields serde defaults when
/// missing (`#[serde(default)]`, and every `Option` field).
macro_rules! read_struct {
    (@pattern $field:ident) => { Some($field) };
    (@pattern $field:ident default) => { $field };
    (@value $field:ident) => { $field };
    (@value $field:ident default) => { $field.unwrap_or_default() };
    ($ty:ty { $($field:ident : $json:literal $(= $default:ident)?),* $(,)? }) => {
        impl ReadJson for $ty {
            fn read(reader: &mut Reader<'_>) -> Option<Self> {
                $(let mut $field = None;)*
                reader.object(|reader, key| match key {
                    $($json => field(reader, &mut $field),)*
                    _ => None,
                })?;
                // One match rather than a `?` per required field: each `?` would be an exit
                // dropping every field read so far, code quadratic in the fields.
                #[allow(unreachable_patterns, reason = "when every field has a default")]
                match ($($field,)*) {
                    ($(read_struct!(@pattern $field $($default)?),)*) => {
                        Some(Self { $($field: read_struct!(@value $field $($default)?),)* })
                    }
                    _ => None,
                }
            }
        }
    };
}

/// `read_enum!(Type { "json" => Variant, … })`: a unit enum read from its name, as a value
/// or as a map key.
macro_rules! read_enum {
    ($ty:ty { $($json:literal => $variant:ident),* $(,)? }) => {
        impl ReadKey for $ty {
            fn from_key(key: &str) -> Option<Self> {
                match key {
                    $($json => Some(<$ty>::$variant),)*
                    _ => None,
                }
            }
        }
        impl ReadJson for $ty {
            fn read(reader: &mut Reader<'_>) -> Option<Self> {
                Self::from_key(reader.str()?)
            }
        }
    };
}

mod request {
    use super::*;
    use crate::request::*;

    read_struct!(Request {
        service: "service",
        change: "change",
        context: "context" = default,
        budget: "budget" = default,
        exception: "exception" = default,
        now: "now" = default,
        policy: "policy" = default,
        ledger: "ledger" = default,
        error_budget: "errorBudget" = default,
        readiness: "readiness" = default,
        pipeline: "pipeline" = default,
        prerequisites: "prerequisites" = default,
    });
    read_struct!(Service {
        name: "name",
        tier: "tier",
        class: "class" = default
    });
    read_struct!(Change {
        id: "id",
        title: "title" = default,
        release_type: "releaseType" = default,
        files: "files" = default,
        categories: "categories" = default,
        mitigations: "mitigations" = default,
        customer_impacting: "customerImpacting" = default,
        risk_level: "riskLevel" = default,
        has_tests: "hasTests" = default,
        has_rollback_plan: "hasRollbackPlan" = default,
        nature: "nature" = default,
        users_affected: "usersAffected" = default,
    });
    read_enum!(ReleaseType {
        "feature" => Feature,
        "bugfix" => Bugfix,
        "incident_fix" => IncidentFix,
        "security_fix" => SecurityFix,
        "critical_security_fix" => CriticalSecurityFix,
        "slo_improvement" => SloImprovement,
        "rollback" => Rollback,
        "chore" => Chore,
    });
    read_struct!(FileChange {
        path: "path",
        status: "status" = default,
        old_path: "oldPath" = default,
        additions: "additions" = default,
        deletions: "deletions" = default,
    });
    read_enum!(FileStatus {
        "added" => Added,
        "modified" => Modified,
        "deleted" => Deleted,
        "renamed" => Renamed,
        "copied" => Copied,
        "type_changed" => TypeChanged,
    });
    read_struct!(Context {
        active_incident: "activeIncident" = default,
        recent_sev12: "recentSev12" = default,
        error_budget_remaining_pct: "errorBudgetRemainingPct" = default,
        on_call_load_high: "onCallLoadHigh" = default,
        restricted_window: "restrictedWindow" = default,
    });
    read_struct!(BudgetSnapshot {
        allocated: "allocated" = default,
        consumed: "consumed" = default,
        exceptions_this_window: "exceptionsThisWindow" = default,
    });
    read_struct!(ExceptionRequest {
        reason: "reason",
        rationale: "rationale" = default,
        approvers: "approvers" = default,
    });
    read_struct!(Approver {
        name: "name",
        role: "role"
    });
}

mod policy {
    use super::*;
    use crate::budget::BudgetStatus;
    use crate::gate::GateLevel;
    use crate::policy::*;

    read_struct!(Policy {
        version: "version",
        name: "name",
        description: "description" = default,
        tiers: "tiers",
        match_case: "matchCase",
        fallback_category: "fallbackCategory",
        categories: "categories",
        context: "context",
        mitigations: "mitigations",
        minimum_score: "minimumScore",
        gates: "gates",
        budget: "budget",
        modifiers: "modifiers",
        blockers: "blockers",
        break_glass: "breakGlass",
        ledger: "ledger",
        error_budget_gate: "errorBudgetGate" = default,
        readiness: "readiness" = default,
        pipeline: "pipeline" = default,
        rollout: "rollout" = default,
    });
    read_struct!(TierRule {
        label: "label",
        base: "base",
        monthly_budget: "monthlyBudget"
    });
    read_struct!(CategoryRule {
        label: "label",
        points: "points",
        high_risk: "highRisk",
        include: "include" = default,
        exclude: "exclude" = default,
    });
    read_struct!(ContextFactor {
        label: "label",
        points: "points"
    });
    read_struct!(ErrorBudgetFactor {
        label: "label",
        points: "points",
        below_pct: "belowPct"
    });
    read_struct!(ContextRules {
        incident: "incident",
        error_budget_low: "errorBudgetLow",
        on_call_load_high: "onCallLoadHigh",
        restricted_window: "restrictedWindow",
    });
    read_struct!(MitigationRule {
        label: "label",
        points: "points"
    });
    read_struct!(GateThresholds {
        g1: "G1",
        g2: "G2",
        g3: "G3",
        g4: "G4"
    });
    read_struct!(GateRules {
        docs_only_categories: "docsOnlyCategories",
        thresholds: "thresholds",
        requirements: "requirements",
    });
    read_struct!(RequirementRule {
        id: "id",
        level: "level",
        text: "text",
        when: "when" = default,
    });
    read_struct!(Condition {
        budget_status: "budgetStatus" = default,
        exceptions_at_least: "exceptionsAtLeast" = default,
        categories_any: "categoriesAny" = default,
        customer_impacting: "customerImpacting" = default,
        release_types: "releaseTypes" = default,
    });
    read_struct!(BudgetRules {
        yellow_below_pct: "yellowBelowPct",
        red_below_pct: "redBelowPct"
    });
    read_struct!(Modifier {
        id: "id",
        reason: "reason",
        explanation: "explanation" = default,
        when: "when",
        from_level: "fromLevel",
        raise: "raise",
    });
    read_struct!(BlockerRules {
        budget_red_high_risk: "budgetRedHighRisk" = default,
        budget_exhausted: "budgetExhausted" = default,
        incident_freeze: "incidentFreeze" = default,
    });
    read_struct!(HighRiskFreeze {
        budget_status: "budgetStatus",
        message: "message"
    });
    read_struct!(ExhaustedFreeze {
        budget_status: "budgetStatus",
        allowed_release_types: "allowedReleaseTypes",
        message: "message",
    });
    read_struct!(IncidentFreeze {
        error_budget_below_pct: "errorBudgetBelowPct",
        blocked_release_types: "blockedReleaseTypes",
        message: "message",
    });
    read_struct!(BreakGlassRules {
        reasons: "reasons",
        required_roles: "requiredRoles",
        customer_impacting_roles: "customerImpactingRoles",
        penalty_pct: "penaltyPct",
        follow_up_business_days: "followUpBusinessDays",
    });
    read_enum!(GateLevel { "G0" => G0, "G1" => G1, "G2" => G2, "G3" => G3, "G4" => G4 });
    read_enum!(BudgetStatus {
        "green" => Green,
        "yellow" => Yellow,
        "red" => Red,
        "exhausted" => Exhausted,
    });
}

mod ledger {
    use super::*;
    use crate::ledger::*;

    read_struct!(LedgerRules {
        window: "window",
        utc_offset: "utcOffset",
        sprint: "sprint" = default,
        days_per_month: "daysPerMonth",
        earned_capacity: "earnedCapacity",
        mttr_targets_minutes: "mttrTargetsMinutes",
        recent_incident_days: "recentIncidentDays",
        incident_lookback_days: "incidentLookbackDays",
        diff_size_buckets: "diffSizeBuckets",
        burn_down: "burnDown",
    });
    read_struct!(SprintRule {
        start: "start",
        days: "days"
    });
    read_struct!(EarnedCapacityRule {
        pct: "pct",
        windows: "windows"
    });
    read_enum!(Granularity { "day" => Day, "week" => Week });
    read_enum!(WindowKind { "monthly" => Monthly, "sprint" => Sprint });
    read_enum!(Severity { "sev1" => Sev1, "sev2" => Sev2, "sev3" => Sev3, "sev4" => Sev4 });
}

mod error_budget {
    use super::*;
    use crate::error_budget::*;

    read_enum!(ErrorBudgetStatus {
        "healthy" => Healthy,
        "attention" => Attention,
        "warning" => Warning,
        "critical" => Critical,
        "exhausted" => Exhausted,
    });
    read_enum!(RiskLevel { "low" => Low, "medium" => Medium, "high" => High });
    read_struct!(ErrorBudgetInput {
        slo_target: "sloTarget" = default,
        window_days: "windowDays" = default,
        elapsed_days: "elapsedDays" = default,
        total_events: "totalEvents" = default,
        bad_events: "badEvents" = default,
        remaining_pct: "remainingPct" = default,
        burn_rate: "burnRate" = default,
        status: "status" = default,
    });
    read_struct!(ErrorBudgetGatePolicy {
        blocking: "blocking",
        bands: "bands",
        critical_burn_rate: "criticalBurnRate",
        gates: "gates",
        exception_release_types: "exceptionReleaseTypes",
        escalation: "escalation",
    });
    read_struct!(ErrorBudgetBands {
        healthy: "healthy",
        attention: "attention",
        warning: "warning"
    });
    read_struct!(StatusGate {
        min_budget_pct: "minBudgetPct",
        max_burn_rate: "maxBurnRate" = default,
        allowed_risk_levels: "allowedRiskLevels",
    });
    read_struct!(Escalation {
        id: "id",
        at_or_below_pct: "atOrBelowPct",
        notify: "notify",
        action: "action",
    });
}

mod readiness {
    use super::*;
    use crate::readiness::*;

    read_struct!(ReadinessPolicy {
        blocking: "blocking",
        groups: "groups"
    });
    read_struct!(ReadinessGroup {
        id: "id",
        title: "title",
        gates: "gates"
    });
    read_struct!(ReadinessGateRule {
        id: "id",
        title: "title",
        evidence: "evidence",
        mandatory: "mandatory",
        condition: "condition" = default,
    });
    read_enum!(GateStatus { "green" => Green, "red" => Red, "unknown" => Unknown });
    read_struct!(ReadinessInput {
        gates: "gates" = default,
        conditions: "conditions" = default,
        unresolved_sev12: "unresolvedSev12" = default,
    });
    read_struct!(GateReport {
        status: "status",
        evidence: "evidence" = default
    });
}

mod pipeline {
    use super::*;
    use crate::pipeline::*;

    read_struct!(PipelinePolicy {
        blocking: "blocking",
        error_budget_modes: "errorBudgetModes",
        deployment_strategies: "deploymentStrategies",
    });
    read_struct!(ErrorBudgetMode {
        id: "id",
        label: "label",
        min_pct: "minPct" = default,
        exclusive: "exclusive" = default,
        allowed_release_types: "allowedReleaseTypes" = default,
        required_approvals: "requiredApprovals" = default,
        requirements: "requirements" = default,
    });
    read_struct!(DeploymentStrategyRule {
        service_class: "serviceClass",
        strategy: "strategy",
        label: "label",
        use_case: "useCase",
    });
    read_enum!(ServiceClass {
        "critical_path" => CriticalPath,
        "supporting" => Supporting,
        "stateful" => Stateful,
        "internal_tool" => InternalTool,
        "gradual_feature" => GradualFeature,
    });
    read_enum!(StageResult { "passed" => Passed, "failed" => Failed, "pending" => Pending });
    read_struct!(PipelineInput {
        build: "build" = default,
        quality: "quality" = default,
        security: "security" = default,
        approvals: "approvals" = default,
    });
}

mod rollout {
    use super::*;
    use crate::rollout::*;

    read_enum!(RolloutRisk {
        "LOW" => Low,
        "MEDIUM" => Medium,
        "HIGH" => High,
        "CRITICAL" => Critical,
    });
    read_enum!(RiskSource { "stricter" => Stricter, "matrix" => Matrix });
    read_enum!(Strategy {
        "immediate" => Immediate,
        "canary" => Canary,
        "feature_flag" => FeatureFlag,
        "blue_green" => BlueGreen,
    });
    read_enum!(ChangeNature { "config" => Config, "logic" => Logic, "feature" => Feature });
    read_struct!(Prerequisites {
        qa_gate_passed: "qaGatePassed" = default,
        security_gate_passed: "securityGatePassed" = default,
        tests_passing: "testsPassing" = default,
        branch_ahead_of_main: "branchAheadOfMain" = default,
    });
    read_struct!(RolloutPolicy {
        enforce_prerequisites: "enforcePrerequisites",
        risk_source: "riskSource",
        critical_categories: "criticalCategories",
        config_extensions: "configExtensions",
        low_max_files: "lowMaxFiles",
        medium_max_files: "mediumMaxFiles",
        users_threshold: "usersThreshold",
        strategy_by_risk: "strategyByRisk",
        strategies: "strategies",
        monitoring: "monitoring",
        monitoring_by_category: "monitoringByCategory" = default,
    });
    read_struct!(StrategyRule {
        label: "label",
        when_to_use: "whenToUse",
        how: "how",
        phases: "phases",
        rollback_method: "rollbackMethod",
        rollback_steps: "rollbackSteps",
        estimated_rollback_minutes: "estimatedRollbackMinutes",
        rollback_triggers: "rollbackTriggers",
        human_supervision: "humanSupervision" = default,
    });
    read_struct!(Phase {
        name: "name",
        traffic_pct: "trafficPct",
        duration_minutes: "durationMinutes",
        proceed_if: "proceedIf",
    });
}
