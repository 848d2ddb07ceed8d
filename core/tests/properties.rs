//! Property tests of the engine's invariants over varied valid requests.
//!
//! Requests are generated as JSON documents (the public contract), parsed with
//! `riskgate::parse_request` and evaluated with `riskgate::evaluate` /
//! `riskgate::evaluate_json`; decisions are inspected as JSON.

// Test code: a panic (unwrap, indexing) is how a failure is reported. The workspace denies
// these lints for library code; `clippy.toml` only exempts `#[test]` functions, not helpers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use proptest::sample::subsequence;
use serde_json::{Value, json};

/// One path per category of the default policy (and the fallback), so random subsets
/// of files reach every category.
const PATHS: &[&str] = &[
    "README.md",
    "docs/guide.md",
    "src/metrics/latency.go",
    "web/app.css",
    "src/components/Button.tsx",
    "src/util/strings.go",
    "api/openapi.yaml",
    "proto/orders.proto",
    "package.json",
    "Cargo.lock",
    "src/core/rules.rs",
    "db/migrations/0001_init.sql",
    "src/auth/login.ts",
    "src/pii/export.py",
    "infra/main.tf",
    "k8s/deploy.yaml",
    "src/crypto/keys.rs",
    "src/payments/charge.go",
    "src/queue/consumer.go",
];

const CATEGORIES: &[&str] = &[
    "docs",
    "telemetry",
    "ui",
    "logic",
    "api_contract",
    "dependency",
    "core_logic",
    "schema_migration",
    "auth",
    "pii",
    "infra",
    "crypto",
    "payments",
    "queue_semantics",
];

const MITIGATIONS: &[&str] = &[
    "feature_flag",
    "canary",
    "integration_coverage",
    "safe_migration",
    "permission_boundary",
];

const RELEASE_TYPES: &[&str] = &[
    "feature",
    "bugfix",
    "incident_fix",
    "security_fix",
    "rollback",
    "chore",
];

const FLAGS: &[&str] = &[
    "activeIncident",
    "recentSev12",
    "onCallLoadHigh",
    "restrictedWindow",
];

const REASONS: &[&str] = &[
    "incident_mitigation",
    "security_fix",
    "compliance_deadline",
    "not_a_reason",
];

const ROLES: &[&str] = &["dm", "on_call", "pm"];

#[derive(Debug, Clone)]
struct Exception {
    reason: &'static str,
    rationale: bool,
    roles: Vec<&'static str>,
}

#[derive(Debug, Clone)]
struct Params {
    tier: u8,
    files: Vec<&'static str>,
    categories: Vec<&'static str>,
    mitigations: Vec<&'static str>,
    release_type: &'static str,
    customer_impacting: bool,
    flags: [bool; 4],
    /// Tenths of a percent, so the 10% and 50% boundaries are hit exactly.
    error_budget_tenths: Option<u32>,
    allocated: Option<u32>,
    /// Consumed budget in thousandths of the allocation (over 1000: over-consumed).
    consumed_permille: u32,
    exceptions: u32,
    exception: Option<Exception>,
    /// Days after 2026-01-01 and a UTC offset in hours.
    now: (u32, i32, u32),
}

fn exception_strategy() -> impl Strategy<Value = Option<Exception>> {
    prop::option::of(
        (
            prop::sample::select(REASONS),
            prop::bool::weighted(0.9),
            prop::array::uniform3(prop::bool::weighted(0.85)),
        )
            .prop_map(|(reason, rationale, present)| Exception {
                reason,
                rationale,
                roles: ROLES
                    .iter()
                    .zip(present)
                    .filter_map(|(role, on)| on.then_some(*role))
                    .collect(),
            }),
    )
}

fn params() -> impl Strategy<Value = Params> {
    (
        (
            0u8..=3,
            subsequence(PATHS, 0..=2),
            subsequence(CATEGORIES, 0..=1),
            subsequence(MITIGATIONS, 0..=MITIGATIONS.len()),
            prop::sample::select(RELEASE_TYPES),
            any::<bool>(),
        ),
        (
            prop::array::uniform4(prop::bool::weighted(0.2)),
            prop::option::of(0u32..=1000),
            prop::option::of(0u32..=400),
            0u32..=1200,
            prop::sample::select(&[0u32, 0, 0, 1, 2, 3][..]),
            exception_strategy(),
            (0u32..365, -12i32..=14, 0u32..24),
        ),
    )
        .prop_map(
            |(
                (tier, files, categories, mitigations, release_type, customer_impacting),
                (
                    flags,
                    error_budget_tenths,
                    allocated,
                    consumed_permille,
                    exceptions,
                    exception,
                    now,
                ),
            )| Params {
                tier,
                files,
                categories,
                mitigations,
                release_type,
                customer_impacting,
                flags,
                error_budget_tenths,
                allocated,
                consumed_permille,
                exceptions,
                exception,
                now,
            },
        )
}

