//! Evaluation: from a request to a decision, step by step as the gate model defines it.

use crate::budget::{BudgetImpact, BudgetStatus, remaining_pct, round_pct};
use crate::classify::{CompiledPolicy, FileCategories};
use crate::decision::{
    Blocker, CategoryHit, CategorySource, ChangeSummary, Decision, FileClassification,
    PolicySummary, ServiceSummary, Verdict,
};
use crate::error::{Error, ErrorKind, from_json_str};
use crate::error_budget::{self, RiskLevel};
use crate::exception::{self, ExceptionOutcome};
use crate::gate::{self, Gate, GateAdjustment, GateLevel, Requirement};
use crate::pipeline::PipelineFacts;
use crate::policy::{Condition, Policy};
use crate::readiness::GoNoGo;
use crate::request::Request;
use crate::request::{Change, ReleaseType};
use crate::rollout::{RolloutFacts, RolloutPlan};
use crate::score::{Contribution, ContributionKind, RiskScore};
use std::sync::{Arc, Mutex, OnceLock};

pub use crate::limits::MAX_PATH_LEN;

/// Parses a request from JSON text, naming the JSON path of any problem.
pub fn parse_request(text: &str) -> Result<Request, Error> {
    crate::limits::check_input(text)?;
    // The common form directly; anything else (and every error) through serde.
    match crate::direct::read(text) {
        Some(request) => Ok(request),
        None => parse_request_with_serde(text),
    }
}

/// Out of line: V8 compiles a function whole on its first call, and a fresh process's
/// first decision should not compile serde's readers it does not run.
#[cold]
#[inline(never)]
fn parse_request_with_serde(text: &str) -> Result<Request, Error> {
    from_json_str(text, ErrorKind::InvalidRequest)
}

/// Evaluates a request given as JSON text and returns the decision as JSON text.
pub fn evaluate_json(text: &str) -> Result<String, Error> {
    let request = parse_request(text)?;
    Ok(evaluate(&request)?.to_json())
}

/// Evaluates a request under the policy it carries (the default preset when none).
pub fn evaluate(request: &Request) -> Result<Decision, Error> {
    match &request.policy {
        None => evaluate_with(default_policy()?, request),
        Some(doc) if doc.as_object().is_some_and(serde_json::Map::is_empty) => {
            evaluate_with(default_policy()?, request)
        }
        Some(doc) => evaluate_with(compiled_policy(doc)?.as_ref(), request),
    }
}

/// Most compiled policies kept for reuse (a CI run or a worksheet session uses one or two).
const POLICY_CACHE_SIZE: usize = 32;

/// Resolves and compiles a policy document, reusing an earlier compilation of the same
/// document: compiling the path globs costs far more than evaluating a change. The cache
/// changes no answer (equal documents give equal policies); errors are never cached.
pub fn compiled_policy(doc: &serde_json::Value) -> Result<Arc<CompiledPolicy>, Error> {
    static CACHE: Mutex<Vec<(String, Arc<CompiledPolicy>)>> = Mutex::new(Vec::new());
    let key = doc.to_string();
    if let Ok(cache) = CACHE.lock()
        && let Some((_, hit)) = cache.iter().find(|(k, _)| *k == key)
    {
        return Ok(Arc::clone(hit));
    }
    let policy = Policy::from_document(doc.clone()).map_err(|e| e.within("policy"))?;
    let compiled = Arc::new(CompiledPolicy::new(policy).map_err(|e| e.within("policy"))?);
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() >= POLICY_CACHE_SIZE {
            cache.remove(0);
        }
        cache.push((key, Arc::clone(&compiled)));
    }
    Ok(compiled)
}

/// The default preset, compiled once per process.
pub fn default_policy() -> Result<&'static CompiledPolicy, Error> {
    static DEFAULT: OnceLock<Result<CompiledPolicy, Error>> = OnceLock::new();
    DEFAULT
        .get_or_init(|| Policy::preset(crate::policy::DEFAULT_PRESET).and_then(CompiledPolicy::new))
        .as_ref()
        .map_err(Clone::clone)
}

/// The facts conditions in the policy are tested against.
struct Facts<'a> {
    status: BudgetStatus,
    exceptions: u32,
    categories: &'a [&'a str],
    customer_impacting: bool,
    release_type: crate::request::ReleaseType,
}

impl Condition {
    fn holds(&self, facts: &Facts<'_>) -> bool {
        self.budget_status
            .as_ref()
            .is_none_or(|s| s.contains(&facts.status))
            && self
                .exceptions_at_least
                .is_none_or(|n| facts.exceptions >= n)
            && self
                .categories_any
                .as_ref()
                .is_none_or(|ids| ids.iter().any(|id| facts.categories.contains(&id.as_str())))
            && self
                .customer_impacting
                .is_none_or(|c| c == facts.customer_impacting)
            && self
                .release_types
                .as_ref()
                .is_none_or(|types| types.contains(&facts.release_type))
    }
}

/// Evaluates a request under an already compiled policy (the request's own `policy` is ignored).
pub fn evaluate_with(compiled: &CompiledPolicy, request: &Request) -> Result<Decision, Error> {
    let policy = compiled.policy();
    let tier = validate(policy, request)?;
    // The budget ledger, when given, is verified and folded at `now` (see crate::ledger).
    let ledger = crate::ledger::from_request(policy, request)?;
    let change = &request.change;
    let ctx = &request.context;
    // Seed 001's error budget feeds the seed 000 context when the request states no percentage.
    let error_budget_figures = match &request.error_budget {
        Some(eb) => Some(eb.figures()?),
        None => None,
    };
    let (error_budget_pct, error_budget_evidence) =
        match (ctx.error_budget_remaining_pct, error_budget_figures) {
            (Some(p), _) => (Some(p), format!("context.errorBudgetRemainingPct = {p}")),
            (None, Some((p, _))) => (
                Some(p),
                format!("errorBudget: {}% remaining", crate::budget::round_pct(p)),
            ),
            (None, None) => (None, String::new()),
        };

    let ChangeClassification {
        found,
        files,
        categories,
    } = classify_change(compiled, change);
    let category_ids: Vec<&str> = categories.iter().map(|c| &*c.id).collect();

    // Score.
    let mut contributions = vec![Contribution {
        kind: ContributionKind::Base,
        id: Arc::from(format!("tier_{}", request.service.tier)),
        points: i64::from(tier.base),
        label: tier.label.clone(),
        evidence: Arc::from([Arc::from(format!(
            "service {} is tier {}",
            request.service.name, request.service.tier
        ))]),
    }];
    for hit in &categories {
        let evidence = if hit.files.is_empty() {
            Arc::from([Arc::from("declared in change.categories")])
        } else {
            Arc::clone(&hit.files)
        };
        contributions.push(Contribution {
            kind: ContributionKind::Diff,
            id: hit.id.clone(),
            points: i64::from(hit.points),
            label: hit.label.clone(),
            evidence,
        });
    }
    let rules = &policy.context;
    let mut incident_evidence = Vec::new();
    if ctx.active_incident {
        incident_evidence.push(String::from("context.activeIncident"));
    }
    if ctx.recent_sev12 {
        incident_evidence.push(String::from("context.recentSev12"));
    }
    if let Some(evidence) = ledger.as_ref().and_then(|l| l.recent_sev12()) {
        incident_evidence.push(evidence);
    }
    if !incident_evidence.is_empty() {
        contributions.push(context_points(
            "incident",
            rules.incident.points,
            &rules.incident.label,
            incident_evidence,
        ));
    }
    if let Some(pct) = error_budget_pct
        && pct < rules.error_budget_low.below_pct
    {
        contributions.push(context_points(
            "error_budget_low",
            rules.error_budget_low.points,
            &rules.error_budget_low.label,
            vec![error_budget_evidence.clone()],
        ));
    }
    if ctx.on_call_load_high {
        contributions.push(context_points(
            "on_call_load_high",
            rules.on_call_load_high.points,
            &rules.on_call_load_high.label,
            vec![String::from("context.onCallLoadHigh")],
        ));
    }
    if ctx.restricted_window {
        contributions.push(context_points(
            "restricted_window",
            rules.restricted_window.points,
            &rules.restricted_window.label,
            vec![String::from("context.restrictedWindow")],
        ));
    }
    for (id, rule) in &policy.mitigations {
        if change.mitigations.iter().any(|m| m == id) {
            contributions.push(Contribution {
                kind: ContributionKind::Mitigation,
                id: Arc::from(id.as_str()),
                points: -i64::from(rule.points),
                label: rule.label.clone(),
                evidence: Arc::from([Arc::from("declared in change.mitigations")]),
            });
        }
    }
    let score = RiskScore::from_contributions(contributions, policy.minimum_score);

    // Budget before the change.
    let snapshot = match &ledger {
        Some(l) => l.snapshot(),
        None => request.budget.clone().unwrap_or_default(),
    };
    let allocated = snapshot.allocated.unwrap_or(tier.monthly_budget);
    let remaining_before = i64::from(allocated) - i64::from(snapshot.consumed);
    let status_before = BudgetStatus::of(remaining_before, allocated, &policy.budget);

    // Gate: base level, then the modifiers in policy order.
    let facts = Facts {
        status: status_before,
        exceptions: snapshot.exceptions_this_window,
        categories: &category_ids,
        customer_impacting: change.customer_impacting,
        release_type: change.release_type,
    };
    let (base_level, base_reason) = gate::base_level(policy, score.total, &category_ids);
    let mut level = base_level;
    let mut adjustments = Vec::new();
    for modifier in &policy.modifiers {
        if level >= modifier.from_level && modifier.when.holds(&facts) {
            let to = level.raised(modifier.raise);
            let reason = if to == level {
                Arc::from(format!(
                    "{} (already at {level}, the highest level)",
                    modifier.reason
                ))
            } else {
                modifier.reason.clone()
            };
            adjustments.push(GateAdjustment {
                from: level,
                to,
                reason,
                rule: modifier.id.clone(),
                explanation: modifier.explanation.clone(),
            });
            level = to;
        }
    }
    // Cumulative checklist, lowest level first, policy order within a level: one pass per
    // level rather than a sort of the list on every evaluation.
    let mut requirements = Vec::with_capacity(policy.gates.requirements.len());
    requirements.extend(
        GateLevel::ALL
            .into_iter()
            .filter(|l| *l <= level)
            .flat_map(|l| {
                policy
                    .gates
                    .requirements
                    .iter()
                    .filter(move |r| r.level == l)
            })
            .filter(|r| r.when.as_ref().is_none_or(|w| w.holds(&facts)))
            .map(|r| Requirement {
                id: r.id.clone(),
                text: r.text.clone(),
                level: r.level,
            }),
    );

    let mut blockers = policy_blockers(
        policy,
        &categories,
        status_before,
        change,
        ctx.active_incident,
        error_budget_pct,
    );

    // Seeds 001 to 004: the components the policy selects.
    let error_budget_gate = error_budget_gate(policy, request, level, &mut blockers)?;
    let readiness = readiness(policy, request, &mut blockers);
    let pipeline = pipeline(
        policy,
        request,
        error_budget_pct,
        &category_ids,
        &mut blockers,
    );
    let rollout = rollout_plan(compiled, request, &found, &category_ids, level);

    // Break-glass.
    let mut penalty = 0;
    let exception = match &request.exception {
        None => None,
        Some(ex) => {
            let rules = &policy.break_glass;
            let problems = exception::problems(ex, rules, change.customer_impacting);
            let valid = problems.is_empty();
            let used = valid && !blockers.is_empty();
            let mut follow_up_due = None;
            if used {
                for blocker in &mut blockers {
                    blocker.waived = true;
                }
                penalty = exception::penalty(score.total, rules.penalty_pct);
                follow_up_due = request.now.map(|now| {
                    exception::add_business_days(now.date_naive(), rules.follow_up_business_days)
                });
            }
            Some(ExceptionOutcome {
                reason: ex.reason.clone(),
                used,
                valid,
                penalty,
                follow_up_due,
                problems,
                required_roles: exception::required_roles(rules, change.customer_impacting),
            })
        }
    };
    // Failed prerequisites abort the release: no exception waives them (seed 004).
    let verdict = if rollout.as_ref().is_some_and(|r| !r.prerequisites.passed) {
        Verdict::Abort
    } else if blockers.iter().all(|b| b.waived) {
        Verdict::Go
    } else {
        Verdict::Blocked
    };

    let charge = score.total.saturating_add(penalty);
    let remaining_after = remaining_before - i64::from(charge);
    let budget = BudgetImpact {
        allocated,
        consumed_before: snapshot.consumed,
        remaining_before,
        remaining_pct_before: round_pct(remaining_pct(remaining_before, allocated)),
        status_before,
        charge,
        penalty,
        remaining_after,
        remaining_pct_after: round_pct(remaining_pct(remaining_after, allocated)),
        status_after: BudgetStatus::of(remaining_after, allocated, &policy.budget),
        exceptions_this_window: snapshot.exceptions_this_window,
    };

    let mut decision = Decision {
        score,
        categories,
        gate: Gate {
            level,
            base_level,
            base_reason,
            adjustments,
            requirements,
        },
        budget,
        verdict,
        blockers,
        exception,
        service: ServiceSummary {
            name: request.service.name.clone(),
            tier: request.service.tier,
            tier_label: tier.label.to_string(),
        },
        change: ChangeSummary {
            id: change.id.clone(),
            title: change.title.clone(),
            release_type: change.release_type,
            customer_impacting: change.customer_impacting,
            file_count: change.files.len(),
            additions: change.files.iter().map(|f| u64::from(f.additions)).sum(),
            deletions: change.files.iter().map(|f| u64::from(f.deletions)).sum(),
        },
        files,
        policy: PolicySummary {
            name: policy.name.clone(),
            version: policy.version,
        },
        error_budget_gate,
        readiness,
        pipeline,
        rollout,
        ledger_entry: None,
        ledger_note: None,
    };
    if let Some(l) = &ledger {
        l.attach(request, &mut decision);
    }
    Ok(decision)
}