impl Params {
    /// Consumed risk points: a share of the allocation (the tier's monthly budget when none).
    fn consumed(&self) -> u32 {
        let monthly = [300, 200, 120, 80];
        let allocated = self.allocated.unwrap_or(monthly[usize::from(self.tier)]);
        allocated * self.consumed_permille / 1000
    }

    fn to_json(&self) -> Value {
        let mut context = serde_json::Map::new();
        for (flag, on) in FLAGS.iter().zip(self.flags) {
            context.insert((*flag).to_owned(), Value::Bool(on));
        }
        if let Some(tenths) = self.error_budget_tenths {
            context.insert(
                "errorBudgetRemainingPct".to_owned(),
                json!(f64::from(tenths) / 10.0),
            );
        }
        let mut budget =
            json!({ "consumed": self.consumed(), "exceptionsThisWindow": self.exceptions });
        if let Some(allocated) = self.allocated {
            budget["allocated"] = json!(allocated);
        }
        let (day, offset, hour) = self.now;
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
            + chrono::Days::new(u64::from(day));
        let now = format!(
            "{}T{hour:02}:30:00{}{:02}:00",
            date.format("%Y-%m-%d"),
            if offset < 0 { '-' } else { '+' },
            offset.abs()
        );
        let mut request = json!({
            "service": { "name": "svc", "tier": self.tier },
            "change": {
                "id": "c1",
                "releaseType": self.release_type,
                "files": self.files.iter().map(|p| json!({ "path": p, "additions": 3 })).collect::<Vec<_>>(),
                "categories": self.categories,
                "mitigations": self.mitigations,
                "customerImpacting": self.customer_impacting,
            },
            "context": context,
            "budget": budget,
            "now": now,
        });
        if let Some(ex) = &self.exception {
            let approvers: Vec<Value> = ex
                .roles
                .iter()
                .map(|role| json!({ "name": format!("Approver {role}"), "role": role }))
                .collect();
            request["exception"] = json!({
                "reason": ex.reason,
                "rationale": if ex.rationale { "Customer harm prevention" } else { "" },
                "approvers": approvers,
            });
        }
        request
    }
}

/// Evaluates a request document through the public API and returns the decision as JSON.
fn decide(request: &Value) -> Value {
    let text = request.to_string();
    let parsed = riskgate::parse_request(&text)
        .unwrap_or_else(|e| panic!("generated request rejected: {e}\n{text}"));
    let decision =
        riskgate::evaluate(&parsed).unwrap_or_else(|e| panic!("evaluation failed: {e}\n{text}"));
    serde_json::from_str(&decision.to_json()).unwrap()
}

fn level(decision: &Value) -> String {
    decision["gate"]["level"].as_str().unwrap().to_owned()
}

fn int(decision: &Value, pointer: &str) -> i64 {
    decision
        .pointer(pointer)
        .and_then(Value::as_i64)
        .unwrap_or_else(|| panic!("{pointer} is not an integer"))
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn contributions_sum_to_the_total_and_the_total_is_at_least_one(p in params()) {
        let d = decide(&p.to_json());
        let total = int(&d, "/score/total");
        let sum: i64 = d["score"]["contributions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["points"].as_i64().unwrap())
            .sum();
        prop_assert_eq!(sum, total);
        prop_assert!(total >= 1);
        let floors = d["score"]["contributions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["kind"] == "floor")
            .count();
        prop_assert!(floors <= 1);
    }

    #[test]
    fn budget_arithmetic_holds(p in params()) {
        let d = decide(&p.to_json());
        let total = int(&d, "/score/total");
        let penalty = int(&d, "/budget/penalty");
        let charge = int(&d, "/budget/charge");
        prop_assert_eq!(charge, total + penalty);
        prop_assert_eq!(int(&d, "/budget/remainingAfter"), int(&d, "/budget/remainingBefore") - charge);
        prop_assert_eq!(
            int(&d, "/budget/remainingBefore"),
            int(&d, "/budget/allocated") - int(&d, "/budget/consumedBefore")
        );
        let exception_penalty = d["exception"]["penalty"].as_i64().unwrap_or(0);
        prop_assert_eq!(penalty, exception_penalty);
    }

    #[test]
    fn verdict_is_go_exactly_when_every_blocker_is_waived(p in params()) {
        let d = decide(&p.to_json());
        let all_waived = d["blockers"].as_array().unwrap().iter().all(|b| b["waived"] == true);
        prop_assert_eq!(d["verdict"] == "go", all_waived);
        prop_assert!(d["verdict"] == "go" || d["verdict"] == "blocked");
    }

    #[test]
    fn evaluation_is_deterministic(p in params()) {
        let text = p.to_json().to_string();
        let first = riskgate::evaluate_json(&text).unwrap();
        let second = riskgate::evaluate_json(&text).unwrap();
        prop_assert_eq!(&first, &second);
        // The typed path gives the same bytes, and so does a serialize/parse round trip of the request.
        let request: riskgate::Request = riskgate::parse_request(&text).unwrap();
        prop_assert_eq!(&riskgate::evaluate(&request).unwrap().to_json(), &first);
        let again = serde_json::to_string(&request).unwrap();
        prop_assert_eq!(&riskgate::evaluate_json(&again).unwrap(), &first);
    }

    #[test]
    fn adding_a_category_never_lowers_the_gate(p in params(), which in 0..CATEGORIES.len()) {
        let before = p.to_json();
        let mut after = before.clone();
        let id = CATEGORIES[which];
        if !p.categories.contains(&id) {
            after["change"]["categories"].as_array_mut().unwrap().push(json!(id));
        }
        prop_assert!(level(&decide(&after)) >= level(&decide(&before)));
    }

    #[test]
    fn adding_a_file_never_lowers_the_gate(p in params(), which in 0..PATHS.len()) {
        let before = p.to_json();
        let mut after = before.clone();
        after["change"]["files"].as_array_mut().unwrap().push(json!({ "path": PATHS[which] }));
        prop_assert!(level(&decide(&after)) >= level(&decide(&before)));
    }

    #[test]
    fn setting_a_context_flag_never_lowers_the_gate(p in params(), which in 0..FLAGS.len()) {
        let before = p.to_json();
        let mut after = before.clone();
        after["context"][FLAGS[which]] = json!(true);
        prop_assert!(level(&decide(&after)) >= level(&decide(&before)));
    }

    #[test]
    fn lowering_the_error_budget_never_lowers_the_gate(p in params(), lower in 0u32..=1000) {
        let mut before = p.to_json();
        let start = p.error_budget_tenths.unwrap_or(1000);
        let lower = lower.min(start);
        before["context"]["errorBudgetRemainingPct"] = json!(f64::from(start) / 10.0);
        let mut after = before.clone();
        after["context"]["errorBudgetRemainingPct"] = json!(f64::from(lower) / 10.0);
        prop_assert!(level(&decide(&after)) >= level(&decide(&before)));
    }

    #[test]
    fn raising_consumed_budget_never_lowers_the_gate(p in params(), more in 0u32..=300) {
        let before = p.to_json();
        let mut after = before.clone();
        after["budget"]["consumed"] = json!(p.consumed() + more);
        let (b, a) = (decide(&before), decide(&after));
        prop_assert!(level(&a) >= level(&b));
        // The status only ever gets worse as more is consumed.
        let rank = |d: &Value| match d["budget"]["statusBefore"].as_str().unwrap() {
            "green" => 0,
            "yellow" => 1,
            "red" => 2,
            "exhausted" => 3,
            other => panic!("unknown status {other}"),
        };
        prop_assert!(rank(&a) >= rank(&b));
    }

    #[test]
    fn raising_exceptions_this_window_never_lowers_the_gate(p in params(), more in 0u32..=3) {
        let before = p.to_json();
        let mut after = before.clone();
        after["budget"]["exceptionsThisWindow"] = json!(p.exceptions + more);
        prop_assert!(level(&decide(&after)) >= level(&decide(&before)));
    }
}