/// The change's files with their categories, and the distinct categories of the change.
struct ChangeClassification {
    /// Each file's category set, in the order of `change.files`.
    found: Vec<FileCategories>,
    files: Vec<FileClassification>,
    categories: Vec<CategoryHit>,
}

/// Diff classification: per file, then the distinct categories of the change. The sets
/// come first so that every list is allocated once, at its final size.
///
/// Each step of [`evaluate_with`] is a function of its own, kept out of line, not only for
/// reading: V8's baseline compiler, which compiles a fresh process's first decision, takes
/// more than linear time in a function's size (inlined, `evaluate_with` was 45 KB of wasm
/// and ~3 ms to compile).
#[inline(never)]
fn classify_change(compiled: &CompiledPolicy, change: &Change) -> ChangeClassification {
    let policy = compiled.policy();
    let category_count = policy.categories.len();
    let mut scratch = Vec::new();
    let found: Vec<FileCategories> = change
        .files
        .iter()
        .map(|file| compiled.classify_file_set(&file.path, file.old_path.as_deref(), &mut scratch))
        .collect();
    let mut hit_count = vec![0_usize; category_count];
    let mut only_fallback = vec![true; category_count];
    for file in &found {
        for i in file.set.iter() {
            if let (Some(n), Some(f)) = (hit_count.get_mut(i), only_fallback.get_mut(i)) {
                *n += 1;
                *f &= file.fallback;
            }
        }
    }
    let mut files = Vec::with_capacity(change.files.len());
    for (file, found) in change.files.iter().zip(&found) {
        files.push(FileClassification {
            // The request's path, shared by the file list, the categories and the score
            // evidence.
            path: Arc::clone(&file.path),
            status: file.status,
            categories: compiled.category_list(found.set),
            fallback: found.fallback,
        });
    }
    // Each category's files in request order, collected from a range of its known count:
    // one allocation per list (a list grown first and then copied into its shared slice
    // was two, and a third of the allocations of classifying).
    let hit_files = |i: usize, count: usize| -> Arc<[Arc<str>]> {
        let mut members = change
            .files
            .iter()
            .zip(&found)
            .filter(|(_, found)| found.set.contains(i))
            .map(|(file, _)| Arc::clone(&file.path));
        (0..count)
            .map(|_| members.next().unwrap_or_default())
            .collect()
    };
    let mut declared = vec![false; category_count];
    for id in &change.categories {
        if let Some(i) = policy.categories.get_index_of(id)
            && let Some(d) = declared.get_mut(i)
        {
            *d = true;
        }
    }

    let mut categories = Vec::new();
    for (i, rule) in policy.categories.values().enumerate() {
        let is_detected = hit_count.get(i).is_some_and(|&n| n > 0);
        let is_declared = declared.get(i).copied().unwrap_or(false);
        if !is_detected && !is_declared {
            continue;
        }
        let source = match (is_detected, only_fallback.get(i).copied().unwrap_or(false)) {
            (false, _) => CategorySource::Declared,
            (true, true) => CategorySource::Fallback,
            (true, false) => CategorySource::Detected,
        };
        categories.push(CategoryHit {
            id: compiled.shared_category_id(i),
            label: rule.label.clone(),
            points: rule.points,
            high_risk: rule.high_risk,
            source,
            declared: is_declared,
            files: hit_files(i, hit_count.get(i).copied().unwrap_or(0)),
        });
    }
    ChangeClassification {
        found,
        files,
        categories,
    }
}

/// The blockers of the policy's freeze rules (seed 000): high-risk categories on a red
/// budget, an exhausted budget, an incident freeze.
#[inline(never)]
fn policy_blockers(
    policy: &Policy,
    categories: &[CategoryHit],
    status_before: BudgetStatus,
    change: &Change,
    active_incident: bool,
    error_budget_pct: Option<f64>,
) -> Vec<Blocker> {
    let mut blockers = Vec::new();
    let high_risk: Vec<&str> = categories
        .iter()
        .filter(|c| c.high_risk)
        .map(|c| &*c.id)
        .collect();
    if let Some(rule) = &policy.blockers.budget_red_high_risk
        && rule.budget_status.contains(&status_before)
        && !high_risk.is_empty()
    {
        blockers.push(Blocker {
            code: String::from("budget_red_high_risk"),
            message: format!(
                "{} High-risk categories: {}.",
                rule.message,
                high_risk.join(", ")
            ),
            waived: false,
        });
    }
    if let Some(rule) = &policy.blockers.budget_exhausted
        && rule.budget_status.contains(&status_before)
        && !rule.allowed_release_types.contains(&change.release_type)
    {
        blockers.push(Blocker {
            code: String::from("budget_exhausted"),
            message: format!(
                "{} This release is a {}.",
                rule.message,
                change.release_type.as_str()
            ),
            waived: false,
        });
    }
    if let Some(rule) = &policy.blockers.incident_freeze {
        let degraded = error_budget_pct.is_some_and(|p| p < rule.error_budget_below_pct);
        if (active_incident || degraded)
            && rule.blocked_release_types.contains(&change.release_type)
        {
            let mut why = Vec::new();
            if active_incident {
                why.push(String::from("an incident is active"));
            }
            if degraded {
                why.push(format!(
                    "the SLO error budget is below {}%",
                    rule.error_budget_below_pct
                ));
            }
            blockers.push(Blocker {
                code: String::from("incident_freeze"),
                message: format!(
                    "{} Here {}, and this release is a {}.",
                    rule.message,
                    why.join(" and "),
                    change.release_type.as_str()
                ),
                waived: false,
            });
        }
    }
    blockers
}

/// The rollout plan of seed 004, when the policy has one.
#[inline(never)]
fn rollout_plan(
    compiled: &CompiledPolicy,
    request: &Request,
    found: &[FileCategories],
    category_ids: &[&str],
    level: GateLevel,
) -> Option<RolloutPlan> {
    let policy = compiled.policy();
    let change = &request.change;
    policy.rollout.as_ref().map(|rp| {
        // On the file's current path alone: a renamed file is classified again without
        // the categories of its previous path.
        let docs_only = |file: usize| {
            let docs = |i: usize| {
                policy
                    .gates
                    .docs_only_categories
                    .iter()
                    .any(|d| d == compiled.category_id(i))
            };
            match (change.files.get(file), found.get(file)) {
                (Some(f), Some(set)) if f.old_path.is_none() => set.set.iter().all(docs),
                (Some(f), _) => compiled
                    .classify_path(&f.path)
                    .indices
                    .into_iter()
                    .all(docs),
                (None, _) => false,
            }
        };
        let (nature, nature_declared) = match change.nature {
            Some(n) => (n, true),
            None => (
                rp.infer_nature(
                    &change.files,
                    &docs_only,
                    change.release_type == ReleaseType::Feature,
                ),
                false,
            ),
        };
        rp.plan(&RolloutFacts {
            prerequisites: request.prerequisites.as_ref(),
            file_count: change.files.len(),
            categories: category_ids,
            nature,
            nature_declared,
            users_affected: change.users_affected,
            gate: level,
        })
    })
}

/// The error-budget release gate of seed 001, when the policy has one; a blocker when it
/// blocks and does not approve.
#[inline(never)]
fn error_budget_gate(
    policy: &Policy,
    request: &Request,
    level: GateLevel,
    blockers: &mut Vec<Blocker>,
) -> Result<Option<error_budget::ErrorBudgetGateOutcome>, Error> {
    let change = &request.change;
    Ok(match (&policy.error_budget_gate, &request.error_budget) {
        (Some(gate_policy), Some(input)) => {
            let metrics = input.resolve(gate_policy)?;
            let (risk_level, derived) = match change.risk_level {
                Some(r) => (r, false),
                None => (RiskLevel::from_gate(level), true),
            };
            let outcome = error_budget::evaluate_release(
                gate_policy,
                &metrics,
                risk_level,
                derived,
                change.release_type,
                change.has_tests.unwrap_or(false),
                change.has_rollback_plan.unwrap_or(false),
            );
            if gate_policy.blocking && !outcome.approved {
                blockers.push(Blocker {
                    code: String::from("error_budget_gate"),
                    message: format!(
                        "Error-budget gate: {}. {}",
                        outcome.reason,
                        outcome.alternative.clone().unwrap_or_default()
                    )
                    .trim_end()
                    .to_owned(),
                    waived: false,
                });
            }
            Some(outcome)
        }
        (Some(gate_policy), None) if gate_policy.blocking => {
            blockers.push(Blocker {
                code: String::from("error_budget_gate"),
                message: String::from(
                    "Error-budget gate: the request gives no errorBudget figures, so the gate cannot approve the release.",
                ),
                waived: false,
            });
            None
        }
        _ => None,
    })
}

/// The go/no-go readiness checklist of seed 002, when the policy has one (or the request
/// gives its answers); a blocker when it blocks and says no-go.
#[inline(never)]
fn readiness(
    policy: &Policy,
    request: &Request,
    blockers: &mut Vec<Blocker>,
) -> Option<crate::readiness::ReadinessOutcome> {
    match &policy.readiness {
        Some(rp) if rp.blocking || request.readiness.is_some() => {
            let input = request.readiness.clone().unwrap_or_default();
            let outcome = rp.evaluate(&input);
            if rp.blocking && outcome.decision == GoNoGo::NoGo {
                let mut why = Vec::new();
                if !outcome.failing.is_empty() {
                    why.push(format!("gates not green: {}", outcome.failing.join(", ")));
                }
                if outcome.unresolved_sev12 > 0 {
                    why.push(format!(
                        "{} unresolved SEV-1/SEV-2",
                        outcome.unresolved_sev12
                    ));
                }
                blockers.push(Blocker {
                    code: String::from("readiness_no_go"),
                    message: format!("Go/no-go readiness is NO-GO: {}.", why.join("; ")),
                    waived: false,
                });
            }
            Some(outcome)
        }
        _ => None,
    }
}

/// The staged release pipeline of seed 003, when the policy has one (or the request gives
/// its stages); a blocker when it blocks and a stage fails.
#[inline(never)]
fn pipeline(
    policy: &Policy,
    request: &Request,
    error_budget_pct: Option<f64>,
    category_ids: &[&str],
    blockers: &mut Vec<Blocker>,
) -> Option<crate::pipeline::PipelineOutcome> {
    let change = &request.change;
    match &policy.pipeline {
        Some(pp) if pp.blocking || request.pipeline.is_some() => {
            let input = request.pipeline.clone().unwrap_or_default();
            let codes: Vec<String> = blockers.iter().map(|b| b.code.clone()).collect();
            let facts = PipelineFacts {
                release_type: change.release_type,
                error_budget_remaining_pct: error_budget_pct,
                policy_blockers: &codes,
                service_class: request.service.class,
                tier: request.service.tier,
                schema_change: category_ids.contains(&"schema_migration"),
                feature_flagged_feature: change.release_type == ReleaseType::Feature
                    && change.mitigations.iter().any(|m| m == "feature_flag"),
            };
            let outcome = pp.evaluate(&input, &facts);
            if pp.blocking && !outcome.passed {
                let reason = outcome
                    .stages
                    .iter()
                    .find(|s| Some(&s.id) == outcome.stopped_at.as_ref())
                    .map(|s| format!("{}: {}", s.id, s.reason))
                    .unwrap_or_default();
                blockers.push(Blocker {
                    code: String::from("pipeline_stage_failed"),
                    message: format!("The release pipeline stopped at {reason}."),
                    waived: false,
                });
            }
            Some(outcome)
        }
        _ => None,
    }
}

fn context_points(id: &str, points: u32, label: &Arc<str>, evidence: Vec<String>) -> Contribution {
    Contribution {
        kind: ContributionKind::Context,
        id: Arc::from(id),
        points: i64::from(points),
        label: Arc::clone(label),
        evidence: evidence.into_iter().map(Arc::from).collect(),
    }
}

/// Checks what the types alone cannot, returning the service's tier rule.
fn validate<'p>(
    policy: &'p Policy,
    request: &Request,
) -> Result<&'p crate::policy::TierRule, Error> {
    if request.service.name.trim().is_empty() {
        return Err(Error::request(
            "service.name",
            "the service name must not be empty",
        ));
    }
    let tier = policy.tiers.get(&request.service.tier).ok_or_else(|| {
        let known: Vec<String> = policy.tiers.keys().map(u8::to_string).collect();
        Error::request(
            "service.tier",
            format!(
                "tier {} is not defined by the policy (tiers: {})",
                request.service.tier,
                known.join(", ")
            ),
        )
    })?;
    let change = &request.change;
    if change.files.len() > crate::limits::MAX_FILES {
        return Err(crate::limits::exceeded(
            "change.files",
            "the number of files",
            change.files.len(),
            crate::limits::MAX_FILES,
        ));
    }
    if change.id.trim().is_empty() {
        return Err(Error::request(
            "change.id",
            "the change id must not be empty",
        ));
    }
    for (i, file) in change.files.iter().enumerate() {
        crate::limits::check_file_path(&file.path)
            .map_err(|e| e.within(&format!("change.files[{i}].path")))?;
        if let Some(old) = &file.old_path {
            crate::limits::check_file_path(old)
                .map_err(|e| e.within(&format!("change.files[{i}].oldPath")))?;
        }
    }
    check_names(
        &change.categories,
        "change.categories",
        "category",
        |id| policy.categories.contains_key(id),
        || policy.categories.keys().cloned().collect(),
    )?;
    check_names(
        &change.mitigations,
        "change.mitigations",
        "mitigation",
        |id| policy.mitigations.contains_key(id),
        || policy.mitigations.keys().cloned().collect(),
    )?;
    if let Some(pct) = request.context.error_budget_remaining_pct
        && !(pct.is_finite() && (0.0..=100.0).contains(&pct))
    {
        return Err(Error::request(
            "context.errorBudgetRemainingPct",
            format!("{pct} is not a percentage between 0 and 100"),
        ));
    }
    if request.exception.is_some() && request.now.is_none() {
        return Err(Error::request(
            "now",
            "an exception needs 'now' (RFC 3339 date and time) to set its follow-up due date",
        ));
    }
    if let (Some(rp), Some(input)) = (&policy.readiness, &request.readiness) {
        for id in input.gates.keys() {
            if !rp.gate_ids().any(|g| g == id) {
                return Err(Error::request(
                    format!("readiness.gates.{id}"),
                    format!("unknown readiness gate '{id}'"),
                ));
            }
        }
        for id in input.conditions.keys() {
            if !rp.condition_ids().any(|c| c == id) {
                return Err(Error::request(
                    format!("readiness.conditions.{id}"),
                    format!("unknown readiness condition '{id}'"),
                ));
            }
        }
    }
    Ok(tier)
}

fn check_names(
    names: &[String],
    at: &str,
    what: &str,
    known: impl Fn(&str) -> bool,
    all: impl Fn() -> Vec<String>,
) -> Result<(), Error> {
    for (i, name) in names.iter().enumerate() {
        if !known(name) {
            return Err(Error::request(
                format!("{at}[{i}]"),
                format!("unknown {what} '{name}' (known: {})", all().join(", ")),
            ));
        }
        if names.iter().take(i).any(|n| n == name) {
            return Err(Error::request(
                format!("{at}[{i}]"),
                format!("{what} '{name}' is listed twice"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {

    use crate::gate::GateLevel;

    #[test]
    fn gate_levels_are_never_raised_above_g4() {
        assert_eq!(GateLevel::G4.raised(1), GateLevel::G4);
        assert_eq!(GateLevel::G1.raised(2), GateLevel::G3);
    }
}
